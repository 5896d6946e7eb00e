// Package database opens the one relational database the service runs on:
// PostgreSQL when a URL is configured, otherwise an SQLite file in the data
// directory through a pure-Go driver, so that a fresh machine with only Go can
// run the marketplace. Both go through GORM; domain packages never see which.
package database

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// Dialect names the database engine behind a *gorm.DB.
type Dialect string

// The supported engines; the values are GORM's dialector names.
const (
	Postgres Dialect = "postgres"
	SQLite   Dialect = "sqlite"
)

// DialectOf says which engine db talks to.
func DialectOf(db *gorm.DB) Dialect { return Dialect(db.Name()) }

// Options are what Open needs; they come from config.Config.
type Options struct {
	URL     string // postgres:// URL; empty selects SQLite
	DataDir string // where the SQLite file lives
	Logger  *slog.Logger
}

// Open connects to the configured database and checks that it answers.
func Open(ctx context.Context, o Options) (*gorm.DB, error) {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	cfg := &gorm.Config{
		TranslateError: true,
		NowFunc:        func() time.Time { return time.Now().UTC() },
		Logger:         NewLogger(o.Logger, 0),
		// Keep time zones out of the data: every time is stored in UTC.
		SkipDefaultTransaction: true,
	}
	var (
		db  *gorm.DB
		err error
	)
	if o.URL != "" {
		db, err = gorm.Open(postgres.Open(o.URL), cfg)
	} else {
		var dsn string
		dsn, err = sqliteDSN(o.DataDir)
		if err == nil {
			db, err = gorm.Open(sqlite.Open(dsn), cfg)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := reportDeadlines(db); err != nil {
		return nil, err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	if DialectOf(db) == Postgres {
		sqlDB.SetMaxOpenConns(25)
		sqlDB.SetMaxIdleConns(25)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	} else {
		// SQLite has one writer at a time; a few connections let WAL readers
		// run beside it while immediate transactions queue on busy_timeout.
		sqlDB.SetMaxOpenConns(4)
		sqlDB.SetMaxIdleConns(4)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("database does not answer: %w", err)
	}
	return db, nil
}

// sqliteDSN builds the connection string for the embedded database file:
// WAL so readers do not block the writer, a busy timeout instead of instant
// "database is locked" errors, foreign keys enforced, transactions that take
// the write lock up front (a deferred one that later writes can fail with
// SQLITE_BUSY no timeout can fix). Times are written in the driver's default
// format, which sorts correctly as text because every time we store is UTC.
// _time_format must not be set: glebarez/go-sqlite v1.21.2 stops reading the
// DSN after it and silently drops _txlock (TestSQLiteConcurrentWriters).
func sqliteDSN(dataDir string) (string, error) {
	if dataDir == "" {
		return "", errors.New("a data directory is required for SQLite")
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return "", fmt.Errorf("create data dir: %w", err)
	}
	return SQLiteFileDSN(filepath.Join(dataDir, "ganh.db")), nil
}

// SQLiteFileDSN is the DSN of an SQLite file with the pragmas the service relies on.
func SQLiteFileDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// Close closes the pool behind db.
func Close(db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Ping checks that the database answers within ctx.
func Ping(ctx context.Context, db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}
