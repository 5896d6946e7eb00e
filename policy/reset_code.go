package policy

import "github.com/ganh-market/ganh/kernel"

// ResetFacts are what the reset-code rule needs about the account a code
// is for: whether it is staff's, and the provinces of the coops it belongs
// to.
type ResetFacts struct {
	TargetIsStaff bool
	CoopProvinces []string
}

// ResetCode is the one rule of who may issue a password reset code
// for whom:
//
//   - only Hội staff (staff, admin) issue codes;
//   - a code for a staff or admin account only an admin of every province
//     issues: a staff member must not take over a colleague's wider rights;
//   - staff without a province issue codes for anyone else;
//   - staff scoped to a province issue codes for shoppers who run no coop,
//     and for people all of whose coops are in that province. A seller with
//     a coop elsewhere is that province's chapter's to help, and does not
//     exist for her (404, as for every other staff action across provinces).
//
// It answers Refuse for a staff target or a caller who is not staff, Hide
// for another province's seller.
func ResetCode(c kernel.Caller, f ResetFacts) Decision {
	if g := Gate(c, StaffDoor); !g.Allowed() {
		return g
	}
	if f.TargetIsStaff {
		if c.Role == kernel.RoleAdmin && c.Province == "" {
			return allow(StaffDoor)
		}
		return refuse(StaffDoor, NotNational)
	}
	for _, p := range f.CoopProvinces {
		if !staffOn(c, p) {
			return hide(StaffDoor)
		}
	}
	return allow(StaffDoor)
}
