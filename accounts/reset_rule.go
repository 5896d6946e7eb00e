package accounts

import "github.com/ganh-market/ganh/kernel"

// MayIssueResetCode is the one rule of who may issue a password reset code
// for whom (to move into package policy):
//
//   - only Hội staff (staff, admin) issue codes;
//   - a code for a staff or admin account only an admin issues: a staff
//     member must not be able to take over a colleague's wider rights;
//   - staff without a province issue codes for anyone else;
//   - staff scoped to a province issue codes for shoppers who run no coop,
//     and for people all of whose coops (coopProvinces, the provinces of
//     the coops the target belongs to) are in that province. A seller
//     with one coop elsewhere is that province's chapter's to help.
func MayIssueResetCode(staff, target *User, coopProvinces []string) bool {
	if !staff.IsStaff() || target == nil {
		return false
	}
	if target.IsStaff() {
		return staff.Role == kernel.RoleAdmin && staff.Province == nil
	}
	if staff.Province == nil {
		return true
	}
	for _, p := range coopProvinces {
		if p != *staff.Province {
			return false
		}
	}
	return true
}
