package api_test

import (
	"context"
	"net/url"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/search/bleve"
	"github.com/ganh-market/ganh/search/indexsync"
	"gorm.io/gorm"
)

// searchEnv is an app with the catalog, the embedded index (in memory),
// the outbox worker and the search readiness check, on every engine.
type searchEnv struct {
	*testEnv
	Index *bleve.Index
	Sync  *indexsync.Syncer
}

func withSearch(t *testing.T, fn func(t *testing.T, e *searchEnv)) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		idx, err := bleve.NewMem()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = idx.Close() })
		cat := catalog.NewService(db)
		syncer := indexsync.NewSyncer(db, cat, idx, indexsync.SyncOptions{})
		e := newEnv(t, db, func(d *api.Deps) {
			d.Catalog, d.Search, d.PublicCacheTTL = cat, idx, -1
			d.Ready = append(d.Ready, api.SearchReadyCheck(idx, syncer.Lag))
		})
		fn(t, &searchEnv{testEnv: e, Index: idx, Sync: syncer})
	})
}

func (e *searchEnv) drain() {
	e.t.Helper()
	if err := e.Sync.Drain(context.Background()); err != nil {
		e.t.Fatal(err)
	}
}

type searchResult struct {
	Hits []struct {
		ID        string  `json:"id"`
		Slug      string  `json:"slug"`
		Name      string  `json:"name"`
		PriceVND  int64   `json:"price_vnd"`
		Image     *string `json:"image"`
		OCOPStars int     `json:"ocop_stars"`
		Coop      struct{ Slug, Name string }
		Province  string `json:"province"`
	}
	Total   int `json:"total"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
	Facets  struct {
		Category  map[string]int `json:"category"`
		Province  map[string]int `json:"province"`
		OCOPStars map[string]int `json:"ocop_stars"`
	}
}

func (r searchResult) names() []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.Name
	}
	return out
}

// searchMarket is newMarket (coop A: "Chiếu cói đôi" active at 55,000 ₫,
// a draft; coop B, both in Ninh Bình) plus coop B's cơm cháy (one hidden)
// and a honey coop in Sơn La, all drained into the index.
func searchMarket(t *testing.T, e *searchEnv) *market {
	t.Helper()
	m := newMarket(t, e.testEnv)
	product := func(token, coopID, name, category string, ocop int, price int64) productJSON {
		body := newProductBody(name, "active")
		body["category"], body["ocop_stars"] = category, ocop
		body["variants"] = []map[string]any{{"name": "Gói", "price_vnd": price, "stock": 10}}
		var p productJSON
		e.Expect(201, request{Method: "POST", Path: "/api/v1/coops/" + coopID + "/products", Token: token, Body: body}).JSON(t, &p)
		return p
	}
	product(m.B, m.CoopB.ID, "Cơm cháy chà bông", "banh-keo", 5, 65000)
	product(m.B, m.CoopB.ID, "Cơm cháy ruốc tôm", "banh-keo", 3, 45000)
	hidden := product(m.B, m.CoopB.ID, "Cơm cháy lá nếp", "banh-keo", 3, 40000)
	e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/products/" + hidden.ID + "/hide", Token: m.Staff, Body: map[string]string{"reason": "Trùng sản phẩm"}})

	honeyOwner := e.SignUp("0912000005", "Giàng Thị Mật")
	body := newCoopBody("HTX Mật ong Mộc Châu")
	body["province"], body["commune"] = "son-la", "Phường Mộc Châu"
	var honey coopJSON
	e.Expect(201, request{Method: "POST", Path: "/api/v1/coops", Token: honeyOwner, Body: body}).JSON(t, &honey)
	e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/coops/" + honey.ID + "/approve", Token: m.Staff})
	product(honeyOwner, honey.ID, "Mật ong rừng Tây Bắc", "mat-ong", 4, 280000)
	e.drain()
	return m
}

func TestSearchAPI(t *testing.T) {
	withSearch(t, func(t *testing.T, e *searchEnv) {
		m := searchMarket(t, e)
		get := func(t *testing.T, params url.Values) searchResult {
			t.Helper()
			res := e.With(t).Expect(200, request{Method: "GET", Path: "/api/v1/search?" + params.Encode()})
			if cc := res.Header.Get("Cache-Control"); cc != "public, max-age=30" {
				t.Fatalf("Cache-Control %q", cc)
			}
			var out searchResult
			res.JSON(t, &out)
			return out
		}

		t.Run("without diacritics", func(t *testing.T) {
			for _, q := range []string{"com chay", "cơm cháy", "COM CHAY"} {
				r := get(t, url.Values{"q": {q}})
				names := r.names()
				sort.Strings(names)
				if r.Total != 2 || !slices.Equal(names, []string{"Cơm cháy chà bông", "Cơm cháy ruốc tôm"}) {
					t.Fatalf("%q: %d %v (the hidden one must not be found)", q, r.Total, names)
				}
				h := r.Hits[0]
				if h.Coop.Slug != m.CoopB.Slug || h.Coop.Name != "HTX Cơm cháy Hoa Lư" || h.Province != "ninh-binh" || h.Image != nil || h.Slug == "" {
					t.Fatalf("hit = %+v", h)
				}
			}
		})

		t.Run("only purchasable", func(t *testing.T) {
			r := get(t, url.Values{"q": {"chieu coi"}})
			if r.Total != 1 || r.Hits[0].ID != m.Active.ID {
				t.Fatalf("draft found, or active missing: %v", r.names())
			}
		})

		t.Run("filters", func(t *testing.T) {
			for _, c := range []struct {
				params url.Values
				want   []string
			}{
				{url.Values{"province": {"son-la"}}, []string{"Mật ong rừng Tây Bắc"}},
				{url.Values{"category": {"thuc-pham"}}, []string{"Chiếu cói đôi", "Cơm cháy chà bông", "Cơm cháy ruốc tôm"}},
				{url.Values{"category": {"mat-ong"}}, []string{"Mật ong rừng Tây Bắc"}},
				{url.Values{"coop": {m.CoopB.Slug}}, []string{"Cơm cháy chà bông", "Cơm cháy ruốc tôm"}},
				{url.Values{"ocop_min": {"5"}}, []string{"Cơm cháy chà bông"}},
				{url.Values{"price_min": {"50000"}, "price_max": {"70000"}}, []string{"Chiếu cói đôi", "Cơm cháy chà bông"}},
				{url.Values{"q": {"com chay"}, "ocop_min": {"4"}}, []string{"Cơm cháy chà bông"}},
				{url.Values{"province": {"ha-noi"}}, []string{}},
			} {
				r := get(t, c.params)
				names := r.names()
				sort.Strings(names)
				if !slices.Equal(names, c.want) || r.Total != len(c.want) {
					t.Errorf("%v: %v (total %d), want %v", c.params, names, r.Total, c.want)
				}
			}
		})

		t.Run("facets", func(t *testing.T) {
			r := get(t, url.Values{})
			f := r.Facets
			if r.Total != 4 || f.Category["banh-keo"] != 2 || f.Category["dac-san-kho"] != 1 || f.Category["mat-ong"] != 1 ||
				f.Province["ninh-binh"] != 3 || f.Province["son-la"] != 1 ||
				f.OCOPStars["3"] != 1 || f.OCOPStars["4"] != 2 || f.OCOPStars["5"] != 1 {
				t.Fatalf("facets = %+v (total %d)", f, r.Total)
			}
			if f := get(t, url.Values{"province": {"ha-noi"}}).Facets; f.OCOPStars["3"] != 0 || len(f.OCOPStars) != 3 {
				t.Fatalf("OCOP keys must always be there: %+v", f)
			}
		})

		t.Run("sorts and pages", func(t *testing.T) {
			prices := func(r searchResult) []int64 {
				out := make([]int64, len(r.Hits))
				for i, h := range r.Hits {
					out[i] = h.PriceVND
				}
				return out
			}
			if p := prices(get(t, url.Values{"sort": {"price_asc"}})); !slices.Equal(p, []int64{45000, 55000, 65000, 280000}) {
				t.Fatalf("price_asc %v", p)
			}
			if p := prices(get(t, url.Values{"sort": {"price_desc"}})); !slices.Equal(p, []int64{280000, 65000, 55000, 45000}) {
				t.Fatalf("price_desc %v", p)
			}
			// The index's own suite checks these orders; here they are
			// accepted and list everything (the products here were all
			// made within a second or two).
			for _, s := range []string{"newest", "best_selling", "relevance"} {
				if r := get(t, url.Values{"sort": {s}}); r.Total != 4 || len(r.Hits) != 4 {
					t.Fatalf("%s: %v", s, r.names())
				}
			}
			r := get(t, url.Values{"sort": {"price_asc"}, "per_page": {"1"}, "page": {"2"}})
			if r.Total != 4 || r.Page != 2 || r.PerPage != 1 || len(r.Hits) != 1 || r.Hits[0].PriceVND != 55000 {
				t.Fatalf("page 2 of 1: %+v", r)
			}
			if r := get(t, url.Values{"per_page": {"500"}}); r.PerPage != 100 {
				t.Fatalf("per_page not capped: %d", r.PerPage)
			}
		})

		t.Run("bad parameters", func(t *testing.T) {
			for _, c := range []struct{ query, field string }{
				{"sort=cheapest", "sort"},
				{"price_min=-1", "price_min"},
				{"price_min=abc", "price_min"},
				{"price_min=90000&price_max=10000", "price_max"},
				{"ocop_min=9", "ocop_min"},
				{"page=-1", "page"},
				{"page=1000&per_page=100", "page"},
				{"per_page=x", "per_page"},
			} {
				p := e.With(t).ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/search?" + c.query})
				if len(p.Errors) == 0 || p.Errors[0].Field != c.field {
					t.Errorf("%s: errors %+v, want the field %s", c.query, p.Errors, c.field)
				}
			}
		})

		t.Run("suggest", func(t *testing.T) {
			var out struct {
				Suggestions []struct{ Text, Slug string }
			}
			res := e.With(t).Expect(200, request{Method: "GET", Path: "/api/v1/search/suggest?q=" + url.QueryEscape("com ch")})
			res.JSON(t, &out)
			var texts []string
			for _, s := range out.Suggestions {
				texts = append(texts, s.Text)
				if s.Slug == "" {
					t.Fatalf("suggestion without slug: %+v", s)
				}
			}
			sort.Strings(texts)
			if !slices.Equal(texts, []string{"Cơm cháy chà bông", "Cơm cháy ruốc tôm"}) || res.Header.Get("Cache-Control") != "public, max-age=30" {
				t.Fatalf("suggestions %v", texts)
			}
			e.With(t).Expect(200, request{Method: "GET", Path: "/api/v1/search/suggest?q=c"}).JSON(t, &out)
			if len(out.Suggestions) != 0 {
				t.Fatalf("one letter suggests %v", out.Suggestions)
			}
			e.With(t).Expect(200, request{Method: "GET", Path: "/api/v1/search/suggest?q=mat&limit=1"}).JSON(t, &out)
			if len(out.Suggestions) != 1 || out.Suggestions[0].Text != "Mật ong rừng Tây Bắc" {
				t.Fatalf("mat: %v", out.Suggestions)
			}
			p := e.With(t).ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/search/suggest?q=com&limit=0"})
			if p.Errors[0].Field != "limit" {
				t.Fatalf("errors %+v", p.Errors)
			}
		})
	})
}

// TestSearchPageAtInt64MaxIsRefused: /search?page=9223372036854775807
// overflowed the window check and panicked inside Bleve with the index's
// read lock held, so the server kept answering but its shutdown (which
// closes the index) waited forever. Every number is now bounded first.
func TestSearchPageAtInt64MaxIsRefused(t *testing.T) {
	withSearch(t, func(t *testing.T, e *searchEnv) {
		searchMarket(t, e)
		for _, c := range []struct{ query, field string }{
			{"page=9223372036854775807", "page"},
			{"page=9223372036854775807&per_page=100", "page"},
			{"page=461168601842738791", "page"},
			{"page=10001&per_page=1", "page"},
			{"page=101&per_page=100", "page"},
			{"per_page=-9223372036854775808", "per_page"},
			{"price_min=9223372036854775807", "price_min"},
			{"price_max=9223372036854775807", "price_max"},
			{"ocop_min=9223372036854775807", "ocop_min"},
		} {
			p := e.With(t).ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/search?" + c.query})
			if len(p.Errors) != 1 || p.Errors[0].Field != c.field {
				t.Errorf("%s: errors %+v, want the field %s", c.query, p.Errors, c.field)
			}
		}
		p := e.With(t).ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/search/suggest?q=com&limit=9223372036854775807"})
		if len(p.Errors) != 1 || p.Errors[0].Field != "limit" {
			t.Errorf("suggest limit: %+v", p.Errors)
		}
		var r searchResult
		e.With(t).Expect(200, request{Method: "GET", Path: "/api/v1/search?q=com+chay&page=1"}).JSON(t, &r)
		if r.Total != 2 {
			t.Fatalf("a later search found %d", r.Total)
		}
		closed := make(chan error, 1)
		go func() { closed <- e.Index.Close() }()
		select {
		case err := <-closed:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("closing the index waits for a lock a request never released")
		}
	})
}

// TestSearchReadiness checks the "search" check of /readyz: the lag while
// changes wait in the outbox, and 503 when the index cannot answer.
func TestSearchReadiness(t *testing.T) {
	withSearch(t, func(t *testing.T, e *searchEnv) {
		type ready struct {
			Status string
			Checks map[string]struct {
				Status string
				Detail struct {
					LagSeconds float64 `json:"lag_seconds"`
					Pending    int64   `json:"pending"`
				}
			}
		}
		var r ready
		e.Expect(200, request{Method: "GET", Path: "/readyz"}).JSON(t, &r)
		if s := r.Checks["search"]; s.Status != "ok" || s.Detail.Pending != 0 || s.Detail.LagSeconds != 0 {
			t.Fatalf("idle: %+v", r)
		}

		newMarket(t, e.testEnv) // writes products; nobody drains
		time.Sleep(30 * time.Millisecond)
		e.Expect(200, request{Method: "GET", Path: "/readyz"}).JSON(t, &r)
		if s := r.Checks["search"]; s.Status != "ok" || s.Detail.Pending == 0 || s.Detail.LagSeconds < 0.03 {
			t.Fatalf("with changes waiting: %+v", r)
		}
		e.drain()
		e.Expect(200, request{Method: "GET", Path: "/readyz"}).JSON(t, &r)
		if s := r.Checks["search"]; s.Detail.Pending != 0 {
			t.Fatalf("after draining: %+v", r)
		}

		if err := e.Index.Close(); err != nil {
			t.Fatal(err)
		}
		e.Expect(503, request{Method: "GET", Path: "/readyz"}).JSON(t, &r)
		if r.Status != "unavailable" || r.Checks["search"].Status != "unavailable" {
			t.Fatalf("closed index: %+v", r)
		}
		e.ExpectProblem(503, "service_unavailable", request{Method: "GET", Path: "/api/v1/search?q=com"})
		e.ExpectProblem(503, "service_unavailable", request{Method: "GET", Path: "/api/v1/search/suggest?q=com"})
	})
}

// TestSearchWithoutIndex: an app without a search index answers 503.
func TestSearchWithoutIndex(t *testing.T) {
	e := newEnv(t, dbtest.SQLite(t))
	e.ExpectProblem(503, "service_unavailable", request{Method: "GET", Path: "/api/v1/search?q=com"})
	e.ExpectProblem(503, "service_unavailable", request{Method: "GET", Path: "/api/v1/search/suggest?q=com"})
}
