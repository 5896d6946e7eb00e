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
	if !validCode(normalizeCode(" gn-7k3f9q ")) {
		t.Error("codes are read in any case")
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
