package orders

import (
	"math"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
)

// TestCartSumNeverWraps: line totals, subtotals, shipping and the cart
// total are exact, and a cart whose value does not fit an int64 is a 422 on
// items, whichever sum overflows first. (The price and quantity bounds keep
// real carts far from this; the guard stands if a bound ever moves.)
func TestCartSumNeverWraps(t *testing.T) {
	free := int64(1_000_000)
	mk := func(fee int64, prices ...int64) *group {
		g := &group{coop: &coopInfo{ShippingFeeVND: fee, FreeShippingOverVND: &free}}
		for _, p := range prices {
			g.lines = append(g.lines, &line{quantity: 999, v: catalog.SaleVariant{PriceVND: p}})
		}
		return g
	}
	c := &cart{groups: []*group{mk(30000, 1000, 2000), mk(30000, 1_000_000_000)}}
	if err := c.sum(); err != nil {
		t.Fatal(err)
	}
	g0, g1 := c.groups[0], c.groups[1]
	if g0.lines[1].totalVND != 1_998_000 || g0.subtotalVND != 2_997_000 || g0.shippingVND != 0 || g0.totalVND() != 2_997_000 ||
		g1.subtotalVND != 999_000_000_000 || c.totalVND() != 2_997_000+999_000_000_000 {
		t.Fatalf("sums: %+v %+v total %d", g0, g1, c.totalVND())
	}
	half := int64(math.MaxInt64 / 2)
	for name, c := range map[string]*cart{
		"line":     {groups: []*group{mk(0, math.MaxInt64/998)}},
		"subtotal": {groups: []*group{mk(0, half/999, half/999, half/999)}},
		"shipping": {groups: []*group{{coop: &coopInfo{ShippingFeeVND: math.MaxInt64}, lines: []*line{{quantity: 1, v: catalog.SaleVariant{PriceVND: 1}}}}}},
		"cart":     {groups: []*group{mk(0, half/999+1), mk(0, half/999+1)}},
	} {
		err := c.sum()
		if e := apperr.As(err); e == nil || e.Kind != apperr.KindInvalid || len(e.Fields) != 1 || e.Fields[0].Field != "items" {
			t.Errorf("%s overflow: %v", name, err)
		}
	}
}
