package web

import (
	"net/http"
	"sort"
	"strings"

	"github.com/ganh-market/ganh/catalog"
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
	status := orders.Status(c.Query("trang-thai"))
	if !status.Valid() {
		status = ""
	}
	page, err := w.d.Orders.CoopOrders(c.UserContext(), actor(c), co.ID, status, catalog.PageRequest{Limit: 30, Cursor: c.Query("sau")})
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
	caller := orders.Caller{Actor: actor(c)}
	if _, err := w.d.Orders.SetStatus(c.UserContext(), caller, strings.Clone(c.Params("code")), in); err != nil {
		return err
	}
	w.setFlash(c, "flash.order.updated")
	return c.Redirect(pathSeller+"/"+co.Slug+"/don-hang", http.StatusSeeOther)
}

// sellerOrderPaid records that a bank transfer arrived.
func (w *Web) sellerOrderPaid(c *fiber.Ctx) error {
	co, err := w.coopFor(c)
	if err != nil {
		return err
	}
	if _, err := w.d.Orders.MarkPaid(c.UserContext(), orders.Caller{Actor: actor(c)}, strings.Clone(c.Params("code"))); err != nil {
		return err
	}
	w.setFlash(c, "flash.order.paid")
	return c.Redirect(pathSeller+"/"+co.Slug+"/don-hang", http.StatusSeeOther)
}

// reportRow is one line of a sales report.
type reportRow struct {
	Key, Label string
	Orders     int
	Items      int
	GMV        int64
}

// sellerReportData is a shop's sales report.
type sellerReportData struct {
	Coop      *catalog.Coop
	Base      string
	ByMonth   []reportRow
	ByProduct []reportRow
	ByStatus  []reportRow
	GMV       int64
	Delivered int
	Truncated bool
}

// maxReportOrders bounds how many orders the simple report reads.
const maxReportOrders = 5000

// sellerReport sums a shop's orders: merchandise value of delivered orders
// (shipping excluded, as API.md defines GMV) by month in Viet Nam's time
// and by product. It reads the orders through the orders service until a
// reports package offers these aggregates.
func (w *Web) sellerReport(c *fiber.Ctx) error {
	co, err := w.coopFor(c)
	if err != nil {
		return err
	}
	if w.d.Orders == nil {
		return w.errorPage(c, http.StatusServiceUnavailable, "error.unavailable")
	}
	d := sellerReportData{Coop: co, Base: pathSeller + "/" + co.Slug}
	months, products, statuses := map[string]*reportRow{}, map[string]*reportRow{}, map[string]*reportRow{}
	cursor, read := "", 0
	for {
		page, err := w.d.Orders.CoopOrders(c.UserContext(), actor(c), co.ID, "", catalog.PageRequest{Limit: catalog.MaxLimit, Cursor: cursor})
		if err != nil {
			return err
		}
		for _, o := range page.Items {
			bump(statuses, string(o.Status), tr("order.status."+string(o.Status)), 1, 0, 0)
			if o.Status != orders.StatusDelivered {
				continue
			}
			d.Delivered++
			d.GMV += o.SubtotalVND
			m := o.CreatedAt.In(vietnam)
			bump(months, m.Format("2006-01"), tr("report.month", int(m.Month()), m.Year()), 1, itemsOf(o), o.SubtotalVND)
			for _, it := range o.Items {
				bump(products, it.ProductID, it.ProductName, 1, it.Quantity, it.LineTotalVND)
			}
		}
		read += len(page.Items)
		if page.NextCursor == nil {
			break
		}
		if read >= maxReportOrders {
			d.Truncated = true
			break
		}
		cursor = *page.NextCursor
	}
	d.ByMonth = sortedRows(months, func(a, b reportRow) bool { return a.Key > b.Key })
	d.ByProduct = sortedRows(products, func(a, b reportRow) bool { return a.GMV > b.GMV })
	d.ByStatus = sortedRows(statuses, func(a, b reportRow) bool { return a.Orders > b.Orders })
	return w.render(c, http.StatusOK, "seller_report", &view{Title: tr("report.seller.title"), D: d})
}

func itemsOf(o orders.Order) int {
	n := 0
	for _, it := range o.Items {
		n += it.Quantity
	}
	return n
}

func bump(m map[string]*reportRow, key, label string, orders, items int, gmv int64) {
	r := m[key]
	if r == nil {
		r = &reportRow{Key: key, Label: label}
		m[key] = r
	}
	r.Orders += orders
	r.Items += items
	r.GMV += gmv
}

func sortedRows(m map[string]*reportRow, less func(a, b reportRow) bool) []reportRow {
	out := make([]reportRow, 0, len(m))
	for _, r := range m {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return less(out[i], out[j]) })
	return out
}
