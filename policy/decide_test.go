package policy_test

import (
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
)

// The coop of every cell is in province "P"; one staff member acts for P,
// another for Q, and staff and admin for every province.
const province = "P"

var callers = []struct {
	name string
	c    kernel.Caller
}{
	{"anonymous", kernel.Anonymous},
	{"shopper", kernel.Caller{UserID: "u-shopper", Role: kernel.RoleShopper}},
	{"seller", kernel.Caller{UserID: "u-seller", Role: kernel.RoleSeller}},
	{"staff", kernel.Caller{UserID: "u-staff", Role: kernel.RoleStaff}},
	{"admin", kernel.Caller{UserID: "u-admin", Role: kernel.RoleAdmin}},
	{"staff of P", kernel.Caller{UserID: "u-here", Role: kernel.RoleStaff, Province: province}},
	{"staff of Q", kernel.Caller{UserID: "u-else", Role: kernel.RoleStaff, Province: "Q"}},
}

// relations are what the caller is to the row, in the order of each
// action's rows below.
var relations = []struct {
	name string
	f    policy.Facts
}{
	{"stranger", policy.Facts{}},
	{"stranger, public row", policy.Facts{Public: true, Approved: true}},
	{"owner", policy.Facts{Member: kernel.MemberOwner}},
	{"owner, approved", policy.Facts{Member: kernel.MemberOwner, Public: true, Approved: true}},
	{"member", policy.Facts{Member: kernel.MemberMember}},
	{"member, approved", policy.Facts{Member: kernel.MemberMember, Public: true, Approved: true}},
	{"steward", policy.Facts{Member: kernel.MemberSteward}},
	{"buyer", policy.Facts{Buyer: true}},
	{"buyer who runs the coop", policy.Facts{Buyer: true, Member: kernel.MemberMember, BuyerRunsCoop: true}},
	{"recipient phone runs the coop", policy.Facts{BuyerRunsCoop: true}},
}

// Each row is one relation; each column one caller, in the order above:
// anonymous, shopper, seller, staff, admin, staff of P, staff of Q.
// A allow, S sign in, H hide (not found); a lower-case letter is a refusal
// (forbidden) and its reason: s not staff, n not national staff, p not the
// staff's province, o not the owner, b not the buyer, l not the seller,
// a coop not approved, c own coop.
var want = map[policy.Action][]string{
	policy.ViewCoop:       {"HHHAAAH", "AAAAAAA", "HAAAAAA", "AAAAAAA", "HAAAAAA", "AAAAAAA", "HAAAAAA", "HHHAAAH", "HAAAAAA", "HHHAAAH"},
	policy.ViewProduct:    {"HHHAAAH", "AAAAAAA", "HAAAAAA", "AAAAAAA", "HAAAAAA", "AAAAAAA", "HAAAAAA", "HHHAAAH", "HAAAAAA", "HHHAAAH"},
	policy.SeeCoopPrivate: {"HHHAAAH", "HHHAAAH", "HAAAAAA", "HAAAAAA", "HAAAAAA", "HAAAAAA", "HAAAAAA", "HHHAAAH", "HAAAAAA", "HHHAAAH"},

	policy.OpenCoop:        {"SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA"},
	policy.ReadCoop:        {"SHHAAAH", "SHHAAAH", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SHHAAAH", "SAAAAAA", "SHHAAAH"},
	policy.ManageCoop:      {"SHHAAAH", "SHHAAAH", "SAAAAAA", "SAAAAAA", "SooAAAo", "SooAAAo", "SooAAAo", "SHHAAAH", "SooAAAo", "SHHAAAH"},
	policy.EditMembers:     {"SHHAAAH", "SHHAAAH", "SAAAAAA", "SAAAAAA", "SooAAAo", "SooAAAo", "SooAAAo", "SHHAAAH", "SooAAAo", "SHHAAAH"},
	policy.ReadAudit:       {"SHHAAAH", "SHHAAAH", "SAAAAAA", "SAAAAAA", "SooAAAo", "SooAAAo", "SooAAAo", "SHHAAAH", "SooAAAo", "SHHAAAH"},
	policy.EditProducts:    {"SHHAAAH", "SHHAAAH", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SHHAAAH", "SAAAAAA", "SHHAAAH"},
	policy.AddProductPhoto: {"SHHAAAH", "SHHAAAH", "SaaAAAa", "SAAAAAA", "SaaAAAa", "SAAAAAA", "SaaAAAa", "SHHAAAH", "SaaAAAa", "SHHAAAH"},
	policy.SetCoopPhoto:    {"SHHAAAH", "SHHAAAH", "SaaAAAa", "SAAAAAA", "SooAAAo", "SooAAAo", "SooAAAo", "SHHAAAH", "SooAAAo", "SHHAAAH"},

	policy.ModerateCoop: {"SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH"},
	policy.StaffDoor:    {"SssAAAA", "SssAAAA", "SssAAAA", "SssAAAA", "SssAAAA", "SssAAAA", "SssAAAA", "SssAAAA", "SssAAAA", "SssAAAA"},
	policy.Curate:       {"SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH"},
	policy.StaffWide:    {"SssAAnn", "SssAAnn", "SssAAnn", "SssAAnn", "SssAAnn", "SssAAnn", "SssAAnn", "SssAAnn", "SssAAnn", "SssAAnn"},

	policy.ListOwnOrders:    {"SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA"},
	policy.ReadOrder:        {"HHHAAAH", "HHHAAAH", "HAAAAAA", "HAAAAAA", "HAAAAAA", "HAAAAAA", "HAAAAAA", "AAAAAAA", "AAAAAAA", "HHHAAAH"},
	policy.CancelOrder:      {"HHHbbbH", "HHHbbbH", "Hbbbbbb", "Hbbbbbb", "Hbbbbbb", "Hbbbbbb", "Hbbbbbb", "AAAAAAA", "AAAAAAA", "HHHbbbH"},
	policy.ReviewOrder:      {"HHHbbbH", "HHHbbbH", "Hbbbbbb", "Hbbbbbb", "Hbbbbbb", "Hbbbbbb", "Hbbbbbb", "AAAAAAA", "ccccccc", "HHHbbbH"},
	policy.AdvanceOrder:     {"HHHlllH", "HHHlllH", "HAAAAAA", "HAAAAAA", "HAAAAAA", "HAAAAAA", "HAAAAAA", "lllllll", "lllllll", "HHHlllH"},
	policy.ReadSellerOrders: {"SHHAAAH", "SHHAAAH", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SHHAAAH", "SAAAAAA", "SHHAAAH"},
	policy.BuyFromCoop:      {"AAAAAAA", "AAAAAAA", "AAAAAAA", "AAAAAAA", "AAAAAAA", "AAAAAAA", "AAAAAAA", "AAAAAAA", "ccccccc", "ccccccc"},

	policy.ReadCoopReport:   {"SHHAAAH", "SHHAAAH", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SAAAAAA", "SHHAAAH", "SAAAAAA", "SHHAAAH"},
	policy.ReadMarketReport: {"SssAAAA", "SssAAAA", "SssAAAA", "SssAAAA", "SssAAAA", "SssAAAA", "SssAAAA", "SssAAAA", "SssAAAA", "SssAAAA"},

	policy.AttachPayment: {"SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH", "SssAAAH"},
}

var reasonLetters = map[policy.Reason]byte{
	policy.NotStaff: 's', policy.NotNational: 'n', policy.NotInProvince: 'p', policy.NotOwner: 'o',
	policy.NotBuyer: 'b', policy.NotSeller: 'l', policy.NotApproved: 'a', policy.OwnCoop: 'c',
}

func letter(d policy.Decision) byte {
	switch d.Verdict {
	case policy.Allow:
		return 'A'
	case policy.SignIn:
		return 'S'
	case policy.Hide:
		return 'H'
	}
	if l, ok := reasonLetters[d.Reason]; ok {
		return l
	}
	return '?'
}

// TestDecideEveryCell walks every (caller × relation × action) cell.
func TestDecideEveryCell(t *testing.T) {
	for _, a := range policy.Actions() {
		rows, ok := want[a]
		if !ok || len(rows) != len(relations) {
			t.Fatalf("%s: the table needs one row per relation", a)
		}
		for i, rel := range relations {
			if len(rows[i]) != len(callers) {
				t.Fatalf("%s/%s: the row needs one column per caller", a, rel.name)
			}
			for j, c := range callers {
				f := rel.f
				f.Province = province
				d := policy.Decide(c.c, a, f)
				if got := letter(d); got != rows[i][j] {
					t.Errorf("%s by %s, %s: got %c, want %c", a, c.name, rel.name, got, rows[i][j])
				}
				if d.Action != a {
					t.Errorf("%s: decision names %s", a, d.Action)
				}
			}
		}
	}
}

// TestGateNeedsNoFacts: when Gate refuses, every row gets the same answer,
// so a service may ask it before loading the row.
func TestGateNeedsNoFacts(t *testing.T) {
	for _, a := range policy.Actions() {
		for _, c := range callers {
			g := policy.Gate(c.c, a)
			if g.Allowed() {
				continue
			}
			for _, rel := range relations {
				f := rel.f
				f.Province = province
				if d := policy.Decide(c.c, a, f); d != g {
					t.Errorf("%s by %s, %s: Gate said %+v, Decide %+v", a, c.name, rel.name, g, d)
				}
			}
		}
	}
}

// TestVisibleAgreesWithDecide: the Scope a list query applies shows a row
// exactly when Decide lets the caller view it.
func TestVisibleAgreesWithDecide(t *testing.T) {
	for _, c := range callers {
		s := policy.Visible(c.c)
		for _, rel := range relations {
			for _, p := range []string{province, "Q", "R"} {
				f := rel.f
				f.Province = p
				runs := f.Member.Runs() && s.RunnerID == c.c.UserID && c.c.SignedIn()
				shown := s.All || f.Public || (s.RunnerID != "" && runs) || (s.Province != "" && s.Province == p)
				for _, a := range []policy.Action{policy.ViewCoop, policy.ViewProduct} {
					if allowed := policy.Decide(c.c, a, f).Allowed(); allowed != shown {
						t.Errorf("%s by %s, %s in %s: Decide %v, Scope %v", a, c.name, rel.name, p, allowed, shown)
					}
				}
			}
		}
	}
}

// TestErrWording: each verdict becomes its error kind, worded for the
// action; a hidden row answers the service's own not-found error.
func TestErrWording(t *testing.T) {
	hidden := apperr.NotFoundf("Không tìm thấy hợp tác xã.")
	shopper := kernel.Caller{UserID: "u", Role: kernel.RoleShopper}
	member := policy.Facts{Member: kernel.MemberMember}
	for _, tc := range []struct {
		d    policy.Decision
		kind apperr.Kind
		msg  string
	}{
		{policy.Decide(kernel.Anonymous, policy.ReadCoop, member), apperr.KindUnauthenticated, "Vui lòng đăng nhập."},
		{policy.Decide(kernel.Anonymous, policy.ListOwnOrders, member), apperr.KindUnauthenticated, "Xin đăng nhập để xem đơn hàng của bạn."},
		{policy.Decide(kernel.Anonymous, policy.ReadCoopReport, member), apperr.KindUnauthenticated, "Xin đăng nhập để tiếp tục."},
		{policy.Decide(shopper, policy.ReadCoop, policy.Facts{}), apperr.KindNotFound, "Không tìm thấy hợp tác xã."},
		{policy.Decide(shopper, policy.ManageCoop, member), apperr.KindForbidden, "Chỉ chủ hợp tác xã hoặc cán bộ Hội được làm việc này."},
		{policy.Decide(shopper, policy.StaffWide, member), apperr.KindForbidden, "Chỉ cán bộ Hội được làm việc này."},
		{policy.Decide(shopper, policy.ReadMarketReport, member), apperr.KindForbidden, "Chỉ cán bộ Hội mới xem được báo cáo này."},
		{policy.Decide(shopper, policy.AdvanceOrder, policy.Facts{Buyer: true}), apperr.KindForbidden, "Chỉ thành viên của hợp tác xã bán hàng mới làm được việc này."},
	} {
		err := tc.d.Err(hidden)
		if e := apperr.As(err); e.Kind != tc.kind || e.Message != tc.msg {
			t.Errorf("%+v: got %v %q, want %v %q", tc.d, e.Kind, e.Message, tc.kind, tc.msg)
		}
	}
	if err := policy.Decide(shopper, policy.ReadCoop, member).Err(hidden); err != nil {
		t.Errorf("allowed gave %v", err)
	}
	for _, a := range policy.Actions() {
		if a.String() == "Action(?)" {
			t.Errorf("action %d has no name", a)
		}
	}
}
