package money_test

import (
	"math"
	"testing"

	"github.com/ganh-market/ganh/money"
)

func TestDotsAndVND(t *testing.T) {
	for _, c := range []struct {
		v    int64
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1.000"}, {125000, "125.000"}, {-1234567, "-1.234.567"},
		{math.MinInt64, "-9.223.372.036.854.775.808"}} {
		if got := money.Dots(c.v); got != c.want {
			t.Errorf("Dots(%d) = %q, want %q", c.v, got, c.want)
		}
	}
	if got := money.VND(32000); got != "32.000\u00a0₫" {
		t.Errorf("VND = %q", got)
	}
}
