package orders

import (
	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
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

// role is what a caller is to one order.
type role int

const (
	roleNone   role = iota // may not see it: not_found
	roleBuyer              // the account that ordered, or the order's phone
	roleMember             // a member (owner, member, steward) of the coop
	roleStaff              // Hội staff who are not members
)

// byOf is the History.By of a caller: their user id, or "guest".
func (c Caller) byOf() string {
	if c.Actor.SignedIn() {
		return c.Actor.UserID
	}
	return ByGuest
}

// roleIn finds what c is to order r. A buyer who is also a member of the
// selling coop counts as the buyer; callers who are neither buyer, member
// nor staff are roleNone.
func roleIn(db *gorm.DB, c Caller, r *orderRow) (role, error) {
	a := c.Actor
	if a.SignedIn() && r.UserID != nil && *r.UserID == a.UserID {
		return roleBuyer, nil
	}
	if c.Phone != "" {
		if phone, err := accounts.NormalizePhone(c.Phone); err == nil && phone == r.BuyerPhone {
			return roleBuyer, nil
		}
	}
	if !a.SignedIn() {
		return roleNone, nil
	}
	member, err := isMember(db, r.CoopID, a.UserID)
	switch {
	case err != nil:
		return roleNone, err
	case member:
		return roleMember, nil
	case a.IsStaff():
		return roleStaff, nil
	}
	return roleNone, nil
}

// isMember says whether the user runs the coop in any capacity (owner,
// member, steward). The catalog exports no such check, so this is the one
// query orders makes against coop_members.
func isMember(db *gorm.DB, coopID, userID string) (bool, error) {
	var n int64
	err := db.Table("coop_members").Where("coop_id = ? AND user_id = ?", coopID, userID).Count(&n).Error
	return n > 0, err
}

// orderFor loads an order the caller may see, with their role in it.
func orderFor(db *gorm.DB, c Caller, code string) (*orderJoin, role, error) {
	j, err := loadOrder(db, code)
	if err != nil {
		return nil, roleNone, err
	}
	r, err := roleIn(db, c, &j.O)
	if err != nil {
		return nil, roleNone, err
	}
	if r == roleNone {
		return nil, roleNone, errOrderNotFound()
	}
	return j, r, nil
}

func errBuyerOnly() error {
	return apperr.Forbiddenf("Chỉ người mua mới làm được việc này với đơn hàng.")
}

func errSellerOnly() error {
	return apperr.Forbiddenf("Chỉ thành viên của hợp tác xã bán hàng mới làm được việc này.")
}
