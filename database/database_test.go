package database_test

import (
	"context"
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
