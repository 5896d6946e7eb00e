package orders

import (
	"gorm.io/gorm"

	"github.com/ganh-market/ganh/notify/event"
)

// The events of this file are written in the transaction of the change, so
// a person is told exactly about what committed; nothing here waits for a
// channel (package notify delivers them later).

// eventOf is the part of an order every order event carries.
func eventOf(kind event.Kind, r *orderRow, coopSlug, coopName string) event.Event {
	return event.Event{
		Kind: kind, CoopID: r.CoopID, CoopSlug: coopSlug, CoopName: coopName,
		OrderID: r.ID, OrderCode: r.Code, TotalVND: r.TotalVND,
	}
}

// notifyPlaced tells each coop of a checkout of its new order, and warns it
// of the variants the sale took to LowStockAt or under: one query and one
// insert for the whole checkout, inside a transaction that holds locks.
func notifyPlaced(tx *gorm.DB, rows []orderRow, c *cart) error {
	es := make([]event.Event, 0, len(c.groups))
	for i, g := range c.groups {
		es = append(es, eventOf(event.OrderPlaced, &rows[i], g.coop.Slug, g.coop.Name))
	}
	low, err := lowStock(tx, c)
	if err != nil {
		return err
	}
	return event.WriteAll(tx, append(es, low...)...)
}

// lowStock returns a low_stock event for each variant this sale took from
// above LowStockAt to at or under it: once per crossing, not once per later
// sale. The stock is read after takeStock's UPDATE, in the same
// transaction, so it is this sale's result.
func lowStock(tx *gorm.DB, c *cart) ([]event.Event, error) {
	type took struct {
		l *line
		g *group
	}
	byVariant := map[string]took{}
	var ids []string
	for _, g := range c.groups {
		for _, l := range g.lines {
			byVariant[l.v.ID] = took{l, g}
			ids = append(ids, l.v.ID)
		}
	}
	var low []struct {
		ID    string
		Stock int
	}
	if err := tx.Table("product_variants").Select("id, stock").
		Where("id IN ? AND stock <= ?", ids, event.LowStockAt).Order("id").Scan(&low).Error; err != nil {
		return nil, err
	}
	var out []event.Event
	for _, v := range low {
		t := byVariant[v.ID]
		if v.Stock+t.l.quantity <= event.LowStockAt {
			continue // already low before this sale
		}
		stock := v.Stock
		out = append(out, event.Event{
			Kind: event.LowStock, CoopID: t.g.coop.ID, CoopSlug: t.g.coop.Slug, CoopName: t.g.coop.Name,
			ProductID: t.l.v.ProductID, ProductName: t.l.v.ProductName, VariantID: t.l.v.ID, VariantName: t.l.v.Name,
			Stock: &stock,
		})
	}
	return out, nil
}

// notifyMoved tells the other side of a status move: the buyer hears of
// every move a seller makes; the coop hears when the buyer cancels.
func notifyMoved(tx *gorm.DB, j *orderJoin, byBuyer bool, reason string) error {
	if byBuyer {
		if j.O.Status != StatusCancelled {
			return nil
		}
		e := eventOf(event.OrderCancelled, &j.O, j.CoopSlug, j.CoopName)
		e.Reason = reason
		return event.Write(tx, e)
	}
	e := eventOf(event.OrderStatus, &j.O, j.CoopSlug, j.CoopName)
	e.Status, e.Reason = string(j.O.Status), reason
	return event.Write(tx, e)
}

// notifyUnmatched tells the coop that money for one of its orders reached
// its account and did not pay it (why: a Reason… of bank_notice.go), so
// the seller can call the buyer while staff look at it. TotalVND carries
// the amount that arrived, which is what the message names.
func notifyUnmatched(tx *gorm.DB, j *orderJoin, reason string, amountVND int64) error {
	e := eventOf(event.PaymentUnmatched, &j.O, j.CoopSlug, j.CoopName)
	e.Reason, e.TotalVND = reason, amountVND
	return event.Write(tx, e)
}

// notifyPaid tells the coop and the buyer that the money arrived.
func notifyPaid(tx *gorm.DB, j *orderJoin) error {
	return event.Write(tx, eventOf(event.OrderPaid, &j.O, j.CoopSlug, j.CoopName))
}
