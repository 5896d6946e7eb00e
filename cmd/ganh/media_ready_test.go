package main

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/database/dbtest"
)

// readyz asks a served app for /readyz and returns the status and the
// media check's status.
func readyz(t *testing.T, vars map[string]string, breakStore func(root string)) (int, string) {
	t.Helper()
	s, dir := wired(t, dbtest.SQLite(t), vars)
	breakStore(filepath.Join(dir, "media"))
	res, err := api.New(s.deps).Test(httptest.NewRequest("GET", "/readyz", nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	var r struct {
		Checks map[string]struct{ Status string }
	}
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("%s: %v", body, err)
	}
	return res.StatusCode, r.Checks["media"].Status
}

// TestReadyzNamesMediaItCannotWrite: the media folder is there (so a ping
// passes) but nothing can be written in it, as on a read-only or full disk
// (its img/ and incoming/ are files, which stops even root): /readyz
// answers 503 and names media.
func TestReadyzNamesMediaItCannotWrite(t *testing.T) {
	status, media := readyz(t, nil, func(root string) {
		for _, name := range []string{"img", "incoming"} {
			if err := os.WriteFile(filepath.Join(root, name), []byte("not a folder"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})
	if status != 503 || media != "unavailable" {
		t.Fatalf("/readyz = %d, media %q; want 503, unavailable", status, media)
	}
	if status, media := readyz(t, nil, func(string) {}); status != 200 || media != "ok" {
		t.Fatalf("/readyz on a working store = %d, media %q", status, media)
	}
}

// TestReadyzNamesMediaShortOfSpace: below GANH_MEDIA_MIN_FREE_BYTES free on
// the media folder's disk, /readyz answers 503 and names media.
func TestReadyzNamesMediaShortOfSpace(t *testing.T) {
	status, media := readyz(t, map[string]string{"GANH_MEDIA_MIN_FREE_BYTES": "9000000000000000000"}, func(string) {})
	if status != 503 || media != "unavailable" {
		t.Fatalf("/readyz = %d, media %q; want 503, unavailable", status, media)
	}
}
