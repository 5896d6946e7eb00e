// Package dbtest hands each test a fresh, migrated database: always an SQLite
// file in the test's temp dir, and a fresh PostgreSQL schema when
// GANH_TEST_DATABASE_URL is set (dropped when the test ends). Run executes a
// test body once per available engine so storage code is proved on both.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/ganh-market/ganh/database"
	"gorm.io/gorm"
)

// EnvPostgres names the variable that points the suite at a PostgreSQL server.
const EnvPostgres = "GANH_TEST_DATABASE_URL"

// Run runs fn as a subtest named "sqlite" and, when GANH_TEST_DATABASE_URL is
// set, as a subtest named "postgres", each with its own fresh database.
func Run(t *testing.T, fn func(t *testing.T, db *gorm.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// RunOpen is Run that also gives fn the options that open the same
// database again, for a test that runs a second process on it.
func RunOpen(t *testing.T, fn func(t *testing.T, db *gorm.DB, o database.Options)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		o := database.Options{DataDir: filepath.Join(t.TempDir(), "db")}
		fn(t, open(t, o), o)
	})
	t.Run("postgres", func(t *testing.T) {
		o := postgresOptions(t)
		fn(t, open(t, o), o)
	})
}

// SQLite returns a migrated database in a file under t.TempDir().
func SQLite(t testing.TB) *gorm.DB {
	t.Helper()
	return open(t, database.Options{DataDir: filepath.Join(t.TempDir(), "db")})
}

// Postgres returns a migrated database in a schema of its own on the server
// named by GANH_TEST_DATABASE_URL, or skips the test when it is not set.
func Postgres(t testing.TB) *gorm.DB {
	t.Helper()
	return open(t, postgresOptions(t))
}

// postgresOptions creates a fresh schema (dropped when the test ends) and
// returns the options that open it.
func postgresOptions(t testing.TB) database.Options {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skipf("PostgreSQL suite skipped: set %s (e.g. postgres://postgres@127.0.0.1:5432/ganh_test?sslmode=disable); .ci/run does", EnvPostgres)
	}
	schema := "t_" + randomHex(6)
	admin, err := database.Open(context.Background(), database.Options{URL: base})
	if err != nil {
		t.Fatalf("connect to %s: %v", EnvPostgres, err)
	}
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		_ = database.Close(admin)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return database.Options{URL: u.String()}
}

func open(t testing.TB, o database.Options) *gorm.DB {
	t.Helper()
	ctx := context.Background()
	db, err := database.Open(ctx, o)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { _ = database.Close(db) })
	if err := database.Migrate(ctx, db, nil); err != nil {
		t.Fatalf("migrate test database: %v", err)
	}
	return db
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// QueryCounter counts the SQL statements a *gorm.DB runs, so tests can prove
// a page costs a fixed number of queries however many items it shows.
type QueryCounter struct{ n atomic.Int64 }

// Count returns the statements seen since the last Reset.
func (q *QueryCounter) Count() int64 { return q.n.Load() }

// Reset sets the count back to zero.
func (q *QueryCounter) Reset() { q.n.Store(0) }

// CountQueries registers a counter on db's callbacks. Every query, create,
// update, delete and raw statement adds one, and so does every
// database.ScanRow on db.
func CountQueries(t testing.TB, db *gorm.DB) *QueryCounter {
	t.Helper()
	qc := &QueryCounter{}
	name := fmt.Sprintf("dbtest:count:%p", qc)
	inc := func(*gorm.DB) { qc.n.Add(1) }
	cb := db.Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register(name, inc),
		cb.Create().After("gorm:create").Register(name, inc),
		cb.Update().After("gorm:update").Register(name, inc),
		cb.Delete().After("gorm:delete").Register(name, inc),
		cb.Row().After("gorm:row").Register(name, inc),
		cb.Raw().After("gorm:raw").Register(name, inc),
	} {
		if err != nil {
			t.Fatalf("register query counter: %v", err)
		}
	}
	// The hot reads go past GORM (database.ScanRow); count those on db too.
	database.ObserveScanRows(func(seen *gorm.DB) {
		if seen.Config == db.Config {
			qc.n.Add(1)
		}
	})
	return qc
}
