package reports

import (
	"github.com/ganh-market/ganh/database"
	"gorm.io/gorm"
)

// dialect holds the only SQL that differs between PostgreSQL and SQLite:
// how a rollup day (DATE on PostgreSQL, TEXT 'YYYY-MM-DD' on SQLite) gives
// its month, and the local date of an order's created_at.
type dialect struct {
	// month is the "YYYY-MM" of a rollup day column, %s.
	month string
	// orderDay is the local date on which order o was placed. On SQLite,
	// created_at is text: the driver writes '2006-01-02 15:04:05.999999999-07:00',
	// which SQLite's date functions read offset and all. Text in Go's
	// time.String() form ('… +0000 UTC', as other writers leave it) they
	// cannot read; its first 19 characters are the time, UTC in this
	// database, which they can.
	orderDay string
}

var (
	postgresDialect = dialect{
		month:    "to_char(%s, 'YYYY-MM')",
		orderDay: "(o.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date",
	}
	sqliteDialect = dialect{
		month:    "substr(%s, 1, 7)",
		orderDay: "date(COALESCE(julianday(o.created_at), julianday(substr(o.created_at, 1, 19))), '+7 hours')",
	}
)

func dialectOf(db *gorm.DB) dialect {
	if database.DialectOf(db) == database.Postgres {
		return postgresDialect
	}
	return sqliteDialect
}
