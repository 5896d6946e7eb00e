package catalog

import (
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// Every read of products (lists, page by slug, featured) goes through
// visibleProducts and every read of cooperatives through visibleCoops: they
// turn policy.Visible, the list form of policy's ViewProduct and ViewCoop,
// into SQL. Purchasable is what makes a product public, for code that holds
// rows in memory (orders, the search sync).
//
// The rule is policy's: the public sees a product only when it is active,
// not hidden, and its cooperative is approved; it sees a cooperative only
// when approved. The people who run a cooperative see it and all of its
// products in any state, and Hội staff see those they oversee. What a caller
// may not see does not exist for them: not_found, never forbidden.

// publicProductSQL is the rule for the public over products p joined to coops c.
const publicProductSQL = "(p.status = 'active' AND NOT p.hidden AND c.status = 'approved')"

// publicCoopSQL is the rule for the public over coops c.
const publicCoopSQL = "c.status = 'approved'"

// memberOfSQL matches the cooperatives the user (?) runs.
const memberOfSQL = "SELECT cm.coop_id FROM coop_members cm WHERE cm.user_id = ?"

// visibleProducts restricts a query over "products p JOIN coops c" to what a
// sees.
func visibleProducts(a kernel.Caller) func(*gorm.DB) *gorm.DB {
	return visible(policy.Visible(a), publicProductSQL, "p.coop_id")
}

// visibleCoops restricts a query over "coops c" to what a sees.
func visibleCoops(a kernel.Caller) func(*gorm.DB) *gorm.DB {
	return visible(policy.Visible(a), publicCoopSQL, "c.id")
}

// visible is the SQL of scope s: the public rows, those of the coops
// (coopID names the coop column) the user runs, those of its province.
func visible(s policy.Scope, publicSQL, coopID string) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB {
		if s.All {
			return db
		}
		cond, args := publicSQL, []any{}
		if s.RunnerID != "" {
			cond += " OR " + coopID + " IN (" + memberOfSQL + ")"
			args = append(args, s.RunnerID)
		}
		if s.Province != "" {
			cond += " OR c.province = ?"
			args = append(args, s.Province)
		}
		if len(args) == 0 {
			return db.Where(publicSQL)
		}
		return db.Where("("+cond+")", args...)
	}
}

// Purchasable is the public rule for one product held in memory: it may be
// shown to anyone, found by search and bought. Keep it in step with
// publicProductSQL (TestVisibilityRuleAgrees checks both).
func Purchasable(status ProductStatus, hidden bool, coop CoopStatus) bool {
	return status == ProductActive && !hidden && coop == CoopApproved
}

// Purchasable says whether the public may see and buy p.
func (p Product) Purchasable() bool {
	return Purchasable(p.Status, p.Hidden, p.Coop.Status)
}
