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

// notifyPlaced tells each coop of a checkout of its new order: one batch
// of events for the whole checkout, which the checkout's outbox.Gather
// writes with its other rows.
func notifyPlaced(tx *gorm.DB, rows []orderRow, c *cart) error {
	es := make([]event.Event, 0, len(c.groups))
	for i, g := range c.groups {
		es = append(es, eventOf(event.OrderPlaced, &rows[i], g.coop.Slug, g.coop.Name))
	}
	return event.WriteAll(tx, es...)
}

// notifyLowStock warns each coop of a checkout of the variants the sale
// took to LowStockAt or under (left is the stock the sale left of each
// variant).
func notifyLowStock(tx *gorm.DB, c *cart, left map[string]int) error {
	return event.WriteAll(tx, lowStock(c, left)...)
}

// lowStock returns a low_stock event for each variant this sale took from
// above LowStockAt to at or under it: once per crossing, not once per later
// sale. left is what the sale's own UPDATE left, so it is this sale's result.
func lowStock(c *cart, left map[string]int) []event.Event {
	var out []event.Event
	for _, g := range c.groups {
		for _, l := range g.lines {
			stock, ok := left[l.v.ID]
			if !ok || stock > event.LowStockAt || stock+l.quantity <= event.LowStockAt {
				continue // not low, or already low before this sale
			}
			out = append(out, event.Event{
				Kind: event.LowStock, CoopID: g.coop.ID, CoopSlug: g.coop.Slug, CoopName: g.coop.Name,
				ProductID: l.v.ProductID, ProductName: l.v.ProductName, VariantID: l.v.ID, VariantName: l.v.Name,
				Stock: &stock,
			})
		}
	}
	return out
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
