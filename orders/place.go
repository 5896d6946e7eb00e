package orders

import (
	"errors"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/referrers"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// writeOrders writes one order per group of the priced cart, with its items
// and its first history row. It returns the checkout as the client sees it,
// built from what was written, and the order rows.
func (s *Service) writeOrders(tx *gorm.DB, a kernel.Caller, co *checkout, c *cart) (*CheckoutResult, []orderRow, error) {
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
			ID: newID(), Code: newCode(), CheckoutID: checkoutID, CoopID: g.coop.ID, UserID: userID,
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
	if err := insertOrders(tx, rows); err != nil {
		return nil, nil, err
	}
	if err := tx.Create(&items).Error; err != nil {
		return nil, nil, err
	}
	if err := tx.Create(&history).Error; err != nil {
		return nil, nil, err
	}
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

// maxCodeTries bounds the retries of an order code that is already taken;
// with 887 million codes a second try is already rare.
const maxCodeTries = 5

// insertOrders inserts the orders, drawing new codes for any whose code was
// taken. ON CONFLICT (code) DO NOTHING keeps a collision from aborting the
// PostgreSQL transaction.
func insertOrders(tx *gorm.DB, rows []orderRow) error {
	pending := make([]*orderRow, len(rows))
	for i := range rows {
		pending[i] = &rows[i]
	}
	for range maxCodeTries {
		batch := make([]orderRow, len(pending))
		for i, r := range pending {
			batch[i] = *r
		}
		res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "code"}}, DoNothing: true}).Create(&batch)
		if res.Error != nil {
			return res.Error
		}
		if int(res.RowsAffected) == len(batch) {
			return nil
		}
		ids := make([]string, len(pending))
		for i, r := range pending {
			ids[i] = r.ID
		}
		var written []string
		if err := tx.Model(&orderRow{}).Where("id IN ?", ids).Pluck("id", &written).Error; err != nil {
			return err
		}
		done := make(map[string]bool, len(written))
		for _, id := range written {
			done[id] = true
		}
		next := pending[:0]
		for _, r := range pending {
			if !done[r.ID] {
				r.Code = newCode()
				next = append(next, r)
			}
		}
		pending = next
	}
	return errors.New("no free order code after several tries")
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
