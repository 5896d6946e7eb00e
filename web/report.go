package web

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/reports"
	"github.com/gofiber/fiber/v2"
)

// The report pages (a coop's sales for its members, the marketplace for
// Hội staff) read package reports, the same service the API's
// /admin/reports/* and /coops/{id}/reports/sales answer from, so a page, its
// CSV download and the API always show the same figures. The query of a
// report page and of its download:
//
//	tu, den  local dates YYYY-MM-DD (what <input type="date"> sends), both
//	         inclusive, either may be empty (all time on that side)
//	theo     the grouping, by its slug below
//	tinh     a province slug: the marketplace report over that province's
//	         coops (staff of every province pick it; a province's staff
//	         see theirs without it)
const (
	qFrom     = "tu"
	qTo       = "den"
	qGroup    = "theo"
	qProvince = "tinh"
)

// groupSlugs name the groupings in URLs, in Vietnamese without diacritics
// like every path of the web app.
var groupSlugs = map[reports.GroupBy]string{
	reports.ByMonth:    "thang",
	reports.ByProvince: "tinh",
	reports.ByCategory: "danh-muc",
	reports.ByCoop:     "hop-tac-xa",
	reports.ByProduct:  "san-pham",
	// The Hội's network.
	reports.ByReferrer:       "nguoi-gioi-thieu",
	reports.ByChapterCommune: "chi-hoi",
}

// groupKeys are the catalogue keys of a grouping: its tab and table title
// (report.by…) and its first column (report.col.…).
var groupKeys = map[reports.GroupBy]string{
	reports.ByMonth:    "month",
	reports.ByProvince: "province",
	reports.ByCategory: "category",
	reports.ByCoop:     "coop",
	reports.ByProduct:  "product",
	// The Hội's network.
	reports.ByReferrer:       "referrer",
	reports.ByChapterCommune: "chapter_commune",
}

// reportQuery is what a report page or download was asked for.
type reportQuery struct {
	Range reports.Range
	Group reports.GroupBy
}

// readReportQuery reads tu, den, theo and tinh. A theo that is not one of
// allowed gives allowed[0] and ok false.
func readReportQuery(c *fiber.Ctx, allowed []reports.GroupBy) (q reportQuery, ok bool) {
	q.Range = reports.Range{From: strings.TrimSpace(strings.Clone(c.Query(qFrom))), To: strings.TrimSpace(strings.Clone(c.Query(qTo))),
		Province: strings.TrimSpace(strings.Clone(c.Query(qProvince)))}
	q.Group, ok = allowed[0], true
	if s := c.Query(qGroup); s != "" {
		ok = false
		for _, g := range allowed {
			if groupSlugs[g] == s {
				q.Group, ok = g, true
			}
		}
	}
	return q, ok
}

// url is path with the query's period and grouping g ("" leaves theo out).
func (q reportQuery) url(path string, g reports.GroupBy) string {
	v := url.Values{}
	if q.Range.From != "" {
		v.Set(qFrom, q.Range.From)
	}
	if q.Range.To != "" {
		v.Set(qTo, q.Range.To)
	}
	if g != "" {
		v.Set(qGroup, groupSlugs[g])
	}
	if q.Range.Province != "" {
		v.Set(qProvince, q.Range.Province)
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// form echoes the period into the filter form.
func (q reportQuery) form() map[string]string {
	return map[string]string{qFrom: q.Range.From, qTo: q.Range.To, qProvince: q.Range.Province}
}

// reportField turns a field the reports service names into the filter
// form's input; a grouping the form does not show goes to the list.
func reportField(f string) string {
	switch f {
	case "from":
		return qFrom
	case "to":
		return qTo
	case "province":
		return qProvince
	}
	return ""
}

// reportTable is one table of sales rows as the partial "salestable"
// shows it.
type reportTable struct {
	ID      string // the caption's id, which labels the scrolling region
	Caption string
	Column  string // the title of the first column
	Rows    []reports.Row
	CSVURL  string
}

// salesTable builds the table of a sales report, with its download link.
func salesTable(s *reports.Sales, csvURL string) reportTable {
	key := groupKeys[s.GroupBy]
	return reportTable{
		ID: "bang-" + groupSlugs[s.GroupBy], Caption: tr("report.by." + key), Column: tr("report.col." + key),
		Rows: s.Rows, CSVURL: csvURL,
	}
}

// periodText says in words which period the figures cover.
func periodText(from, to *string) string {
	switch {
	case from != nil && to != nil:
		return tr("report.period.range", reportDate(*from), reportDate(*to))
	case from != nil:
		return tr("report.period.from", reportDate(*from))
	case to != nil:
		return tr("report.period.to", reportDate(*to))
	}
	return tr("report.period.all")
}

// reportDate shows a local date YYYY-MM-DD as "31 tháng 1, 2026".
func reportDate(s string) string {
	t, err := time.ParseInLocation("2006-01-02", s, vietnam)
	if err != nil {
		return s
	}
	return formatDate(t)
}

// csvReport is a report of package reports that writes itself as CSV:
// UTF-8 with a byte-order mark (so Excel reads the Vietnamese right), CRLF
// lines, plain integers.
type csvReport interface {
	WriteCSV(w io.Writer) error
	Filename() string
}

// sendCSV answers the report as a download. It is private: the figures
// belong to whoever may read them.
func sendCSV(c *fiber.Ctx, r csvReport) error {
	var b bytes.Buffer
	if err := r.WriteCSV(&b); err != nil {
		return apperr.Wrap(err, "write csv")
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": r.Filename()}))
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Status(http.StatusOK).Send(b.Bytes())
}

// invalidReport says whether err is a bad period (or grouping) that the
// page shows beside its filter form rather than as an error page.
func invalidReport(err error) bool {
	e := apperr.As(err)
	return e != nil && e.Kind == apperr.KindInvalid
}
