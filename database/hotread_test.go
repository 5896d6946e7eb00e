package database

import "testing"

func TestRebind(t *testing.T) {
	for _, c := range []struct {
		d      Dialect
		in, pg string
	}{
		{Postgres, "SELECT 1", "SELECT 1"},
		{Postgres, "SELECT ? WHERE a = ? AND b IN (?)", "SELECT $1 WHERE a = $2 AND b IN ($3)"},
		{SQLite, "SELECT ? WHERE a = ?", "SELECT ? WHERE a = ?"},
	} {
		if got := Rebind(c.d, c.in); got != c.pg {
			t.Errorf("Rebind(%s, %q) = %q, want %q", c.d, c.in, got, c.pg)
		}
	}
}
