package main

import (
	"context"
	"encoding/json"
	"github.com/ganh-market/ganh/catalog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/search"
	"github.com/ganh-market/ganh/search/bleve"
)

// seeded returns the environment of a data dir holding the demo marketplace
// (without photos: generating all of them is slow under -race, and package
// demo tests them).
func seeded(t *testing.T, vars map[string]string) func(string) string {
	t.Helper()
	getenv := testEnv(t, vars)
	var out, errOut lockedBuffer
	if err := run(context.Background(), []string{"seed", "--demo", "--no-photos"}, getenv, nil, &out, &errOut); err != nil {
		t.Fatalf("seed: %v\n%s", err, errOut.String())
	}
	return getenv
}

// purchasable counts what search should hold, straight from the database.
func purchasable(t *testing.T, dataDir string) int {
	t.Helper()
	db, err := database.Open(context.Background(), database.Options{DataDir: dataDir})
	if err != nil {
		t.Fatal(err)
	}
	defer database.Close(db)
	var n int
	db.Raw(`SELECT COUNT(*) FROM products p JOIN coops c ON c.id = p.coop_id
		WHERE p.status = 'active' AND NOT p.hidden AND c.status = 'approved'`).Scan(&n)
	if n == 0 {
		t.Fatal("the demo marketplace has no purchasable product")
	}
	return n
}

// TestReindexCommand runs `ganh reindex` end to end on the embedded
// defaults (SQLite, embedded index), then again while another process
// would hold the index.
func TestReindexCommand(t *testing.T) {
	getenv := seeded(t, nil)
	dir := getenv("GANH_DATA_DIR")
	ctx := context.Background()
	// A product renamed by hand, around the catalog: its stored document
	// is stale until reindex renders every document again.
	db, err := database.Open(ctx, database.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer database.Close(db)
	if err := db.Exec("UPDATE products SET name = 'Đổi tên bằng tay' WHERE id = (SELECT MIN(id) FROM products)").Error; err != nil {
		t.Fatal(err)
	}
	if stale, err := catalog.StaleDocuments(ctx, db); err != nil || len(stale) != 1 {
		t.Fatalf("stale documents before reindex: %v %v", stale, err)
	}
	var out, errOut lockedBuffer
	if err := run(ctx, []string{"reindex"}, getenv, nil, &out, &errOut); err != nil {
		t.Fatalf("reindex: %v\n%s", err, errOut.String())
	}
	if stale, err := catalog.StaleDocuments(ctx, db); err != nil || len(stale) != 0 {
		t.Fatalf("stale documents after reindex: %v %v", stale, err)
	}
	if !strings.Contains(out.String(), "Đã dựng lại chỉ mục tìm kiếm") || !strings.Contains(errOut.String(), "Đang dựng lại chỉ mục tìm kiếm") {
		t.Fatalf("stdout %q\nstderr %q", out.String(), errOut.String())
	}
	want := purchasable(t, dir)

	idx, err := bleve.Open(filepath.Join(dir, "search"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if rebuild, _ := idx.NeedsRebuild(ctx); rebuild {
		t.Fatal("a freshly rebuilt index still needs a rebuild")
	}
	all, err := idx.Search(ctx, search.Query{})
	if err != nil || all.Total != want {
		t.Fatalf("index holds %d products (%v), the database %d purchasable", all.Total, err, want)
	}
	if res, _ := idx.Search(ctx, search.Query{Text: "com chay"}); res.Total == 0 {
		t.Fatal("com chay finds nothing in the demo marketplace")
	}

	// The index is open here, as `ganh serve` would hold it: reindex must
	// say so at once, not hang.
	began := time.Now()
	err = run(ctx, []string{"reindex"}, getenv, nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "ganh serve") || time.Since(began) > 15*time.Second {
		t.Fatalf("reindex beside an owner: %v after %s", err, time.Since(began))
	}
}

// TestServeFillsANewIndex starts serve over a seeded database with no
// index yet: it rebuilds the embedded index before listening, so the first
// search finds the demo products, and /readyz reports the search check.
func TestServeFillsANewIndex(t *testing.T) {
	addr := freeAddr(t)
	getenv := seeded(t, map[string]string{"GANH_ADDR": addr})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs lockedBuffer
	errc := make(chan error, 1)
	go func() { errc <- run(ctx, []string{"serve"}, getenv, nil, &logs, &logs) }()
	base := "http://" + addr
	waitHealthy(t, base)

	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			Name string `json:"name"`
		} `json:"hits"`
	}
	getJSON(t, base+"/api/v1/search?q=com+chay", &res)
	if res.Total == 0 || !strings.Contains(strings.ToLower(res.Hits[0].Name), "cơm cháy") {
		t.Fatalf("search right after start: %+v\n%s", res, logs.String())
	}
	var ready struct {
		Checks map[string]struct {
			Status string         `json:"status"`
			Detail map[string]any `json:"detail"`
		} `json:"checks"`
	}
	getJSON(t, base+"/readyz", &ready)
	if s := ready.Checks["search"]; s.Status != "ok" || s.Detail["lag_seconds"] == nil || s.Detail["pending"] == nil {
		t.Fatalf("readyz search check: %+v", ready)
	}
	if !strings.Contains(logs.String(), `"msg":"search index rebuilt"`) {
		t.Fatalf("no rebuild in the log:\n%s", logs.String())
	}
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
}
