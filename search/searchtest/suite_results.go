package searchtest

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/search"
)

// resultCases: filters, facets, sort orders, paging, validation, suggest
// and health, on the shared filled index.
func resultCases(t *testing.T, shared search.Index) {
	all := len(Fixture())
	ctx := context.Background()
	t.Run("filters", func(t *testing.T) {
		fx := Fixture()
		cases := []struct {
			name string
			q    search.Query
			keep func(search.Document) bool
		}{
			{"parent category", search.Query{Category: "thuc-pham"}, func(d search.Document) bool { return slices.Contains(d.CategorySlugs, "thuc-pham") }},
			{"leaf category", search.Query{Category: "banh-keo"}, func(d search.Document) bool { return d.CategorySlug == "banh-keo" }},
			{"province", search.Query{Province: "ninh-binh"}, func(d search.Document) bool { return d.ProvinceSlug == "ninh-binh" }},
			{"coop", search.Query{Coop: "htx-mam-hau-loc"}, func(d search.Document) bool { return d.CoopSlug == "htx-mam-hau-loc" }},
			{"ocop min", search.Query{OCOPMin: 4}, func(d search.Document) bool { return d.OCOPStars >= 4 }},
			{"price range inclusive", search.Query{PriceMin: 55000, PriceMax: 180000}, func(d search.Document) bool { return d.PriceVND >= 55000 && d.PriceVND <= 180000 }},
			{"price min only", search.Query{PriceMin: 450000}, func(d search.Document) bool { return d.PriceVND >= 450000 }},
			{"price max only", search.Query{PriceMax: 40000}, func(d search.Document) bool { return d.PriceVND <= 40000 }},
			{"text and filters", search.Query{Text: "com chay", Province: "ninh-binh", OCOPMin: 4}, func(d search.Document) bool { return d.ID == "p01" }},
			{"unknown slug", search.Query{Province: `a" OR province_slug = "ha-noi`}, func(search.Document) bool { return false }},
		}
		for _, c := range cases {
			var want []string
			for _, d := range fx {
				if c.keep(d) {
					want = append(want, d.ID)
				}
			}
			c.q.PerPage = search.MaxPerPage
			res := MustSearch(t, shared, c.q)
			got := HitIDs(res)
			sort.Strings(got)
			sort.Strings(want)
			if !slices.Equal(got, want) || res.Total != len(want) {
				t.Errorf("%s: got %v (total %d), want %v", c.name, got, res.Total, want)
			}
		}
	})

	t.Run("facet counts", func(t *testing.T) {
		for _, q := range []search.Query{{}, {Category: "thuc-pham"}, {Text: "mat ong"}} {
			res := MustSearch(t, shared, q)
			want := search.EmptyFacets()
			for _, d := range Fixture() {
				if q.Category != "" && !slices.Contains(d.CategorySlugs, q.Category) {
					continue
				}
				if q.Text != "" && !strings.HasPrefix(d.Name, "Mật ong") {
					continue
				}
				want.Category[d.CategorySlug]++
				want.Province[d.ProvinceSlug]++
				if d.OCOPStars >= 3 {
					want.OCOPStars[strconvItoa(d.OCOPStars)]++
				}
			}
			if !mapsEqual(res.Facets.Category, want.Category) || !mapsEqual(res.Facets.Province, want.Province) || !mapsEqual(res.Facets.OCOPStars, want.OCOPStars) {
				t.Errorf("query %+v: facets %+v, want %+v", q, res.Facets, want)
			}
		}
	})

	t.Run("sort orders", func(t *testing.T) {
		byID := FixtureByID()
		check := func(s search.Sort, text string, less func(a, b search.Document) bool) {
			res := MustSearch(t, shared, search.Query{Text: text, Sort: s, PerPage: search.MaxPerPage})
			if len(res.Hits) < 2 {
				t.Fatalf("%s %q: too few hits %v", s, text, HitIDs(res))
			}
			for i := 1; i < len(res.Hits); i++ {
				a, b := byID[res.Hits[i-1].ID], byID[res.Hits[i].ID]
				if less(b, a) {
					t.Fatalf("%s %q: %s before %s breaks the order: %v", s, text, a.ID, b.ID, HitIDs(res))
				}
			}
		}
		for _, text := range []string{"", "mat ong"} {
			check(search.SortPriceAsc, text, func(a, b search.Document) bool { return a.PriceVND < b.PriceVND })
			check(search.SortPriceDesc, text, func(a, b search.Document) bool { return a.PriceVND > b.PriceVND })
			check(search.SortNewest, text, func(a, b search.Document) bool { return a.CreatedAt.After(b.CreatedAt) })
			check(search.SortBestSelling, text, func(a, b search.Document) bool { return a.SoldCount > b.SoldCount })
		}
		// Equal sold counts (p08, p09 both 400) break ties the same way on
		// every request, so one per page shows both.
		var tied []string
		for p := 1; p <= 3; p++ {
			tied = append(tied, HitIDs(MustSearch(t, shared, search.Query{Text: "mat ong", Sort: search.SortBestSelling, Page: p, PerPage: 1}))...)
		}
		if sort.Strings(tied); !slices.Equal(tied, []string{"p08", "p09"}) {
			t.Fatalf("tiebreak across pages: got %v", tied)
		}
		res := MustSearch(t, shared, search.Query{Text: "mật ong rừng"})
		if ids := HitIDs(res); len(ids) == 0 || ids[0] != "p08" {
			t.Fatalf("relevance: got %v", ids)
		}
	})

	t.Run("paging", func(t *testing.T) {
		seen := map[string]bool{}
		per := 5
		first := MustSearch(t, shared, search.Query{Sort: search.SortPriceAsc, PerPage: per})
		pages := (all + per - 1) / per
		for p := 1; p <= pages+1; p++ {
			res := MustSearch(t, shared, search.Query{Sort: search.SortPriceAsc, Page: p, PerPage: per})
			if res.Total != all || res.Page != p || res.PerPage != per {
				t.Fatalf("page %d: total %d page %d per %d", p, res.Total, res.Page, res.PerPage)
			}
			if !mapsEqual(res.Facets.Category, first.Facets.Category) || !mapsEqual(res.Facets.OCOPStars, first.Facets.OCOPStars) {
				t.Fatalf("page %d facets %+v differ from page 1 %+v", p, res.Facets, first.Facets)
			}
			wantLen := min(per, max(0, all-(p-1)*per))
			if len(res.Hits) != wantLen {
				t.Fatalf("page %d: %d hits, want %d", p, len(res.Hits), wantLen)
			}
			for _, h := range res.Hits {
				if seen[h.ID] {
					t.Fatalf("page %d repeats %s", p, h.ID)
				}
				seen[h.ID] = true
			}
		}
		if len(seen) != all {
			t.Fatalf("paging saw %d of %d", len(seen), all)
		}
		res := MustSearch(t, shared, search.Query{PerPage: 1000})
		if res.PerPage != search.MaxPerPage {
			t.Fatalf("per_page cap: %d", res.PerPage)
		}
	})

	t.Run("validation", func(t *testing.T) {
		for field, q := range map[string]search.Query{
			"sort":      {Sort: "cheapest"},
			"price_min": {PriceMin: -1},
			"price_max": {PriceMin: 5000, PriceMax: 100},
			"ocop_min":  {OCOPMin: 6},
			"page":      {Page: 1000, PerPage: 100},
			"per_page":  {PerPage: -3},
			"q":         {Text: strings.Repeat("cơm ", 60)},
		} {
			_, err := shared.Search(ctx, q)
			e := apperr.As(err)
			if e == nil || e.Code != apperr.CodeValidation || len(e.Fields) == 0 || e.Fields[0].Field != field {
				t.Errorf("%s: got %v", field, err)
			}
		}
	})

	t.Run("suggest by prefix", func(t *testing.T) {
		for prefix, want := range map[string]string{
			"com ch": "Cơm cháy", "cơm ch": "Cơm cháy", "mat o": "Mật ong", "Chiếu c": "Chiếu cói", "tra sh": "Trà Shan",
		} {
			sugs, err := shared.Suggest(ctx, prefix, 5)
			if err != nil {
				t.Fatal(err)
			}
			ok := false
			for _, s := range sugs {
				ok = ok || (strings.HasPrefix(s.Text, want) && s.Slug != "")
			}
			if !ok || len(sugs) > 5 {
				t.Errorf("suggest %q: %+v, want one starting %q", prefix, sugs, want)
			}
		}
		if sugs, err := shared.Suggest(ctx, "   ", 5); err != nil || len(sugs) != 0 {
			t.Errorf("blank prefix: %v %v", sugs, err)
		}
	})

	t.Run("healthy", func(t *testing.T) {
		if err := shared.Healthy(ctx); err != nil {
			t.Fatal(err)
		}
	})
}
