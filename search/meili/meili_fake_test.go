package meili

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/search"
	"github.com/ganh-market/ganh/search/searchtest"
)

// fakeMeili answers the few endpoints this package calls, enough to check
// the wiring without a server: requests are recorded, every task gets the
// status chosen by failTask.
type fakeMeili struct {
	mu       sync.Mutex
	reqs     []fakeReq
	nextTask int64
	tasks    map[int64]string // task → "path" that created it
	failTask func(path string) bool
	indexes  map[string]bool
	search   string // canned search response
}

type fakeReq struct {
	method, path, query string
	body                []byte
}

func newFakeMeili(t *testing.T) (*fakeMeili, *httptest.Server) {
	f := &fakeMeili{tasks: map[int64]string{}, indexes: map[string]bool{}, failTask: func(string) bool { return false }}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeMeili) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reqs = append(f.reqs, fakeReq{r.Method, r.URL.Path, r.URL.RawQuery, body})
	reply := func(code int, v string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = io.WriteString(w, v)
	}
	enqueue := func() {
		f.nextTask++
		f.tasks[f.nextTask] = r.Method + " " + r.URL.Path
		reply(http.StatusAccepted, `{"taskUid":`+strconv.FormatInt(f.nextTask, 10)+`,"status":"enqueued"}`)
	}
	switch {
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/tasks/"):
		id, _ := strconv.ParseInt(strings.TrimPrefix(r.URL.Path, "/tasks/"), 10, 64)
		if f.failTask(f.tasks[id]) {
			reply(http.StatusOK, `{"uid":`+strconv.FormatInt(id, 10)+`,"status":"failed","error":{"code":"invalid_document_id","message":"bad id","type":"invalid_request","link":""}}`)
			return
		}
		reply(http.StatusOK, `{"uid":`+strconv.FormatInt(id, 10)+`,"status":"succeeded"}`)
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/indexes/"):
		uid := strings.TrimPrefix(r.URL.Path, "/indexes/")
		if !f.indexes[uid] {
			reply(http.StatusNotFound, `{"message":"search.Index not found","code":"index_not_found","type":"invalid_request","link":""}`)
			return
		}
		reply(http.StatusOK, `{"uid":"`+uid+`","primaryKey":"id"}`)
	case r.Method == http.MethodPost && r.URL.Path == "/indexes":
		var cfg struct{ UID string }
		_ = json.Unmarshal(body, &cfg)
		f.indexes[cfg.UID] = true
		enqueue()
	case strings.HasSuffix(r.URL.Path, "/search"):
		reply(http.StatusOK, f.search)
	case r.Method == http.MethodGet && r.URL.Path == "/health":
		reply(http.StatusOK, `{"status":"available"}`)
	default:
		enqueue()
	}
}

func (f *fakeMeili) find(method, pathSuffix string) []fakeReq {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []fakeReq
	for _, r := range f.reqs {
		if r.method == method && strings.HasSuffix(r.path, pathSuffix) {
			out = append(out, r)
		}
	}
	return out
}

func TestMeiliOpenCreatesIndexAndAppliesFullSettings(t *testing.T) {
	f, srv := newFakeMeili(t)
	m, err := Open(context.Background(), Config{URL: srv.URL, IndexUID: "products", PollInterval: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if need, _ := m.NeedsRebuild(context.Background()); !need {
		t.Error("a created index needs a rebuild")
	}
	create := f.find(http.MethodPost, "/indexes")
	if len(create) != 1 || !strings.Contains(string(create[0].body), `"primaryKey":"id"`) {
		t.Fatalf("create index: %+v", create)
	}
	settings := f.find(http.MethodPatch, "/indexes/products/settings")
	if len(settings) != 1 {
		t.Fatalf("settings requests: %d", len(settings))
	}
	var sent map[string]json.RawMessage
	if err := json.Unmarshal(settings[0].body, &sent); err != nil {
		t.Fatal(err)
	}
	var typo map[string]any
	_ = json.Unmarshal(sent["typoTolerance"], &typo)
	if typo["enabled"] != true || typo["minWordSizeForTypos"] == nil || typo["disableOnWords"] == nil {
		t.Fatalf("typo tolerance sent: %s", sent["typoTolerance"])
	}
	for _, k := range []string{"searchableAttributes", "filterableAttributes", "sortableAttributes", "synonyms", "rankingRules"} {
		if len(sent[k]) == 0 {
			t.Errorf("setting %s not sent", k)
		}
	}
}

func TestMeiliFailedTaskIsAnError(t *testing.T) {
	f, srv := newFakeMeili(t)
	m, err := Open(context.Background(), Config{URL: srv.URL, PollInterval: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	f.failTask = func(path string) bool { return strings.HasSuffix(path, "/documents") }
	err = m.Upsert(context.Background(), searchtest.Fixture()[:2]...)
	var te *taskError
	if !errors.As(err, &te) || te.code != "invalid_document_id" || apperr.CodeOf(err) != apperr.CodeInternal {
		t.Fatalf("upsert with failed task: %v", err)
	}
	add := f.find(http.MethodPost, "/indexes/products/documents")
	if len(add) != 1 || add[0].query != "primaryKey=id" {
		t.Fatalf("add documents: %+v", add)
	}
}

func TestMeiliSearchRequestAndDecoding(t *testing.T) {
	f, srv := newFakeMeili(t)
	f.search = `{"hits":[{"id":"p01","slug":"com-chay","name":"Cơm cháy","price_vnd":65000,"image":"img/i/thumb.webp","ocop_stars":4,"rating_avg":4.5,"coop_slug":"htx","cooperative":"HTX","province_slug":"ninh-binh"}],
		"totalHits":41,"page":2,"hitsPerPage":20,"facetDistribution":{"category_slug":{"banh-keo":30},"province_slug":{"ninh-binh":41},"ocop_stars":{"4":12,"3":5}}}`
	m, err := Open(context.Background(), Config{URL: srv.URL, PollInterval: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	res, err := m.Search(context.Background(), search.Query{Text: "com chay", Province: `ninh-binh" OR x = "y`, Sort: search.SortPriceAsc, Page: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := search.Hit{ID: "p01", Slug: "com-chay", Name: "Cơm cháy", PriceVND: 65000, Image: "img/i/thumb.webp", OCOPStars: 4, RatingAvg: 4.5, CoopSlug: "htx", CoopName: "HTX", ProvinceSlug: "ninh-binh"}
	if res.Total != 41 || len(res.Hits) != 1 || res.Hits[0] != want || res.Page != 2 || res.PerPage != 20 {
		t.Fatalf("result %+v", res)
	}
	if res.Facets.Category["banh-keo"] != 30 || res.Facets.OCOPStars["4"] != 12 || res.Facets.OCOPStars["5"] != 0 {
		t.Fatalf("facets %+v", res.Facets)
	}
	reqs := f.find(http.MethodPost, "/indexes/products/search")
	var sent struct {
		Q, Filter, MatchingStrategy string
		Page, HitsPerPage           int
		Sort, Facets                []string
	}
	if err := json.Unmarshal(reqs[0].body, &sent); err != nil {
		t.Fatal(err)
	}
	if sent.Q != "com chay" || sent.Page != 2 || sent.HitsPerPage != 20 || sent.MatchingStrategy != "all" ||
		sent.Filter != `province_slug = "ninh-binh\" OR x = \"y"` || len(sent.Facets) != 3 || sent.Sort[0] != "price_vnd:asc" {
		t.Fatalf("search request %s", reqs[0].body)
	}
}

func TestMeiliUnreachableIsUnavailable(t *testing.T) {
	_, err := Open(context.Background(), Config{URL: "http://127.0.0.1:1", PollInterval: 1})
	if apperr.KindOf(err) != apperr.KindUnavailable {
		t.Fatalf("got %v", err)
	}
}

func TestMeiliRebuildSwapsThenDeletesOld(t *testing.T) {
	ctx := context.Background()
	f, srv := newFakeMeili(t)
	m, err := Open(ctx, Config{URL: srv.URL, PollInterval: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	b, err := m.BeginRebuild(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.BeginRebuild(ctx); apperr.CodeOf(err) != search.CodeReindexInProgress {
		t.Fatalf("second rebuild: %v", err)
	}
	uid := b.(*meiliBuilder).uid
	if !strings.HasPrefix(uid, "products_") {
		t.Fatalf("rebuild uid %q", uid)
	}
	if err := b.Upsert(ctx, searchtest.Fixture()...); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(f.find(http.MethodPatch, "/indexes/"+uid+"/settings")); n != 1 {
		t.Errorf("settings on new index: %d", n)
	}
	if n := len(f.find(http.MethodPost, "/indexes/"+uid+"/documents")); n != 1 {
		t.Errorf("documents to new index: %d", n)
	}
	swap := f.find(http.MethodPost, "/swap-indexes")
	if len(swap) != 1 || !strings.Contains(string(swap[0].body), `"indexes":["products","`+uid+`"]`) {
		t.Fatalf("swap: %+v", swap)
	}
	if n := len(f.find(http.MethodDelete, "/indexes/"+uid)); n != 1 {
		t.Errorf("old index deleted %d times", n)
	}
	if _, err := m.BeginRebuild(ctx); err != nil {
		t.Fatalf("rebuild after commit: %v", err)
	}
}
