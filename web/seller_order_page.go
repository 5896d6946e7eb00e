package web

import (
	"net/http"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/orders"
	"github.com/gofiber/fiber/v2"
)

// sellerOrderData is one order of the shop, on its page or its slip.
type sellerOrderData struct {
	Coop *catalog.Coop
	Base string
	O    *orders.Order
	Next []orders.Status
	// CODVND is what the courier collects on delivery: the total of an
	// unpaid cash-on-delivery order, else nothing.
	CODVND int64
	// The phones as people write them (0912…), for the slip.
	CoopPhone, BuyerPhone string
}

// shopOrder loads the order of the path if it is the shop's: an order of
// any other coop is not found here, even to staff who may read it, since
// this is the shop's back office.
func (w *Web) shopOrder(c *fiber.Ctx) (*sellerOrderData, error) {
	co, err := w.coopFor(c)
	if err != nil {
		return nil, err
	}
	if w.d.Orders == nil {
		return nil, apperr.New(apperr.KindUnavailable, apperr.CodeUnavailable, tr("error.unavailable.text"))
	}
	code := strings.Clone(c.Params("code"))
	o, err := w.d.Orders.Order(c.UserContext(), orders.Caller{Actor: httpx.Actor(c)}, code)
	if err != nil {
		return nil, err
	}
	if o.Coop.ID != co.ID {
		return nil, apperr.NotFoundf("%s", tr("error.notfound.text"))
	}
	d := &sellerOrderData{Coop: co, Base: pathSeller + "/" + co.Slug, O: o, Next: nextMoves(o.Status),
		CoopPhone: localPhone(co.Phone), BuyerPhone: localPhone(o.Buyer.Phone)}
	if o.PaymentMethod == orders.PayCOD && o.PaymentStatus == orders.Unpaid && o.Status != orders.StatusCancelled {
		d.CODVND = o.TotalVND
	}
	return d, nil
}

// sellerOrderPage is one order as the shop acts on it: the buyer's note,
// items with their variants, the address in full, the payment state, the
// next moves and the packing slip.
func (w *Web) sellerOrderPage(c *fiber.Ctx) error {
	d, err := w.shopOrder(c)
	if err != nil {
		return err
	}
	return w.render(c, http.StatusOK, "seller_order", &view{Title: tr("seller.order.title", d.O.Code), D: d})
}

// packingSlip is the order's printable packing slip (A6): code, items,
// address and the amount to collect. It is a document of its own, without
// the site's header, so it prints on one small sheet.
func (w *Web) packingSlip(c *fiber.Ctx) error {
	d, err := w.shopOrder(c)
	if err != nil {
		return err
	}
	return w.renderDocument(c, http.StatusOK, "packing_slip", &view{Title: tr("slip.title", d.O.Code), D: d})
}
