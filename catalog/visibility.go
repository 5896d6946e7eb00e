package catalog

import (
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// This file is the one place that decides who sees what. Every read of
// products (lists, page by slug, featured) goes through visibleProducts and
// every read of cooperatives through visibleCoops; Purchasable is the same
// rule for code that holds rows in memory (orders, the search sync).
//
// The rule: the public sees a product only when it is active, not hidden, and
// its cooperative is approved; it sees a cooperative only when approved. The
// cooperative's members (owner, member, steward) see their cooperative and
// all of its products in any state, and Hội staff see everything. What an
// actor may not see does not exist for them: not_found, never forbidden.

// publicProductSQL is the rule for the public over products p joined to coops c.
const publicProductSQL = "(p.status = 'active' AND NOT p.hidden AND c.status = 'approved')"

// memberOfSQL matches the cooperatives the actor (?) is a member of.
const memberOfSQL = "SELECT cm.coop_id FROM coop_members cm WHERE cm.user_id = ?"

// visibleProducts restricts a query over "products p JOIN coops c" to what a
// sees.
func visibleProducts(a kernel.Caller) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB {
		switch {
		case a.IsStaff():
			return db
		case a.SignedIn():
			return db.Where("("+publicProductSQL+" OR p.coop_id IN ("+memberOfSQL+"))", a.UserID)
		default:
			return db.Where(publicProductSQL)
		}
	}
}

// visibleCoops restricts a query over "coops c" to what a sees.
func visibleCoops(a kernel.Caller) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB {
		switch {
		case a.IsStaff():
			return db
		case a.SignedIn():
			return db.Where("(c.status = 'approved' OR c.id IN ("+memberOfSQL+"))", a.UserID)
		default:
			return db.Where("c.status = 'approved'")
		}
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
