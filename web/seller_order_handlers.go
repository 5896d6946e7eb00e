package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/gofiber/fiber/v2"
)

// sellerOrder is an order with the moves its seller may make next.
type sellerOrder struct {
	O    orders.Order
	Next []orders.Status
}

// sellerOrdersData is a shop's order list.
type sellerOrdersData struct {
	Coop    *catalog.Coop
	Base    string
	Orders  []sellerOrder
	Tabs    []facet
	NextURL string
}

// nextMoves are the statuses a seller may move an order in st to, in the
// order the buttons show them.
func nextMoves(st orders.Status) []orders.Status {
	var out []orders.Status
	for _, to := range []orders.Status{orders.StatusConfirmed, orders.StatusShipping, orders.StatusDelivered, orders.StatusCancelled} {
		if st.CanMove(to) {
			out = append(out, to)
		}
	}
	return out
}

// sellerOrders lists a shop's orders, by status, with a button for each
// next allowed move.
func (w *Web) sellerOrders(c *fiber.Ctx) error {
	co, err := w.coopFor(c)
	if err != nil {
		return err
	}
	if w.d.Orders == nil {
		return w.errorPage(c, http.StatusServiceUnavailable, "error.unavailable")
	}
	status := orders.Status(strings.Clone(c.Query("trang-thai")))
	if !status.Valid() {
		status = ""
	}
	page, err := w.d.Orders.CoopOrders(c.UserContext(), httpx.Actor(c), co.ID, status, kernel.PageRequest{Limit: 30, Cursor: c.Query("sau")})
	if err != nil {
		return err
	}
	base := pathSeller + "/" + co.Slug
	d := sellerOrdersData{Coop: co, Base: base}
	for _, o := range page.Items {
		d.Orders = append(d.Orders, sellerOrder{O: o, Next: nextMoves(o.Status)})
	}
	tabs := append([]orders.Status{""}, orders.Statuses...)
	for _, st := range tabs {
		label := tr("orders.tab.all")
		u := base + "/don-hang"
		if st != "" {
			label, u = tr("order.status."+string(st)), u+"?trang-thai="+string(st)
		}
		d.Tabs = append(d.Tabs, facet{Value: string(st), Label: label, Selected: st == status, URL: u})
	}
	if page.NextCursor != nil {
		d.NextURL = base + "/don-hang?trang-thai=" + string(status) + "&sau=" + *page.NextCursor
	}
	return w.render(c, http.StatusOK, "seller_orders", &view{Title: tr("seller.orders.title"), D: d})
}

// sellerOrderStatus moves an order one step (confirm, ship, deliver,
// cancel with a reason).
func (w *Web) sellerOrderStatus(c *fiber.Ctx) error {
	co, err := w.coopFor(c)
	if err != nil {
		return err
	}
	in := orders.StatusInput{Status: orders.Status(strings.Clone(c.FormValue("status"))), Reason: strings.Clone(c.FormValue("reason"))}
	caller := orders.Caller{Actor: httpx.Actor(c)}
	if _, err := w.d.Orders.SetStatus(c.UserContext(), caller, strings.Clone(c.Params("code")), in); err != nil {
		return err
	}
	w.setFlash(c, "flash.order.updated")
	return seeOther(c, orderReturn(c, co))
}

// sellerOrderPaid records that a bank transfer arrived.
func (w *Web) sellerOrderPaid(c *fiber.Ctx) error {
	co, err := w.coopFor(c)
	if err != nil {
		return err
	}
	if _, err := w.d.Orders.MarkPaid(c.UserContext(), orders.Caller{Actor: httpx.Actor(c)}, strings.Clone(c.Params("code"))); err != nil {
		return err
	}
	w.setFlash(c, "flash.order.paid")
	return seeOther(c, orderReturn(c, co))
}

// orderReturn is where a move on an order leads back to: the order's own
// page when it was made there (ve=don), else the shop's order list.
func orderReturn(c *fiber.Ctx, co *catalog.Coop) string {
	list := pathSeller + "/" + co.Slug + "/don-hang"
	if c.FormValue("ve") == "don" {
		return list + "/" + url.PathEscape(strings.Clone(c.Params("code")))
	}
	return list
}
