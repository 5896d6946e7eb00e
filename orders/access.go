package orders

import (
	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// Caller is who asks about an order: the actor and, for a guest, the phone
// number they give with the order code (?phone=), and the client address
// their failed lookups are counted against (lookup.go).
type Caller struct {
	Actor    kernel.Caller
	Phone    string
	ClientIP string
}

// byOf is the History.By of a caller: their user id, or "guest".
func (c Caller) byOf() string {
	if c.Actor.SignedIn() {
		return c.Actor.UserID
	}
	return ByGuest
}

// orderFacts loads what policy needs to know about c and order j: whether
// they bought it (their account, or the order's phone), their role in the
// selling coop and its province; for a review, whether the buyer runs the
// selling coop. Who may do what with them is policy's answer.
func orderFacts(db *gorm.DB, c Caller, j *orderJoin, act policy.Action) (policy.Facts, error) {
	r := &j.O
	a := c.Actor
	f := policy.Facts{Province: j.CoopProvince}
	if a.SignedIn() && r.UserID != nil && *r.UserID == a.UserID {
		f.Buyer = true
	} else if c.Phone != "" {
		if phone, err := accounts.NormalizePhone(c.Phone); err == nil && phone == r.BuyerPhone {
			f.Buyer = true
		}
	}
	role, err := memberRole(db, r.CoopID, a)
	if err != nil {
		return f, err
	}
	f.Member = role
	if act == policy.ReviewOrder {
		f.BuyerRunsCoop, err = buyerRunsCoop(db, c, r)
	}
	return f, err
}

// memberRole is the caller's role in the coop, MemberNone for nobody signed
// in. The catalog exports no such read, so this is the one query orders
// makes against coop_members for a single caller.
func memberRole(db *gorm.DB, coopID string, a kernel.Caller) (kernel.MemberRole, error) {
	if !a.SignedIn() {
		return kernel.MemberNone, nil
	}
	var roles []kernel.MemberRole
	err := db.Table("coop_members").Where("coop_id = ? AND user_id = ?", coopID, a.UserID).Limit(1).Pluck("role", &roles).Error
	if err != nil || len(roles) == 0 {
		return kernel.MemberNone, err
	}
	return roles[0], nil
}

// orderFor loads an order and checks, with policy, that the caller may do
// act to it. An order the caller may not see is not found.
func orderFor(db *gorm.DB, c Caller, code string, act policy.Action) (*orderJoin, error) {
	j, err := loadOrder(db, code)
	if err != nil {
		return nil, err
	}
	f, err := orderFacts(db, c, j, act)
	if err != nil {
		return nil, err
	}
	if err := policy.Decide(c.Actor, act, f).Err(errOrderNotFound()); err != nil {
		return nil, err
	}
	return j, nil
}

// coopFor resolves a coop by id or slug for act by a, with policy; a coop
// they may not see does not exist.
func coopFor(db *gorm.DB, a kernel.Caller, idOrSlug string, act policy.Action) (string, error) {
	notFound := apperr.NotFoundf("Không tìm thấy hợp tác xã.")
	var rows []struct{ ID, Province string }
	if err := db.Table("coops").Select("id, province").Where("id = ? OR slug = ?", idOrSlug, idOrSlug).Limit(1).Scan(&rows).Error; err != nil {
		return "", apperr.Wrap(err, "find coop")
	}
	if len(rows) == 0 {
		return "", notFound
	}
	role, err := memberRole(db, rows[0].ID, a)
	if err != nil {
		return "", apperr.Wrap(err, "check membership")
	}
	if err := policy.Decide(a, act, policy.Facts{Member: role, Province: rows[0].Province}).Err(notFound); err != nil {
		return "", err
	}
	return rows[0].ID, nil
}
