package api

import (
	"bytes"
	"io"
	"mime"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/reports"
	"github.com/gofiber/fiber/v2"
)

// mimeCSV is what a report is sent as when CSV is asked for.
const mimeCSV = "text/csv; charset=utf-8"

// wantsCSV says whether the caller asked for CSV: ?format=csv (a plain link
// from a web page), or an Accept header that prefers text/csv. ?format=json
// forces JSON; any other format is a validation failure.
func wantsCSV(c *fiber.Ctx) (bool, error) {
	switch c.Query("format") {
	case "csv":
		return true, nil
	case "json":
		return false, nil
	case "":
		return c.Accepts(fiber.MIMEApplicationJSON, "text/csv") == "text/csv", nil
	}
	return false, apperr.Field("format", "format phải là json hoặc csv.")
}

// reportRange reads ?from=&to=.
func reportRange(c *fiber.Ctx) reports.Range {
	return reports.Range{From: query(c, "from"), To: query(c, "to")}
}

// csvReport is a report that can be written as CSV.
type csvReport interface {
	WriteCSV(w io.Writer) error
	Filename() string
}

// sendReport answers v as JSON, or as a CSV download Excel opens with its
// Vietnamese intact (see reports.WriteCSV).
func sendReport(c *fiber.Ctx, asCSV bool, v csvReport) error {
	c.Vary(fiber.HeaderAccept)
	if !asCSV {
		return sendPrivate(c, fiber.StatusOK, v)
	}
	var b bytes.Buffer
	if err := v.WriteCSV(&b); err != nil {
		return apperr.Wrap(err, "write csv")
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	c.Set(fiber.HeaderContentType, mimeCSV)
	c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": v.Filename()}))
	return c.Status(fiber.StatusOK).Send(b.Bytes())
}

// reportOverview answers GET /admin/reports/overview (staff).
func (s *server) reportOverview(c *fiber.Ctx) error {
	asCSV, err := wantsCSV(c)
	if err != nil {
		return err
	}
	r := reportRange(c)
	r.Province = query(c, "province")
	ov, err := s.reports.Overview(c.UserContext(), httpx.Actor(c), r)
	if err != nil {
		return err
	}
	return sendReport(c, asCSV, ov)
}

// reportSales answers GET /admin/reports/sales (staff).
func (s *server) reportSales(c *fiber.Ctx) error {
	return s.sales(c, "")
}

// coopReportSales answers GET /coops/{id}/reports/sales (the coop's
// members, staff).
func (s *server) coopReportSales(c *fiber.Ctx) error {
	id := param(c, "id")
	if id == "" {
		return apperr.NotFoundf("Không tìm thấy hợp tác xã.")
	}
	return s.sales(c, id)
}

func (s *server) sales(c *fiber.Ctx, coopID string) error {
	asCSV, err := wantsCSV(c)
	if err != nil {
		return err
	}
	q := reports.SalesQuery{CoopID: coopID, GroupBy: reports.GroupBy(query(c, "group_by")), Range: reportRange(c)}
	if coopID == "" {
		q.Province = query(c, "province") // the market report's filter
	}
	out, err := s.reports.Sales(c.UserContext(), httpx.Actor(c), q)
	if err != nil {
		return err
	}
	return sendReport(c, asCSV, out)
}
