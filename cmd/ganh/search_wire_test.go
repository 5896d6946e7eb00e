package main

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/config"
)

// TestWarnPerProcessIndex: only PostgreSQL with the embedded index (where a
// second instance would search a different index) gets the warning.
func TestWarnPerProcessIndex(t *testing.T) {
	for _, c := range []struct {
		name     string
		vars     map[string]string
		warnings int
	}{
		{"SQLite, embedded index", nil, 0},
		{"PostgreSQL, embedded index", map[string]string{"GANH_DATABASE_URL": "postgres://ganh@db/ganh"}, 1},
		{"PostgreSQL, Meilisearch", map[string]string{"GANH_DATABASE_URL": "postgres://ganh@db/ganh", "GANH_MEILI_URL": "http://search:7700"}, 0},
	} {
		cfg, err := config.Load(func(k string) string { return c.vars[k] })
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		warnPerProcessIndex(cfg, slog.New(slog.NewTextHandler(&buf, nil)))
		out := buf.String()
		if n := strings.Count(out, "level=WARN"); n != c.warnings {
			t.Errorf("%s: %d warnings: %s", c.name, n, out)
		}
		if c.warnings > 0 && (!strings.Contains(out, "differ between instances") || !strings.Contains(out, "GANH_MEILI_URL") ||
			strings.Contains(out, "postgres://")) {
			t.Errorf("%s: %s", c.name, out)
		}
	}
}
