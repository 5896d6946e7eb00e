package bleve

import (
	"context"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/ganh-market/ganh/search"
)

// BenchmarkEmbedded100k builds an on-disk embedded index of 100,000
// generated products through the rebuild path (BeginRebuild, batches of
// 1,000, Commit), then measures typical searches on it. Each sub-benchmark
// reports p50-ms and p99-ms of its own iterations; "build" only reports the
// figures of the one build made before the others (docs/s, build-s).
//
// The per-query cases are cold: the result cache is cleared before every
// iteration (outside the timing), as after a write. "page2_*" times the
// second page after the first was served (facets come from the cache), and
// "warm_*" a repeated request served from the cache. "browse_*" are
// searches without words: a wide category, page 5 of everything, and one
// cooperative's few products.
//
//	go test ./search/bleve/ -run '^$' -bench BenchmarkEmbedded100k -benchtime 2000x -timeout 30m
func BenchmarkEmbedded100k(b *testing.B) {
	const n = 100_000
	ctx := context.Background()
	docs := generateCatalogue(n, 42)

	idx, err := Open(filepath.Join(b.TempDir(), "index"))
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	began := time.Now()
	bld, err := idx.BeginRebuild(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i += 1000 {
		if err := bld.Upsert(ctx, docs[i:min(i+1000, n)]...); err != nil {
			b.Fatal(err)
		}
	}
	if err := bld.Commit(ctx); err != nil {
		b.Fatal(err)
	}
	build := time.Since(began)
	docs = nil
	runtime.GC() // the generated catalogue is garbage now; keep it out of the timings
	b.Logf("built %d docs in %s: %.0f docs/s", n, build.Round(time.Millisecond), float64(n)/build.Seconds())
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
		}
		b.ReportMetric(float64(n)/build.Seconds(), "docs/s")
		b.ReportMetric(build.Seconds(), "build-s")
	})

	queries := []struct {
		name string
		q    search.Query
	}{
		{"com_chay", search.Query{Text: "com chay"}},
		{"com_chay_diacritics", search.Query{Text: "cơm cháy"}},
		{"mat_ong", search.Query{Text: "mat ong"}},
		{"tra_shan_tuyet", search.Query{Text: "tra shan tuyet"}},
		{"mat_ong_filter_province_ocop", search.Query{Text: "mat ong", Province: "son-la", OCOPMin: 3}},
		{"tra_sort_price_asc", search.Query{Text: "tra", Sort: search.SortPriceAsc}},
		{"synonym_heo_gac_bep", search.Query{Text: "heo gac bep"}},
		{"typo_chieuu_coi", search.Query{Text: "chieuu coi"}},
		{"browse_category_newest", search.Query{Category: "thuc-pham", Sort: search.SortNewest}},
		{"browse_all_page_5", search.Query{Page: 5}},
		{"browse_coop_newest", search.Query{Coop: "htx-0042", Sort: search.SortNewest}},
	}
	// Warm the caches and let background merging settle.
	for range 3 {
		for _, c := range queries {
			if _, err := idx.Search(ctx, c.q); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, c := range queries {
		b.Run(c.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			var total int
			for b.Loop() {
				idx.cache.invalidate()
				t0 := time.Now()
				res, err := idx.Search(ctx, c.q)
				lat = append(lat, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
				total = res.Total
			}
			reportPercentiles(b, lat)
			b.ReportMetric(float64(total), "hits")
		})
	}
	for _, c := range []struct {
		name string
		q    search.Query
	}{
		{"page2_browse_category_newest", search.Query{Category: "thuc-pham", Sort: search.SortNewest}},
		{"page2_mat_ong", search.Query{Text: "mat ong"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			for b.Loop() {
				idx.cache.invalidate()
				q := c.q
				if _, err := idx.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
				q.Page = 2
				t0 := time.Now()
				if _, err := idx.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
			reportPercentiles(b, lat)
		})
	}
	b.Run("warm_browse_category_newest", func(b *testing.B) {
		q := search.Query{Category: "thuc-pham", Sort: search.SortNewest}
		lat := make([]time.Duration, 0, b.N)
		for b.Loop() {
			t0 := time.Now()
			if _, err := idx.Search(ctx, q); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t0))
		}
		reportPercentiles(b, lat)
	})
	b.Run("suggest_mat_o", func(b *testing.B) {
		lat := make([]time.Duration, 0, b.N)
		for b.Loop() {
			t0 := time.Now()
			if _, err := idx.Suggest(ctx, "mat o", 8); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t0))
		}
		reportPercentiles(b, lat)
	})
	b.Run("mixed", func(b *testing.B) {
		lat := make([]time.Duration, 0, b.N)
		i := 0
		for b.Loop() {
			idx.cache.invalidate()
			t0 := time.Now()
			if _, err := idx.Search(ctx, queries[i%len(queries)].q); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t0))
			i++
		}
		reportPercentiles(b, lat)
	})
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	at := func(p int) float64 {
		i := min(len(lat)-1, len(lat)*p/100)
		return float64(lat[i]) / float64(time.Millisecond)
	}
	b.ReportMetric(at(50), "p50-ms")
	b.ReportMetric(at(99), "p99-ms")
}
