package privacy_test

import (
	"regexp"
	"sort"
	"testing"

	"github.com/ganh-market/ganh/database"
	"gorm.io/gorm"
)

// userColumn is how a column that names a person is called when it has no
// foreign key to say so.
var userColumn = regexp.MustCompile(`^(user_id|.+_user_id|actor_id|actor|.+_by|subject_id|owner_id|buyer_id|recipient_id)$`)

// tableColumn is one column of the schema.
type tableColumn struct{ Table, Column string }

// personColumns introspects the schema for every column that names a
// person: a foreign key to users, or a user-ish name.
func personColumns(t *testing.T, db *gorm.DB) []tableColumn {
	t.Helper()
	var cols []tableColumn
	var fks []tableColumn
	if database.DialectOf(db) == database.Postgres {
		if err := db.Raw(`SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
			WHERE table_schema = current_schema()`).Scan(&cols).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Raw(`SELECT kcu.table_name AS "table", kcu.column_name AS "column"
			FROM information_schema.referential_constraints rc
			JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name AND kcu.constraint_schema = rc.constraint_schema
			JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.unique_constraint_name AND ccu.constraint_schema = rc.unique_constraint_schema
			WHERE rc.constraint_schema = current_schema() AND ccu.table_name = 'users'`).Scan(&fks).Error; err != nil {
			t.Fatal(err)
		}
	} else {
		if err := db.Raw(`SELECT m.name AS "table", p.name AS "column" FROM sqlite_master m, pragma_table_info(m.name) p
			WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`).Scan(&cols).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Raw(`SELECT m.name AS "table", f."from" AS "column" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
			WHERE m.type = 'table' AND f."table" = 'users'`).Scan(&fks).Error; err != nil {
			t.Fatal(err)
		}
	}
	if len(cols) < 50 {
		t.Fatalf("only %d columns found: the introspection is broken", len(cols))
	}
	seen := map[tableColumn]bool{{"users", "id"}: true}
	for _, c := range fks {
		seen[c] = true
	}
	for _, c := range cols {
		if userColumn.MatchString(c.Column) {
			seen[c] = true
		}
	}
	out := make([]tableColumn, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Table+"."+out[i].Column < out[j].Table+"."+out[j].Column })
	return out
}
