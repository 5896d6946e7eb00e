package orders

import (
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// The people who run a cooperative (owner, members, stewards) cannot buy
// from it or review it: an order to oneself, marked delivered, would feed
// the sales reports and the product's rating with figures nobody paid for.
// A guest checkout whose recipient phone is a member's account phone counts
// as that member, or signing out would get round the rule; a member who
// gives her own goods away records it outside the marketplace. Phones are
// stored normalised (+84…), so equality is enough.

// memberCoops returns which of coopIDs count one of userIDs (empty ones
// ignored) or the account with phone among their members, each mapped to
// whether one of userIDs matched (true) rather than only the phone.
func memberCoops(db *gorm.DB, coopIDs []string, phone string, userIDs ...string) (map[string]bool, error) {
	ids := []string{""} // never a user id; keeps IN (…) valid for a guest
	byAccount := map[string]bool{}
	for _, id := range userIDs {
		if id != "" {
			ids = append(ids, id)
			byAccount[id] = true
		}
	}
	var rows []struct {
		CoopID string
		UserID string
	}
	err := db.Table("coop_members m").Select("m.coop_id, m.user_id").
		Joins("JOIN users u ON u.id = m.user_id").
		Where("m.coop_id IN ? AND (m.user_id IN ? OR u.phone = ?)", coopIDs, ids, phone).
		Find(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(rows))
	for _, r := range rows {
		out[r.CoopID] = out[r.CoopID] || byAccount[r.UserID]
	}
	return out, nil
}

// refuseOwnCoop fails a priced cart holding items of a coop that the buyer
// (signed in, or by the recipient phone) helps run, naming every such line:
// policy refuses BuyFromCoop to whoever runs the coop.
func refuseOwnCoop(tx *gorm.DB, a kernel.Caller, phone string, c *cart) error {
	ids := make([]string, len(c.groups))
	for i, g := range c.groups {
		ids[i] = g.coop.ID
	}
	mine, err := memberCoops(tx, ids, phone, a.UserID)
	if err != nil || len(mine) == 0 {
		return err
	}
	var p problems
	for _, l := range c.lines {
		byAccount, member := mine[l.v.CoopID]
		if policy.Decide(a, policy.BuyFromCoop, policy.Facts{BuyerRunsCoop: member}).Allowed() {
			continue
		}
		item := "«" + l.v.ProductName + " – " + l.v.Name + "»"
		coop := "«" + coopName(c, l.v.CoopID) + "»"
		if byAccount {
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
	mine, err := memberCoops(tx, []string{o.CoopID}, o.BuyerPhone, userIDs...)
	return len(mine) > 0, err
}
