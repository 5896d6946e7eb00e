package search

import (
	"fmt"
	"math"
	"testing"

	"github.com/ganh-market/ganh/apperr"
)

// TestParseQueryBoundsEveryNumberBeforeArithmetic: each numeric parameter
// is range-checked as the 64-bit number it was written as, and a failure
// names it.
func TestParseQueryBoundsEveryNumberBeforeArithmetic(t *testing.T) {
	huge, neg := fmt.Sprint(int64(math.MaxInt64)), fmt.Sprint(int64(math.MinInt64))
	for _, c := range []struct{ param, value string }{
		{"page", huge}, {"page", neg}, {"page", fmt.Sprint(MaxPage + 1)},
		{"per_page", neg},
		{"ocop_min", huge}, {"ocop_min", neg},
		{"price_min", huge}, {"price_min", neg}, {"price_min", fmt.Sprint(MaxPriceFilterVND + 1)},
		{"price_max", huge}, {"price_max", neg}, {"price_max", fmt.Sprint(MaxPriceFilterVND + 1)},
		{"page", "99999999999999999999999"},
	} {
		_, err := ParseQuery(params(map[string]string{c.param: c.value}))
		e := apperr.As(err)
		if e == nil || e.Code != apperr.CodeValidation || len(e.Fields) != 1 || e.Fields[0].Field != c.param {
			t.Errorf("%s=%s: %v, want validation_failed naming only %s", c.param, c.value, err, c.param)
		}
	}
	// The edges are accepted; a huge per_page is capped as before.
	q, err := ParseQuery(params(map[string]string{"page": fmt.Sprint(MaxResultWindow / MaxPerPage), "per_page": huge,
		"price_max": fmt.Sprint(MaxPriceFilterVND), "ocop_min": "5"}))
	if err != nil || q.PerPage != MaxPerPage || q.Page != MaxResultWindow/MaxPerPage {
		t.Fatalf("edges: %+v %v", q, err)
	}
}
