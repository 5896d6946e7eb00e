package orders

import (
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// The people who run a cooperative (owner, members, stewards) cannot buy
// from it or review it: an order to oneself, marked delivered, would feed
// the sales reports and the product's rating with figures nobody paid for.
// A guest checkout whose recipient phone is a member's account phone counts
// as that member, or signing out would get round the rule; a member who
// gives her own goods away records it outside the marketplace. Who runs a
// coop is catalog.MemberCoops's answer (and HoldSale's, for a checkout).

// refuseOwnCoop fails a priced cart holding items of a coop that the buyer
// (signed in, or by the recipient phone) helps run, naming every such line:
// policy refuses BuyFromCoop to whoever runs the coop. The cart's sale was
// read for this buyer (catalog.HoldSale), so each line knows.
func refuseOwnCoop(a kernel.Caller, c *cart) error {
	var p problems
	for _, l := range c.lines {
		runs := l.v.Runs
		if policy.Decide(a, policy.BuyFromCoop, policy.Facts{BuyerRunsCoop: runs.Any()}).Allowed() {
			continue
		}
		item := "«" + l.v.ProductName + " – " + l.v.Name + "»"
		coop := "«" + coopName(c, l.v.CoopID) + "»"
		if runs.ByAccount {
			p.add(itemField(l.idx, "variant_id"), item+" là hàng của "+coop+", nơi bạn là thành viên: thành viên không tự mua hàng của hợp tác xã mình.")
		} else {
			p.add(itemField(l.idx, "variant_id"), item+" là hàng của "+coop+", mà số điện thoại người nhận là của một thành viên: thành viên không tự mua hàng của hợp tác xã mình.")
		}
	}
	if len(p) == 0 {
		return nil
	}
	return apperr.Invalid("Thành viên hợp tác xã không tự mua hàng của hợp tác xã mình.", p...)
}

func coopName(c *cart, coopID string) string {
	for _, g := range c.groups {
		if g.coop.ID == coopID {
			return g.coop.Name
		}
	}
	return ""
}

// buyerRunsCoop says whether the caller, the account that placed order o or
// the account of its recipient phone helps run the selling coop: the fact
// on which policy refuses a review of one's own goods.
func buyerRunsCoop(tx *gorm.DB, c Caller, o *orderRow) (bool, error) {
	userIDs := []string{c.Actor.UserID}
	if o.UserID != nil {
		userIDs = append(userIDs, *o.UserID)
	}
	mine, err := catalog.MemberCoops(tx, []string{o.CoopID}, o.BuyerPhone, userIDs...)
	return len(mine) > 0, err
}
