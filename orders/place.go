package orders

import (
	"errors"

	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/referrers"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// writeOrders writes one order per group of the priced cart, and queues
// on p its items and its first history row. It returns the checkout as the
// client sees it, built from what is written, and the order rows.
func (s *Service) writeOrders(p *database.Pipeline, a kernel.Caller, co *checkout, c *cart) (*CheckoutResult, []orderRow, error) {
	tx := p.Tx()
	now := s.clock()
	checkoutID := newID()
	by := Caller{Actor: a}.byOf()
	var userID *string
	if a.SignedIn() {
		id := a.UserID
		userID = &id
	}
	ref, err := referrerOf(tx, co.referrer)
	if err != nil {
		return nil, nil, err
	}
	rows := make([]orderRow, len(c.groups))
	var items []itemRow
	history := make([]historyRow, len(c.groups))
	for i, g := range c.groups {
		rows[i] = orderRow{
			ID: newID(), Code: s.drawCode(), CheckoutID: checkoutID, CoopID: g.coop.ID, UserID: userID,
			Status: StatusPending, PaymentMethod: co.method, PaymentStatus: Unpaid,
			BuyerName: co.buyer.Name, BuyerPhone: co.buyer.Phone,
			ShipProvince: co.address.Province, ShipCommune: co.address.Commune, ShipCommuneCode: co.address.CommuneCode, ShipStreet: co.address.Street,
			Note: co.note, SubtotalVND: g.subtotalVND, ShippingVND: g.shippingVND, TotalVND: g.totalVND(), ReferrerID: ref.id,
			CreatedAt: now, UpdatedAt: now,
		}
		for j, l := range g.lines {
			it := l.item()
			items = append(items, itemRow{
				OrderID: rows[i].ID, Position: j, ProductID: it.ProductID, VariantID: it.VariantID,
				ProductName: it.ProductName, VariantName: it.VariantName,
				UnitPriceVND: it.UnitPriceVND, Quantity: it.Quantity, LineTotalVND: it.LineTotalVND,
			})
		}
		history[i] = historyRow{ID: newID(), OrderID: rows[i].ID, Status: StatusPending, Actor: by, CreatedAt: now}
	}
	queueOrders(p, rows)
	p.Create(&items, nil)
	p.Create(&history, nil)
	res := &CheckoutResult{CheckoutID: checkoutID, TotalVND: c.totalVND(), Orders: make([]Order, len(rows))}
	k := 0
	for i, g := range c.groups {
		o := (&orderJoin{O: rows[i], CoopSlug: g.coop.Slug, CoopName: g.coop.Name, ReferrerCode: ref.code, ReferrerName: ref.name}).view()
		for range g.lines {
			o.Items = append(o.Items, items[k].view())
			k++
		}
		o.History = append(o.History, history[i].view())
		res.Orders[i] = o
	}
	return res, rows, nil
}

// errCodeTaken is a checkout that drew the code of an order already
// placed: its transaction is run again (retryable) with new codes.
var errCodeTaken = errors.New("order code already taken")

// queueOrders queues the INSERT of the orders on p. ON CONFLICT (code) DO
// NOTHING keeps a taken code from failing the statement: the orders are
// then fewer than the rows, and Run fails with errCodeTaken before it
// reads the answers of the statements queued after (their items would
// miss their order).
func queueOrders(p *database.Pipeline, rows []orderRow) {
	p.Create(&rows, func(n int64) error {
		if n != int64(len(rows)) {
			return errCodeTaken
		}
		return nil
	}, clause.OnConflict{Columns: []clause.Column{{Name: "code"}}, DoNothing: true})
}

// referrerRef is the referrer an order keeps, all nil for none.
type referrerRef struct{ id, code, name *string }

// referrerOf looks code up in the checkout's transaction; an unknown code
// is no referrer.
func referrerOf(tx *gorm.DB, code string) (referrerRef, error) {
	r, err := referrers.Lookup(tx, code)
	if err != nil || r == nil {
		return referrerRef{}, err
	}
	return referrerRef{id: &r.ID, code: &r.Code, name: &r.Name}, nil
}
