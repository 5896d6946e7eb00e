package web

import (
	"net/http"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/reports"
	"github.com/gofiber/fiber/v2"
)

// sellerReportData is a coop's sales report: its delivered orders by month
// and by product over a period, with the totals of the period.
type sellerReportData struct {
	Coop   *catalog.Coop
	Base   string
	Action string // where the period form is sent
	Period string
	// Delivered, Items and GMV are the period's delivered orders, units
	// and merchandise value (the sums of the months).
	Delivered, Items, GMV int64
	Tables                []reportTable
	// Invalid is set when the period could not be read; the page then
	// shows the form with its messages and no figures.
	Invalid bool
}

// sellerReport shows a coop's sales (delivered orders, shipping excluded,
// months in Viet Nam's time) by month and by product, for its members,
// its steward and Hội staff, each table with its CSV download.
func (w *Web) sellerReport(c *fiber.Ctx) error {
	co, err := w.coopFor(c)
	if err != nil {
		return err
	}
	if w.d.Reports == nil {
		return w.errorPage(c, http.StatusServiceUnavailable, "error.unavailable")
	}
	q, _ := readReportQuery(c, reports.CoopGroupings)
	base := pathSeller + "/" + co.Slug
	d := sellerReportData{Coop: co, Base: base, Action: base + "/bao-cao"}
	v := &view{Title: tr("report.seller.title"), Form: q.form()}
	for _, g := range reports.CoopGroupings {
		s, err := w.d.Reports.Sales(c.UserContext(), httpx.Actor(c), reports.SalesQuery{CoopID: co.ID, GroupBy: g, Range: q.Range})
		if invalidReport(err) {
			v.Errors, v.ErrorList, _ = formErrors(err, reportField)
			d.Invalid, d.Tables = true, nil
			v.D = d
			return w.render(c, http.StatusUnprocessableEntity, "seller_report", v)
		}
		if err != nil {
			return err
		}
		if g == reports.ByMonth {
			d.Period = periodText(s.From, s.To)
			for _, r := range s.Rows {
				d.Delivered += r.Orders
				d.Items += r.Items
				d.GMV += r.GMVVND
			}
		}
		d.Tables = append(d.Tables, salesTable(s, q.url(base+"/bao-cao.csv", g)))
	}
	v.D = d
	return w.render(c, http.StatusOK, "seller_report", v)
}

// sellerReportCSV downloads one table of a coop's sales report
// (?theo=thang or san-pham, and the page's tu and den) as the CSV of
// package reports, the same file the API's /coops/{id}/reports/sales gives.
// Whoever may not see the coop's report gets the not-found page.
func (w *Web) sellerReportCSV(c *fiber.Ctx) error {
	co, err := w.coopFor(c)
	if err != nil {
		return err
	}
	if w.d.Reports == nil {
		return w.errorPage(c, http.StatusServiceUnavailable, "error.unavailable")
	}
	q, ok := readReportQuery(c, reports.CoopGroupings)
	if !ok {
		return fiber.ErrNotFound
	}
	s, err := w.d.Reports.Sales(c.UserContext(), httpx.Actor(c), reports.SalesQuery{CoopID: co.ID, GroupBy: q.Group, Range: q.Range})
	if err != nil {
		return err
	}
	return sendCSV(c, s)
}
