package searchtest

import (
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/ganh-market/ganh/search"
)

// textCases: how shoppers type (no diacritics, đ/d, NFD, typos, regional
// words) and how exact forms rank.
func textCases(t *testing.T, shared search.Index, e Engine) {
	all := len(Fixture())
	t.Run("browse all", func(t *testing.T) {
		res := MustSearch(t, shared, search.Query{})
		if res.Total != all || res.Page != 1 || res.PerPage != search.DefaultPerPage || len(res.Hits) != search.DefaultPerPage {
			t.Fatalf("got total %d page %d per_page %d hits %d; want %d 1 %d %d", res.Total, res.Page, res.PerPage, len(res.Hits), all, search.DefaultPerPage, search.DefaultPerPage)
		}
		h := FindHit(res, "p08")
		if h == nil {
			res = MustSearch(t, shared, search.Query{Text: "mật ong rừng"})
			h = FindHit(res, "p08")
		}
		want := FixtureByID()["p08"].Hit()
		if h == nil || *h != want {
			t.Fatalf("hit p08 = %+v, want %+v", h, want)
		}
	})

	t.Run("unaccented queries find accented documents", func(t *testing.T) {
		for q, id := range map[string]string{
			"com chay":          "p01",
			"de nui":            "p04",
			"chieu coi":         "p05",
			"ruou nep":          "p06",
			"mam tep":           "p07",
			"mat ong":           "p08",
			"tra shan tuyet":    "p10",
			"mien dong":         "p12",
			"theu ren":          "p13",
			"CHIEU COI KIM SON": "p05",
		} {
			ExpectHit(t, shared, q, id)
		}
	})

	t.Run("đ and d are the same letter", func(t *testing.T) {
		ExpectHit(t, shared, "banh da", "p22")
		ExpectHit(t, shared, "bánh đa", "p22")
		ExpectHit(t, shared, "Đậu phộng", "p20")
		ExpectHit(t, shared, "dau phong", "p20")
		ExpectHit(t, shared, "dak lak", "p23")
	})

	t.Run("decomposed Unicode in queries and documents", func(t *testing.T) {
		ExpectHit(t, shared, norm.NFD.String("cơm cháy"), "p01")
		ExpectHit(t, shared, norm.NFD.String("chiếu cói"), "p05")
		ExpectHit(t, shared, "non la hue", "p24")
		ExpectHit(t, shared, "nón lá", "p24")
	})

	t.Run("one typo in words of five letters or more", func(t *testing.T) {
		ExpectHit(t, shared, "chieuu coi", "p05")
		ExpectHit(t, shared, "tra huongg sen", "p11")
		ExpectHit(t, shared, "tra shan tuyeet", "p10")
		// Four letters or fewer must be typed right.
		ExpectNone(t, shared, "mat ongg")
		ExpectNone(t, shared, "com chax")
	})

	t.Run("regional synonyms both ways", func(t *testing.T) {
		for _, c := range []struct{ q, id string }{
			{"heo", "p14"}, {"thịt heo", "p14"}, {"thit heo gac bep", "p14"}, {"lợn", "p21"}, {"lon", "p21"},
			{"mè", "p16"}, {"muoi me", "p16"}, {"vừng", "p16"},
			{"thơm", "p17"}, {"mut thom", "p17"}, {"dứa", "p17"},
			{"bắp", "p18"}, {"bap nep", "p18"}, {"ngô", "p18"},
			{"đậu phộng", "p15"}, {"keo dau phong", "p15"}, {"lạc", "p20"}, {"lac rang", "p20"},
			{"chén", "p19"}, {"chen gom", "p19"}, {"bát", "p19"},
		} {
			ExpectHit(t, shared, c.q, c.id)
		}
	})

	t.Run("exact diacritics rank first", func(t *testing.T) {
		if e.FoldsDiacriticsInRanking {
			t.Skip("this engine normalizes diacritics before ranking; known limitation")
		}
		res := MustSearch(t, shared, search.Query{Text: "cơm cháy"})
		pos := positions(res)
		if _, ok := pos["p03"]; !ok {
			t.Fatalf("fold-only match p03 missing from %v", HitIDs(res))
		}
		if pos["p01"] > pos["p03"] || pos["p02"] > pos["p03"] {
			t.Fatalf("cơm cháy: exact matches must precede Cốm chay, got %v", HitIDs(res))
		}
		res = MustSearch(t, shared, search.Query{Text: "cốm chay"})
		if ids := HitIDs(res); len(ids) == 0 || ids[0] != "p03" {
			t.Fatalf("cốm chay: want p03 first, got %v", ids)
		}
	})
}
