package main

import (
	"context"
	"log/slog"
	"testing"

	"github.com/ganh-market/ganh/config"
	"gorm.io/gorm"
)

// wired wires the services as serve does, over db, with the data directory
// in a fresh temporary folder and vars as the rest of the environment; it
// returns the services (closed when the test ends) and that folder.
func wired(t *testing.T, db *gorm.DB, vars map[string]string) (*services, string) {
	t.Helper()
	dir := t.TempDir()
	cfg, err := config.Load(func(k string) string {
		if k == "GANH_DATA_DIR" {
			return dir
		}
		return vars[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := wire(context.Background(), cfg, slog.New(slog.DiscardHandler), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)
	return s, dir
}
