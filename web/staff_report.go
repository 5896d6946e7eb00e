package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"

	"github.com/ganh-market/ganh/catalog"
	"github.com/gofiber/fiber/v2"
)

// staffReportData is the staff report: storefronts by province and status.
type staffReportData struct {
	ByStatus   []reportRow
	ByProvince []provinceRow
	Total      int
	CSVURL     string
	APICSVURL  string
	Truncated  bool
}

// provinceRow counts a province's storefronts by status.
type provinceRow struct {
	Slug, Name                                string
	Pending, Approved, Rejected, Suspended, N int
}

// coopCensus reads every storefront (up to a bound) through the catalog
// and counts them by status and province. It stands in until a reports
// package offers these aggregates with sales figures.
func (w *Web) coopCensus(c *fiber.Ctx) (staffReportData, error) {
	var d staffReportData
	statuses := map[string]*reportRow{}
	provinces := map[string]*provinceRow{}
	cursor := ""
	for {
		page, err := w.d.Catalog.AdminCoops(c.UserContext(), actor(c), catalog.CoopFilter{}, catalog.PageRequest{Limit: catalog.MaxLimit, Cursor: cursor})
		if err != nil {
			return d, err
		}
		for _, co := range page.Items {
			d.Total++
			bump(statuses, string(co.Status), tr("coop.status."+string(co.Status)), 1, 0, 0)
			p := provinces[co.Province]
			if p == nil {
				p = &provinceRow{Slug: co.Province, Name: provinceName(co.Province)}
				provinces[co.Province] = p
			}
			p.N++
			switch co.Status {
			case catalog.CoopPending:
				p.Pending++
			case catalog.CoopApproved:
				p.Approved++
			case catalog.CoopRejected:
				p.Rejected++
			case catalog.CoopSuspended:
				p.Suspended++
			}
		}
		if page.NextCursor == nil {
			break
		}
		if d.Total >= maxReportOrders {
			d.Truncated = true
			break
		}
		cursor = *page.NextCursor
	}
	d.ByStatus = sortedRows(statuses, func(a, b reportRow) bool { return a.Orders > b.Orders })
	for _, p := range provinces {
		d.ByProvince = append(d.ByProvince, *p)
	}
	sortProvinceRows(d.ByProvince)
	return d, nil
}

func sortProvinceRows(rows []provinceRow) {
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && (rows[j].N > rows[j-1].N || rows[j].N == rows[j-1].N && collate(rows[j].Name) < collate(rows[j-1].Name)); j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}

// staffReport shows the storefront census and links the CSV exports.
func (w *Web) staffReport(c *fiber.Ctx) error {
	if err := requireStaff(c); err != nil {
		return err
	}
	d, err := w.coopCensus(c)
	if err != nil {
		return err
	}
	d.CSVURL, d.APICSVURL = pathStaff+"/bao-cao.csv", w.d.CSVReportURL
	return w.render(c, http.StatusOK, "staff_report", &view{Title: tr("report.staff.title"), D: d})
}

// staffReportCSV downloads the census by province as CSV (UTF-8 with a BOM,
// so that spreadsheet programs read the Vietnamese names right).
func (w *Web) staffReportCSV(c *fiber.Ctx) error {
	if err := requireStaff(c); err != nil {
		return err
	}
	d, err := w.coopCensus(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	_ = cw.Write([]string{"province", "province_name", "pending", "approved", "rejected", "suspended", "total"})
	for _, p := range d.ByProvince {
		_ = cw.Write([]string{p.Slug, p.Name, strconv.Itoa(p.Pending), strconv.Itoa(p.Approved), strconv.Itoa(p.Rejected), strconv.Itoa(p.Suspended), strconv.Itoa(p.N)})
	}
	cw.Flush()
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="ganh-hop-tac-xa-theo-tinh.csv"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}
