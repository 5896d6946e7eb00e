package main

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/database/dbtest"
)

// TestWireFillsEveryAPIDependency: wire builds every service first and
// fills the API's dependencies once; a served process lacks none of them.
func TestWireFillsEveryAPIDependency(t *testing.T) {
	dir := t.TempDir()
	cfg, err := config.Load(func(k string) string {
		if k == "GANH_DATA_DIR" {
			return dir
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := wire(context.Background(), cfg, slog.New(slog.DiscardHandler), dbtest.SQLite(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)
	if _, err := apiDeps(s.deps); err != nil {
		t.Fatal(err)
	}
	if s.deps.Orders != s.orders || s.deps.MediaFiles == nil || len(s.deps.Ready) != 2 {
		t.Fatalf("deps not filled from the wired services: %+v", s.deps)
	}
}

// TestAPIDepsNamesWhatIsMissing: an incomplete api.Deps is refused with
// every missing part named, rather than served with parts answering 503.
func TestAPIDepsNamesWhatIsMissing(t *testing.T) {
	_, err := apiDeps(api.Deps{Log: slog.New(slog.DiscardHandler)})
	if err == nil {
		t.Fatal("empty deps accepted")
	}
	for _, name := range []string{"DB", "Accounts", "Catalog", "Orders", "Reports", "Search", "Media", "Images", "Mount", "ErrorPage"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("%q does not name %s", err, name)
		}
	}
	if strings.Contains(err.Error(), "Log") {
		t.Errorf("%q names Log, which was set", err)
	}
}
