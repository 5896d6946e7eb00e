package reports

import (
	"testing"
	"time"

	"github.com/ganh-market/ganh/database/dbtest"
)

// TestSQLiteOrderDay pins what the SQLite rollup SQL relies on: the text the
// driver stores for an order's created_at, and the local day orderDay reads
// from it and from text in Go's time.String() form.
func TestSQLiteOrderDay(t *testing.T) {
	db := dbtest.SQLite(t)
	at := time.Date(2026, 1, 31, 17, 30, 0, 123456789, time.UTC) // 00:30 on 1 February in Ha Noi
	var stored string
	if err := db.Raw("SELECT CAST(? AS TEXT)", at).Scan(&stored).Error; err != nil {
		t.Fatal(err)
	}
	if stored != "2026-01-31 17:30:00.123456789+00:00" {
		t.Errorf("the driver stores %q; revisit dialect.orderDay and the overview's text comparisons", stored)
	}
	for _, c := range []struct{ stored, want string }{
		{stored, "2026-02-01"},
		{"2026-01-31 16:30:00+00:00", "2026-01-31"},
		{"2026-01-31 17:30:00.5", "2026-02-01"},
		{"2026-01-31 17:30:00 +0000 UTC", "2026-02-01"},
		{"2026-01-31 16:59:59.999999999 +0000 UTC", "2026-01-31"},
		{"2026-01-31T17:00:00Z", "2026-02-01"},
		{"2026-02-01 00:30:00+07:00", "2026-02-01"},
	} {
		var got *string
		if err := db.Raw("SELECT "+sqliteDialect.orderDay+" FROM (SELECT ? AS created_at) o", c.stored).Scan(&got).Error; err != nil {
			t.Fatal(err)
		}
		if got == nil || *got != c.want {
			t.Errorf("local day of %q = %v, want %s", c.stored, got, c.want)
		}
	}
}
