package web

import (
	"strings"
	"testing"
)

func TestParseCartValidates(t *testing.T) {
	a := "0190f5a2-1111-7000-8000-000000000001"
	b := "0190f5a2-1111-7000-8000-000000000002"
	raw := strings.Join([]string{
		a + "_2",
		b + "_0",            // quantity out of range
		"not-an-id_1",       // bad id
		a + "_5",            // duplicate
		b + "_1000",         // over the maximum
		b + "_3",            // fine
		b + "_x",            // not a number
		"<script>_1",        // junk
		a + "_1_price_1000", // extra fields are not a quantity
	}, ".")
	k := parseCart(raw)
	if got, want := k.String(), a+"_2."+b+"_3"; got != want {
		t.Fatalf("parseCart = %q, want %q", got, want)
	}
	if k.count() != 5 {
		t.Errorf("count = %d", k.count())
	}
	k = k.set(a, 0).set(b, 7)
	if got, want := k.String(), b+"_7"; got != want {
		t.Errorf("after set: %q, want %q", got, want)
	}
}
