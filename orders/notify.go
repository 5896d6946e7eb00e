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
// of the variants the sale took to LowStockAt or under.
func notifyPlaced(tx *gorm.DB, rows []orderRow, c *cart) error {
	for i, g := range c.groups {
		if err := event.Write(tx, eventOf(event.OrderPlaced, &rows[i], g.coop.Slug, g.coop.Name)); err != nil {
			return err
		}
		if err := notifyLowStock(tx, g); err != nil {
			return err
		}
	}
	return nil
}

// notifyLowStock writes a low_stock event for each variant of g that this
// sale took from above LowStockAt to at or under it: once per crossing, not
// once per later sale. The stock is read after takeStock's UPDATE, in the
// same transaction, so it is this sale's result.
func notifyLowStock(tx *gorm.DB, g *group) error {
	took := make(map[string]*line, len(g.lines))
	ids := make([]string, 0, len(g.lines))
	for _, l := range g.lines {
		took[l.v.ID] = l
		ids = append(ids, l.v.ID)
	}
	var low []struct {
		ID    string
		Stock int
	}
	if err := tx.Table("product_variants").Select("id, stock").
		Where("id IN ? AND stock <= ?", ids, event.LowStockAt).Order("id").Scan(&low).Error; err != nil {
		return err
	}
	for _, v := range low {
		l := took[v.ID]
		if v.Stock+l.quantity <= event.LowStockAt {
			continue // already low before this sale
		}
		stock := v.Stock
		err := event.Write(tx, event.Event{
			Kind: event.LowStock, CoopID: g.coop.ID, CoopSlug: g.coop.Slug, CoopName: g.coop.Name,
			ProductID: l.v.ProductID, ProductName: l.v.ProductName, VariantID: l.v.ID, VariantName: l.v.Name,
			Stock: &stock,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// notifyMoved tells the other side of a status move: the buyer hears of
// every move a seller makes; the coop hears when the buyer cancels.
func notifyMoved(tx *gorm.DB, j *orderJoin, r role, reason string) error {
	if r == roleBuyer {
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

// notifyPaid tells the coop and the buyer that the money arrived.
func notifyPaid(tx *gorm.DB, j *orderJoin) error {
	return event.Write(tx, eventOf(event.OrderPaid, &j.O, j.CoopSlug, j.CoopName))
}
