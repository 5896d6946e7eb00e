package accounts

import "github.com/ganh-market/ganh/policy"

// MayIssueResetCode says whether staff may issue a password reset code for
// target, whose coops are in coopProvinces: the rule is policy.ResetCode,
// asked with the two accounts.
func MayIssueResetCode(staff, target *User, coopProvinces []string) bool {
	if target == nil {
		return false
	}
	return resetCodeDecision(staff, target, coopProvinces).Allowed()
}

func resetCodeDecision(staff, target *User, coopProvinces []string) policy.Decision {
	return policy.ResetCode(CallerOf(staff), policy.ResetFacts{TargetIsStaff: target.IsStaff(), CoopProvinces: coopProvinces})
}
