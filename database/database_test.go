package database_test

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/database/dbtest"
	"gorm.io/gorm"
)

func TestMigrateInstallsCategoryTree(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		var top []string
		if err := db.Raw("SELECT slug FROM categories WHERE parent_id IS NULL ORDER BY position").Scan(&top).Error; err != nil {
			t.Fatal(err)
		}
		want := []string{"thuc-pham", "do-uong", "nong-san", "duoc-lieu", "thu-cong-my-nghe", "det-may"}
		if len(top) != len(want) {
			t.Fatalf("top-level categories = %v, want %v", top, want)
		}
		for i := range want {
			if top[i] != want[i] {
				t.Fatalf("top-level categories = %v, want %v", top, want)
			}
		}
		var name string
		db.Raw("SELECT name FROM categories WHERE slug = ?", "thu-cong-my-nghe").Scan(&name)
		if name != "Thủ công mỹ nghệ" {
			t.Fatalf("name = %q, want Vietnamese with diacritics", name)
		}
	})
}

func TestMigrateIsIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		if err := database.Migrate(ctx, db, nil); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		cur, latest, err := database.MigrationStatus(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if cur != latest || cur == 0 {
			t.Fatalf("version %d, latest %d", cur, latest)
		}
	})
}

func TestSQLitePragmas(t *testing.T) {
	db := dbtest.SQLite(t)
	var fk, busy int
	var mode string
	db.Raw("PRAGMA foreign_keys").Scan(&fk)
	db.Raw("PRAGMA busy_timeout").Scan(&busy)
	db.Raw("PRAGMA journal_mode").Scan(&mode)
	if fk != 1 || busy < 1000 || mode != "wal" {
		t.Fatalf("foreign_keys=%d busy_timeout=%d journal_mode=%s", fk, busy, mode)
	}
}

// TestSQLiteConcurrentWriters proves transactions that read then write do
// not fail with "database is locked" under concurrency: they take the write
// lock at BEGIN and queue on busy_timeout.
func TestSQLiteConcurrentWriters(t *testing.T) {
	db := dbtest.SQLite(t)
	if err := db.Exec("CREATE TABLE counter (n INTEGER NOT NULL)").Error; err != nil {
		t.Fatal(err)
	}
	db.Exec("INSERT INTO counter (n) VALUES (0)")
	const writers = 40
	errs := make(chan error, writers)
	for i := 0; i < writers; i++ {
		go func() {
			errs <- db.Transaction(func(tx *gorm.DB) error {
				var n int
				if err := tx.Raw("SELECT n FROM counter").Scan(&n).Error; err != nil {
					return err
				}
				return tx.Exec("UPDATE counter SET n = ?", n+1).Error
			})
		}()
	}
	for i := 0; i < writers; i++ {
		if err := <-errs; err != nil {
			t.Errorf("transaction failed: %v", err)
		}
	}
	var n int
	db.Raw("SELECT n FROM counter").Scan(&n)
	if n != writers {
		t.Fatalf("counter = %d, want %d: lost updates", n, writers)
	}
}

// TestScanRows: each row's raw bytes are there while use runs (as bytea on
// PostgreSQL and as text on SQLite), in the statement's order; no row is
// sql.ErrNoRows and use is not called; use's error stops the reading and is
// the answer.
func TestScanRows(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		text := "'chiếu cói'"
		if database.DialectOf(db) == database.Postgres {
			text = "convert_to('chiếu cói', 'UTF8')"
		}
		q := "SELECT " + text + ", 7 UNION ALL SELECT " + text + ", 8 ORDER BY 2"
		var (
			raw  sql.RawBytes
			n    int
			kept []string
		)
		err := database.ScanRows(ctx, db, q, nil, []any{&raw, &n}, func() error {
			kept = append(kept, string(raw)+" "+strconv.Itoa(n))
			return nil
		})
		if err != nil || strings.Join(kept, ", ") != "chiếu cói 7, chiếu cói 8" {
			t.Fatalf("got %q %v", kept, err)
		}
		called := false
		err = database.ScanRows(ctx, db, "SELECT "+text+", 7 WHERE 1 = 0", nil, []any{&raw, &n}, func() error { called = true; return nil })
		if !errors.Is(err, sql.ErrNoRows) || called {
			t.Fatalf("no row: %v, use called %v", err, called)
		}
		stop := errors.New("stop")
		calls := 0
		if err := database.ScanRows(ctx, db, q, nil, []any{&raw, &n}, func() error { calls++; return stop }); !errors.Is(err, stop) || calls != 1 {
			t.Fatalf("use's error: %v after %d calls", err, calls)
		}
	})
}
