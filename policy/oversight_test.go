package policy_test

import (
	"testing"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
)

// TestOversightAgreesWithModerate: a staff list covers a coop exactly when
// Decide lets the caller moderate it; who is not staff gets no list.
func TestOversightAgreesWithModerate(t *testing.T) {
	for _, c := range callers {
		o, d := policy.Oversees(c.c)
		if !d.Allowed() {
			if c.c.IsStaff() {
				t.Errorf("%s: refused a list: %+v", c.name, d)
			}
			continue
		}
		for _, p := range []string{province, "Q", "R"} {
			moderates := policy.Decide(c.c, policy.ModerateCoop, policy.Facts{Province: p}).Allowed()
			if o.Covers(p) != moderates {
				t.Errorf("%s in %s: Oversight %v, Decide %v", c.name, p, o.Covers(p), moderates)
			}
		}
	}
}

// TestCurateNationalList: the national list is for staff of every
// province; a scoped member knows it exists and is refused.
func TestCurateNationalList(t *testing.T) {
	want := map[string]byte{"anonymous": 'S', "shopper": 's', "seller": 's', "staff": 'A', "admin": 'A', "staff of P": 'n', "staff of Q": 'n'}
	for _, c := range callers {
		if got := letter(policy.Decide(c.c, policy.Curate, policy.Facts{})); got != want[c.name] {
			t.Errorf("%s: got %c, want %c", c.name, got, want[c.name])
		}
	}
}

// TestResetCodeRule: who issues reset codes for whom, across provinces.
func TestResetCodeRule(t *testing.T) {
	admin := kernel.Caller{UserID: "a", Role: kernel.RoleAdmin}
	staff := kernel.Caller{UserID: "s", Role: kernel.RoleStaff}
	here := kernel.Caller{UserID: "h", Role: kernel.RoleStaff, Province: "P"}
	shopper := kernel.Caller{UserID: "u", Role: kernel.RoleShopper}
	for _, tc := range []struct {
		name string
		c    kernel.Caller
		f    policy.ResetFacts
		want byte
	}{
		{"shopper issues", shopper, policy.ResetFacts{}, 's'},
		{"staff for a shopper", staff, policy.ResetFacts{}, 'A'},
		{"staff for staff", staff, policy.ResetFacts{TargetIsStaff: true}, 'n'},
		{"admin for staff", admin, policy.ResetFacts{TargetIsStaff: true}, 'A'},
		{"scoped for staff", here, policy.ResetFacts{TargetIsStaff: true}, 'n'},
		{"scoped for a shopper", here, policy.ResetFacts{}, 'A'},
		{"scoped for her seller", here, policy.ResetFacts{CoopProvinces: []string{"P"}}, 'A'},
		{"scoped for a seller elsewhere", here, policy.ResetFacts{CoopProvinces: []string{"Q"}}, 'H'},
		{"scoped for a seller here and elsewhere", here, policy.ResetFacts{CoopProvinces: []string{"P", "Q"}}, 'H'},
		{"national for a seller anywhere", staff, policy.ResetFacts{CoopProvinces: []string{"Q"}}, 'A'},
	} {
		if got := letter(policy.ResetCode(tc.c, tc.f)); got != tc.want {
			t.Errorf("%s: got %c, want %c", tc.name, got, tc.want)
		}
	}
}

// TestMarketReportScope: staff of every province read every coop's
// figures or one province's; a province's staff read theirs and are
// refused another's; who is not staff reads none.
func TestMarketReportScope(t *testing.T) {
	for _, c := range callers {
		for _, asked := range []string{"", province, "Q"} {
			o, d := policy.MarketReport(c.c, asked)
			if !d.Allowed() {
				national := c.c.IsStaff() && c.c.Province == ""
				if c.c.IsStaff() && (national || asked == "" || asked == c.c.Province) {
					t.Errorf("%s asking %q: refused %+v", c.name, asked, d)
				}
				continue
			}
			for _, p := range []string{province, "Q", "R"} {
				want := policy.Decide(c.c, policy.ModerateCoop, policy.Facts{Province: p}).Allowed() && (asked == "" || asked == p)
				if o.Covers(p) != want {
					t.Errorf("%s asking %q covers %s: %v, want %v", c.name, asked, p, o.Covers(p), want)
				}
			}
		}
	}
	if _, d := policy.MarketReport(callers[5].c, "Q"); letter(d) != 'p' {
		t.Errorf("staff of P asking for Q: %c, want p", letter(d))
	}
}
