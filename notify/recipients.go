package notify

import (
	"context"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/notify/event"
)

// Recipient is one person a message goes to: an account (UserID set), or a
// guest buyer known only by the phone of her order.
type Recipient struct {
	UserID string
	Phone  string
	Email  string
	// Staff says the account is Hội staff, the only people reached by
	// email.
	Staff bool
	to    audience
}

// guest says the recipient has no account (and so no inbox).
func (r Recipient) guest() bool { return r.UserID == "" }

// audiences says who hears of each kind (API.md, "Notifications").
var audiences = map[event.Kind][]audience{
	event.OrderPlaced:    {toMembers},
	event.OrderStatus:    {toBuyer},
	event.OrderPaid:      {toMembers, toBuyer},
	event.OrderCancelled: {toMembers},
	event.CoopApproved:   {toOwner},
	event.CoopRejected:   {toOwner},
	event.CoopSuspended:  {toOwner},
	event.ProductHidden:  {toMembers},
	event.LowStock:       {toMembers},
	// Payments (issue 15).
	event.PaymentUnmatched: {toMembers},
}

// account is what recipients reads of a user.
type account struct {
	ID    string
	Phone string
	Email string
	Role  string
}

func (a account) recipient(to audience) Recipient {
	return Recipient{UserID: a.ID, Phone: a.Phone, Email: a.Email, Staff: a.Role == "staff" || a.Role == "admin", to: to}
}

// recipientsMemo lists who hears of e, as the database says now: the members of
// the coop when the event is handled, the order's buyer. A person who is
// both (a member buying from her own coop) hears once, in the words of the
// first audience (fanout keeps one message per event and person).
func recipientsMemo(ctx context.Context, db *gorm.DB, e event.Event, m *memo) ([]Recipient, error) {
	var out []Recipient
	for _, to := range audiences[e.Kind] {
		var (
			rs  []Recipient
			err error
		)
		switch to {
		case toMembers:
			rs, err = m.membersOf(ctx, db, e.CoopID, "")
		case toOwner:
			rs, err = m.membersOf(ctx, db, e.CoopID, "owner")
		case toBuyer:
			rs, err = buyer(ctx, db, e.OrderID)
		}
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			r.to = to
			out = append(out, r)
		}
	}
	return out, nil
}

// membersOf is members, asked once per batch for each coop and role.
func (m *memo) membersOf(ctx context.Context, db *gorm.DB, coopID, role string) ([]Recipient, error) {
	key := coopID + "/" + role
	if rs, ok := m.members[key]; ok {
		return rs, nil
	}
	rs, err := members(ctx, db, coopID, role)
	if err == nil {
		m.members[key] = rs
	}
	return rs, err
}

// members are the accounts of a coop's members, of one role if role is set.
func members(ctx context.Context, db *gorm.DB, coopID, role string) ([]Recipient, error) {
	q := db.WithContext(ctx).Table("coop_members m").Joins("JOIN users u ON u.id = m.user_id").
		Select("u.id, u.phone, u.email, u.role").Where("m.coop_id = ?", coopID)
	if role != "" {
		q = q.Where("m.role = ?", role)
	}
	var as []account
	if err := q.Order("u.id").Scan(&as).Error; err != nil {
		return nil, err
	}
	out := make([]Recipient, len(as))
	for i, a := range as {
		out[i] = a.recipient(toMembers)
	}
	return out, nil
}

// buyer is an order's buyer: her account, or the order's phone for a guest.
func buyer(ctx context.Context, db *gorm.DB, orderID string) ([]Recipient, error) {
	var o struct {
		UserID     *string
		BuyerPhone string
	}
	res := db.WithContext(ctx).Table("orders").Select("user_id, buyer_phone").Where("id = ?", orderID).Limit(1).Scan(&o)
	if res.Error != nil || res.RowsAffected == 0 {
		return nil, res.Error
	}
	if o.UserID == nil {
		return []Recipient{{Phone: o.BuyerPhone, to: toBuyer}}, nil
	}
	var as []account
	if err := db.WithContext(ctx).Table("users").Select("id, phone, email, role").Where("id = ?", *o.UserID).Scan(&as).Error; err != nil {
		return nil, err
	}
	out := make([]Recipient, len(as))
	for i, a := range as {
		out[i] = a.recipient(toBuyer)
	}
	return out, nil
}
