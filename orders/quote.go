package orders

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
)

// Quote is what a cart would cost now: one group per cooperative (each
// becomes one order at checkout), with that coop's shipping.
type Quote struct {
	Groups   []QuoteGroup `json:"groups"`
	TotalVND int64        `json:"total_vnd"`
}

// QuoteGroup is one cooperative's part of a quote. FreeShippingOverVND lets
// the cart say "add 50.000 ₫ more for free shipping"; PaymentMethods says
// whether this coop can be paid by bank transfer.
type QuoteGroup struct {
	Coop                CoopRef         `json:"coop"`
	Items               []QuoteItem     `json:"items"`
	SubtotalVND         int64           `json:"subtotal_vnd"`
	ShippingVND         int64           `json:"shipping_vnd"`
	TotalVND            int64           `json:"total_vnd"`
	FreeShippingOverVND *int64          `json:"free_shipping_over_vnd"`
	PaymentMethods      []PaymentMethod `json:"payment_methods"`
}

// QuoteItem is an order line plus whether the stock covers it right now
// (checkout decides for real).
type QuoteItem struct {
	Item
	InStock bool `json:"in_stock"`
	Stock   int  `json:"stock"`
}

// Quote prices a cart with the server's prices and shipping rules. It
// changes nothing and reserves nothing.
func (s *Service) Quote(ctx context.Context, _ kernel.Caller, in QuoteInput) (*Quote, error) {
	var p problems
	checkLines(in.Items, &p)
	if in.ShippingAddress != nil {
		checkAddress(in.ShippingAddress, &p)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	c, err := priceCart(s.read(ctx), in.Items, nil)
	if err != nil {
		return nil, apperr.Wrap(err, "price cart")
	}
	q := &Quote{Groups: make([]QuoteGroup, len(c.groups)), TotalVND: c.totalVND()}
	for i, g := range c.groups {
		qg := QuoteGroup{
			Coop: g.coop.ref(), Items: make([]QuoteItem, len(g.lines)),
			SubtotalVND: g.subtotalVND, ShippingVND: g.shippingVND, TotalVND: g.totalVND(),
			FreeShippingOverVND: g.coop.FreeShippingOverVND, PaymentMethods: []PaymentMethod{PayCOD},
		}
		if g.coop.hasBank() {
			qg.PaymentMethods = append(qg.PaymentMethods, PayBankTransfer)
		}
		for j, l := range g.lines {
			qg.Items[j] = QuoteItem{Item: l.item(), InStock: l.v.Stock >= l.quantity, Stock: l.v.Stock}
		}
		q.Groups[i] = qg
	}
	return q, nil
}
