package policy

import "github.com/ganh-market/ganh/kernel"

// Oversight is which coops a staff member's lists cover (the staff
// console's coop lists, hidden products, the desk's search, reports):
// every coop (All), or the coops of Province. It is ModerateCoop for a
// query, as Scope is ViewCoop: lists apply it in SQL, and a test checks it
// covers a coop exactly when Decide lets the caller moderate it.
type Oversight struct {
	All      bool
	Province string
}

// Oversees is the Oversight of c, or the refusal a non-staff caller gets.
func Oversees(c kernel.Caller) (Oversight, Decision) {
	if g := Gate(c, StaffDoor); !g.Allowed() {
		return Oversight{}, g
	}
	if national(c) {
		return Oversight{All: true}, allow(StaffDoor)
	}
	return Oversight{Province: c.Province}, allow(StaffDoor)
}

// Covers says whether the oversight covers a coop of province p.
func (o Oversight) Covers(p string) bool { return o.All || o.Province == p }
