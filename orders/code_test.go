package orders

import (
	"strings"
	"testing"
)

func TestOrderCodes(t *testing.T) {
	seen := map[string]bool{}
	for range 2000 {
		c := newCode()
		if !validCode(c) || len(c) != 9 || !strings.HasPrefix(c, "GN-") {
			t.Fatalf("bad code %q", c)
		}
		if strings.ContainsAny(c[3:], "01OIL") {
			t.Fatalf("ambiguous character in %q", c)
		}
		seen[c] = true
	}
	if len(seen) < 1990 {
		t.Fatalf("only %d distinct codes of 2000", len(seen))
	}
	for _, bad := range []string{"", "GN-", "GN-7K3F9", "GN-7K3F9QQ", "XX-7K3F9Q", "GN-7K3F0Q", "GN-7k3f9q"} {
		if validCode(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestNormalizeCode reads codes as bank apps, dictation and phones give
// them back: no dash, spaces, lower case, a trailing space.
func TestNormalizeCode(t *testing.T) {
	for _, in := range []string{
		"GN-A792DG", "GNA792DG", "gna792dg", "gn a792dg", "GN-A792DG ", " gn-a792dg", "GN A792 DG",
		"gn - a7 92 dg", "GN.A792DG", "GN_A792DG", "A792DG", "a792dg", "GN A792DG", "\tGN-A792DG\n",
	} {
		if got := NormalizeCode(in); got != "GN-A792DG" {
			t.Errorf("NormalizeCode(%q) = %q, want GN-A792DG", in, got)
		}
	}
	for _, in := range []string{
		"", "GN-", "GN-A792D", "GN-A792DGG", "XX-A792DG", "GN-A792D0", "GN-A792DO", "GN-A792DI", "GNGN-A792DG",
		"GN-A792DG;", "GN-A792DG\x00", "GN-Ä792DG", "GN-A792DG/../x", "9223372036854775807",
	} {
		if got := NormalizeCode(in); got != "" {
			t.Errorf("NormalizeCode(%q) = %q, want it refused", in, got)
		}
	}
	// A code whose own characters start with GN is not mistaken for one
	// with the prefix.
	if got := NormalizeCode("GN-GN2345"); got != "GN-GN2345" {
		t.Errorf("NormalizeCode(GN-GN2345) = %q", got)
	}
	if got := NormalizeCode("gngn2345"); got != "GN-GN2345" {
		t.Errorf("NormalizeCode(gngn2345) = %q", got)
	}
}

func TestGivenName(t *testing.T) {
	for in, want := range map[string]string{"Nguyễn Thị Hoa": "Hoa", "  Lan ": "Lan", "": ""} {
		if got := givenName(in); got != want {
			t.Errorf("givenName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStateMachine(t *testing.T) {
	legal := map[[2]Status]bool{
		{StatusPending, StatusConfirmed}: true, {StatusPending, StatusCancelled}: true,
		{StatusConfirmed, StatusShipping}: true, {StatusConfirmed, StatusCancelled}: true,
		{StatusShipping, StatusDelivered}: true,
	}
	for _, from := range Statuses {
		for _, to := range Statuses {
			if got := from.CanMove(to); got != legal[[2]Status{from, to}] {
				t.Errorf("%s → %s: CanMove = %v", from, to, got)
			}
		}
	}
}
