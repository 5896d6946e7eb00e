package web

import (
	"net/http"

	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/policy"
	"github.com/ganh-market/ganh/reports"
	"github.com/gofiber/fiber/v2"
)

// staffReportData is the marketplace report for Hội staff: the overview
// and one table of sales, grouped as the chosen tab says.
type staffReportData struct {
	Action    string // where the period form is sent
	GroupSlug string // the tab, kept by the period form
	Period    string
	Metrics   []metric
	// OverviewCSV downloads the overview; Table.CSVURL the sales table.
	OverviewCSV string
	Tabs        []facet
	Table       reportTable
	// Invalid is set when the period could not be read; the page then
	// shows the form with its messages and no figures.
	Invalid bool
	// PickProvince shows the province picker: staff of every province may
	// narrow the report to one; a province's staff see theirs only.
	PickProvince bool
}

// metric is one line of the overview.
type metric struct {
	Label, Value string
}

// overviewMetrics lists the overview for people: counts with thousands
// dots, GMV in đồng.
func overviewMetrics(o *reports.Overview) []metric {
	return []metric{
		{tr("report.ov.pending"), formatCount(o.Coops.Pending)},
		{tr("report.ov.approved"), formatCount(o.Coops.Approved)},
		{tr("report.ov.rejected"), formatCount(o.Coops.Rejected)},
		{tr("report.ov.suspended"), formatCount(o.Coops.Suspended)},
		{tr("report.ov.products"), formatCount(o.ProductsActive)},
		{tr("report.ov.orders"), formatCount(o.Orders)},
		{tr("report.ov.delivered"), formatCount(o.DeliveredOrders)},
		{tr("report.ov.gmv"), formatVND(o.GMVVND)},
	}
}

// staffReport shows the marketplace overview (coops by status, products on
// sale, orders, delivered orders, GMV) and sales by month, province,
// category or coop over a period, each with its CSV download: the figures
// of the API's /admin/reports/*.
func (w *Web) staffReport(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	if w.d.Reports == nil {
		return w.errorPage(c, http.StatusServiceUnavailable, "error.unavailable")
	}
	q, _ := readReportQuery(c, reports.MarketGroupings)
	page := pathStaff + "/bao-cao"
	every, _ := policy.MarketReport(httpx.Actor(c), "")
	d := staffReportData{Action: page, GroupSlug: groupSlugs[q.Group], PickProvince: every.All}
	v := &view{Title: tr("report.staff.title"), Form: q.form()}
	for _, g := range reports.MarketGroupings {
		d.Tabs = append(d.Tabs, facet{Value: groupSlugs[g], Label: tr("report.by." + groupKeys[g]), Selected: g == q.Group, URL: q.url(page, g)})
	}
	ctx, who := c.UserContext(), httpx.Actor(c)
	ov, err := w.d.Reports.Overview(ctx, who, q.Range)
	if err == nil {
		var s *reports.Sales
		if s, err = w.d.Reports.Sales(ctx, who, reports.SalesQuery{GroupBy: q.Group, Range: q.Range}); err == nil {
			d.Table = salesTable(s, q.url(pathStaff+"/bao-cao.csv", q.Group))
		}
	}
	if invalidReport(err) {
		v.Errors, v.ErrorList, _ = formErrors(err, reportField)
		d.Invalid = true
		v.D = d
		return w.render(c, http.StatusUnprocessableEntity, "staff_report", v)
	}
	if err != nil {
		return err
	}
	d.Period = periodText(ov.From, ov.To)
	d.Metrics = overviewMetrics(ov)
	d.OverviewCSV = q.url(pathStaff+"/bao-cao/tong-quan.csv", "")
	v.D = d
	return w.render(c, http.StatusOK, "staff_report", v)
}

// staffReportCSV downloads the marketplace's sales (?theo=thang, tinh,
// danh-muc or hop-tac-xa, and the page's tu and den) as the CSV of package
// reports, the file the API's /admin/reports/sales gives.
func (w *Web) staffReportCSV(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	if w.d.Reports == nil {
		return w.errorPage(c, http.StatusServiceUnavailable, "error.unavailable")
	}
	q, ok := readReportQuery(c, reports.MarketGroupings)
	if !ok {
		return fiber.ErrNotFound
	}
	s, err := w.d.Reports.Sales(c.UserContext(), httpx.Actor(c), reports.SalesQuery{GroupBy: q.Group, Range: q.Range})
	if err != nil {
		return err
	}
	return sendCSV(c, s)
}

// staffOverviewCSV downloads the overview as CSV (the API's
// /admin/reports/overview as text/csv).
func (w *Web) staffOverviewCSV(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	if w.d.Reports == nil {
		return w.errorPage(c, http.StatusServiceUnavailable, "error.unavailable")
	}
	q, _ := readReportQuery(c, reports.MarketGroupings)
	ov, err := w.d.Reports.Overview(c.UserContext(), httpx.Actor(c), q.Range)
	if err != nil {
		return err
	}
	return sendCSV(c, ov)
}
