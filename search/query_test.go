package search

import (
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/ganh-market/ganh/apperr"
)

func params(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestParseQueryDefaultsAndCaps(t *testing.T) {
	q, err := ParseQuery(params(map[string]string{"q": "  " + norm.NFD.String("cơm cháy") + " ", "per_page": "500", "province": " ninh-binh "}))
	if err != nil {
		t.Fatal(err)
	}
	want := Query{Text: "cơm cháy", Province: "ninh-binh", Sort: SortRelevance, Page: 1, PerPage: MaxPerPage}
	if q != want {
		t.Fatalf("got %+v, want %+v", q, want)
	}
}

func TestParseQueryNamesEveryBadParameter(t *testing.T) {
	_, err := ParseQuery(params(map[string]string{
		"sort": "cheapest", "price_min": "abc", "price_max": "-5", "page": "x", "ocop_min": "9",
	}))
	e := apperr.As(err)
	if e == nil || e.Code != apperr.CodeValidation || e.Kind != apperr.KindInvalid {
		t.Fatalf("got %v", err)
	}
	got := map[string]bool{}
	for _, f := range e.Fields {
		got[f.Field] = true
		if f.Message == "" {
			t.Errorf("field %s without message", f.Field)
		}
	}
	for _, f := range []string{"sort", "price_min", "price_max", "page", "ocop_min"} {
		if !got[f] {
			t.Errorf("missing field %s in %+v", f, e.Fields)
		}
	}
}

func TestNormalizeRejects(t *testing.T) {
	for name, q := range map[string]Query{
		"sort":      {Sort: "random"},
		"price_min": {PriceMin: -1},
		"price_max": {PriceMin: 10, PriceMax: 5},
		"ocop_min":  {OCOPMin: -1},
		"page":      {Page: -1},
		"per_page":  {PerPage: -1},
		"deep page": {Page: MaxResultWindow/DefaultPerPage + 1},
	} {
		if _, err := q.Normalize(); apperr.CodeOf(err) != apperr.CodeValidation {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := (Query{Page: MaxResultWindow / DefaultPerPage}).Normalize(); err != nil {
		t.Errorf("last allowed page: %v", err)
	}
}

func TestParseQueryHugeNumbers(t *testing.T) {
	_, err := ParseQuery(params(map[string]string{"page": "99999999999999999"}))
	if apperr.CodeOf(err) != apperr.CodeValidation {
		t.Fatalf("got %v", err)
	}
}
