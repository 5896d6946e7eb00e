package referrers_test

import (
	"strings"
	"testing"

	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/migrations"
	"gorm.io/gorm"
)

// TestMigration00019DownAndUp runs migration 00019's Down section on a
// migrated database, then its Up section again: both are valid SQL on the
// dialect and leave the schema as they found it.
func TestMigration00019DownAndUp(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		dir := "sqlite"
		if database.DialectOf(db) == database.Postgres {
			dir = "postgres"
		}
		b, err := migrations.FS.ReadFile(dir + "/00019_referrers.sql")
		if err != nil {
			t.Fatal(err)
		}
		up, down, ok := strings.Cut(strings.TrimPrefix(string(b), "-- +goose Up"), "-- +goose Down")
		if !ok {
			t.Fatal("no Down section")
		}
		exec := func(section string) {
			t.Helper()
			var code []string // comments may hold semicolons: drop them first
			for _, line := range strings.Split(section, "\n") {
				if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "--") {
					code = append(code, line)
				}
			}
			for _, stmt := range strings.Split(strings.Join(code, "\n"), ";") {
				if strings.TrimSpace(stmt) == "" {
					continue
				}
				if err := db.Exec(stmt).Error; err != nil {
					t.Fatalf("%s: %v", stmt, err)
				}
			}
		}
		exec(down)
		if db.Migrator().HasTable("referrers") || db.Migrator().HasColumn("orders", "referrer_id") || db.Migrator().HasColumn("coops", "referrer_id") {
			t.Fatal("Down left part of 00019")
		}
		exec(up)
		if !db.Migrator().HasTable("referrers") || !db.Migrator().HasColumn("orders", "referrer_id") || !db.Migrator().HasColumn("coops", "referrer_id") {
			t.Fatal("Up again did not restore 00019")
		}
	})
}
