package policy

import "github.com/ganh-market/ganh/kernel"

// Facts are what the caller is to the row, loaded by the service in the
// transaction that acts on it, so a membership removed meanwhile counts.
// The zero value is a stranger to a non-public row.
type Facts struct {
	// Member is the caller's role in the row's coop (MemberNone for none).
	Member kernel.MemberRole
	// Public says whether the public may see the row: an approved coop, a
	// purchasable product.
	Public bool
	// Approved says whether the row's coop is approved by the Hội.
	Approved bool
	// Province is the province of the row's coop.
	Province string
	// Buyer says whether the caller bought the order: its account, or a
	// guest giving the order's phone.
	Buyer bool
	// BuyerRunsCoop says whether the buyer runs the selling coop: the
	// caller's account, the order's account, or the account of the
	// recipient phone is among its members.
	BuyerRunsCoop bool
}

// Verdict is the policy's answer.
type Verdict int

const (
	Allow  Verdict = iota
	SignIn         // who is asking must sign in first (unauthenticated)
	Hide           // the row does not exist for the caller (not_found)
	Refuse         // the caller knows the row but may not do this (forbidden)
)

// Reason says why a Refuse was given; it picks the message.
type Reason int

const (
	NoReason      Reason = iota
	NotStaff             // the action is Hội staff's
	NotNational          // the action is for staff of every province
	NotInProvince        // the coop is outside the staff member's province
	NotOwner             // the action is the owner's (or staff's)
	NotBuyer             // the action is the buyer's
	NotSeller            // the action is the selling coop's
	NotApproved          // the coop is not approved yet
	OwnCoop              // a coop does not buy from or review itself
)

// Decision is a verdict on one action, with why it was refused.
type Decision struct {
	Action  Action
	Verdict Verdict
	Reason  Reason
}

// Allowed says whether the action may go ahead.
func (d Decision) Allowed() bool { return d.Verdict == Allow }

func allow(a Action) Decision              { return Decision{Action: a} }
func signIn(a Action) Decision             { return Decision{Action: a, Verdict: SignIn} }
func hide(a Action) Decision               { return Decision{Action: a, Verdict: Hide} }
func refuse(a Action, why Reason) Decision { return Decision{Action: a, Verdict: Refuse, Reason: why} }

// staffOn says whether c oversees a coop of province p as Hội staff.
func staffOn(c kernel.Caller, p string) bool {
	return c.IsStaff() && (c.Province == "" || c.Province == p)
}

// national says whether c is Hội staff of every province.
func national(c kernel.Caller) bool { return c.IsStaff() && c.Province == "" }

// Gate is the part of the decision that needs no facts: signing in, and
// being staff for staff's actions. Services ask it before they load the row,
// where they did so before, so an anonymous caller is asked to sign in
// whether or not the row exists. Decide asks it again.
func Gate(c kernel.Caller, a Action) Decision {
	switch a {
	case ViewCoop, ViewProduct, SeeCoopPrivate, ReadOrder, CancelOrder, ReviewOrder, AdvanceOrder, BuyFromCoop:
		return allow(a) // guests see public rows and their own orders
	}
	if !c.SignedIn() {
		return signIn(a)
	}
	switch a {
	case ModerateCoop, StaffDoor, Curate, AttachPayment, ReadMarketReport:
		if !c.IsStaff() {
			return refuse(a, NotStaff)
		}
	case StaffWide:
		if !c.IsStaff() {
			return refuse(a, NotStaff)
		}
		if !national(c) {
			return refuse(a, NotNational)
		}
	}
	return allow(a)
}

// Decide says whether c may do a to the row the facts describe.
func Decide(c kernel.Caller, a Action, f Facts) Decision {
	if g := Gate(c, a); !g.Allowed() {
		return g
	}
	runs := c.SignedIn() && f.Member.Runs()
	oversees := staffOn(c, f.Province)
	switch a {
	case ViewCoop, ViewProduct:
		if f.Public || runs || oversees {
			return allow(a)
		}
		return hide(a)
	case SeeCoopPrivate, ReadCoop, EditProducts, ReadSellerOrders, ReadCoopReport:
		if runs || oversees {
			return allow(a)
		}
		return hide(a)
	case ManageCoop, EditMembers, ReadAudit:
		return owner(a, c, f)
	case AddProductPhoto:
		if !runs && !oversees {
			return hide(a)
		}
		return approved(a, oversees, f)
	case SetCoopPhoto:
		if d := owner(a, c, f); !d.Allowed() {
			return d
		}
		return approved(a, oversees, f)
	case ModerateCoop, AttachPayment:
		// Another province's coop does not exist for its staff: a 404, as
		// for any row the caller may not see (issue 16).
		if oversees {
			return allow(a)
		}
		return hide(a)
	case Curate:
		return curate(c, f)
	case OpenCoop, StaffWide, StaffDoor, ListOwnOrders, ReadMarketReport:
		return allow(a)
	case BuyFromCoop:
		if f.BuyerRunsCoop {
			return refuse(a, OwnCoop)
		}
		return allow(a)
	}
	return decideOrder(c, a, f, runs, oversees)
}

// decideOrder is Decide for one order. The buyer counts as the buyer even
// when they also run the selling coop (orders placed before issue 11).
func decideOrder(c kernel.Caller, a Action, f Facts, runs, oversees bool) Decision {
	if !f.Buyer && !runs && !oversees {
		return hide(a)
	}
	switch a {
	case ReadOrder:
		return allow(a)
	case CancelOrder, ReviewOrder:
		if !f.Buyer {
			return refuse(a, NotBuyer)
		}
		if a == ReviewOrder && f.BuyerRunsCoop {
			return refuse(a, OwnCoop)
		}
		return allow(a)
	case AdvanceOrder:
		if f.Buyer || !runs {
			return refuse(a, NotSeller)
		}
		return allow(a)
	}
	return hide(a) // an action this switch does not know: nobody may
}

// owner is the owner-or-staff rule: who runs the coop without owning it
// knows it exists and is refused; anyone else does not see it.
func owner(a Action, c kernel.Caller, f Facts) Decision {
	switch {
	case f.Member == kernel.MemberOwner || staffOn(c, f.Province):
		return allow(a)
	case f.Member.Runs():
		return refuse(a, NotOwner)
	}
	return hide(a)
}

// approved is the photo rule: only an approved coop makes the server decode
// photos, since anyone can apply; staff, who are vetted, add them anyway.
func approved(a Action, oversees bool, f Facts) Decision {
	if f.Approved || oversees {
		return allow(a)
	}
	return refuse(a, NotApproved)
}

// curate is the featured-list rule: staff of every province edit every
// list; a province's staff edit that province's list only. The national
// list is known to all staff, so a scoped member is refused it; another
// province's list does not exist for her.
func curate(c kernel.Caller, f Facts) Decision {
	switch {
	case national(c) || (c.Province != "" && c.Province == f.Province):
		return allow(Curate)
	case f.Province == "":
		return refuse(Curate, NotNational)
	}
	return hide(Curate)
}
