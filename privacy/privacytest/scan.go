// Package privacytest helps tests prove an erasure: it scans the whole
// database for what should be gone.
package privacytest

import (
	"testing"

	"github.com/ganh-market/ganh/database"
	"gorm.io/gorm"
)

// Traces counts, in every column of every table (each read as text), the
// rows that hold needle.
func Traces(t testing.TB, db *gorm.DB, needle string) map[string]int64 {
	t.Helper()
	var cols []struct{ Table, Column string }
	q := `SELECT m.name AS "table", p.name AS "column" FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`
	if database.DialectOf(db) == database.Postgres {
		q = `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
			WHERE table_schema = current_schema()`
	}
	if err := db.Raw(q).Scan(&cols).Error; err != nil {
		t.Fatal(err)
	}
	if len(cols) < 50 {
		t.Fatalf("only %d columns: the scan is broken", len(cols))
	}
	found := map[string]int64{}
	for _, c := range cols {
		var n int64
		expr := `CAST("` + c.Column + `" AS TEXT)`
		if err := db.Raw(`SELECT COUNT(*) FROM "`+c.Table+`" WHERE `+expr+` LIKE ?`, "%"+needle+"%").Scan(&n).Error; err != nil {
			t.Fatalf("scan %s.%s: %v", c.Table, c.Column, err)
		}
		if n > 0 {
			found[c.Table+"."+c.Column] = n
		}
	}
	return found
}
