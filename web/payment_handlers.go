package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
	"github.com/gofiber/fiber/v2"
)

// The payment pages of issue 15: the seller's "tiền về" month, the button
// for cash refused at the door, and the staff list of unmatched bank money.

const pathUnmatched = pathStaff + "/tien-chua-khop"

// sellerCODRefused records that the buyer of a delivered COD order did not
// pay at the door ("không thu được tiền"): the stock comes back.
func (w *Web) sellerCODRefused(c *fiber.Ctx) error {
	co, err := w.coopFor(c)
	if err != nil {
		return err
	}
	in := orders.CODRefusedInput{Reason: strings.Clone(c.FormValue("reason"))}
	if _, err := w.d.Orders.CODRefused(c.UserContext(), orders.Caller{Actor: httpx.Actor(c)}, strings.Clone(c.Params("code")), in); err != nil {
		return err
	}
	w.setFlash(c, "flash.order.codrefused")
	return seeOther(c, pathSeller+"/"+co.Slug+"/don-hang")
}

// moneyInData is a coop's "tiền về" page.
type moneyInData struct {
	Coop *catalog.Coop
	Base string
	M    *reports.MoneyIn
	// MonthLabel is the month as people write it: 12/2026.
	MonthLabel string
	Prev       string
	Next       string
	CSVURL     string
}

// sellerMoneyIn shows a coop's money of one month (?thang=YYYY-MM, this
// month by default): paid orders with when and how, bank transfers still
// awaited after a day, COD collected; with its CSV.
func (w *Web) sellerMoneyIn(c *fiber.Ctx) error {
	co, m, err := w.moneyIn(c)
	if err != nil || m == nil {
		return err
	}
	base := pathSeller + "/" + co.Slug
	d := moneyInData{Coop: co, Base: base, M: m, CSVURL: base + "/tien-ve.csv?thang=" + m.Month}
	if start, err := time.Parse("2006-01", m.Month); err == nil {
		d.MonthLabel = start.Format("01/2006")
		d.Prev = base + "/tien-ve?thang=" + start.AddDate(0, -1, 0).Format("2006-01")
		d.Next = base + "/tien-ve?thang=" + start.AddDate(0, 1, 0).Format("2006-01")
	}
	return w.render(c, http.StatusOK, "seller_money_in", &view{Title: tr("moneyin.title"), D: d})
}

// sellerMoneyInCSV downloads the month as the CSV of package reports, the
// same file as GET /coops/{id}/payments?format=csv.
func (w *Web) sellerMoneyInCSV(c *fiber.Ctx) error {
	_, m, err := w.moneyIn(c)
	if err != nil || m == nil {
		return err
	}
	return sendCSV(c, m)
}

// moneyIn reads the coop's money of the month ?thang= for both forms of the
// page; with no reports service it answers the error page itself (m nil).
func (w *Web) moneyIn(c *fiber.Ctx) (*catalog.Coop, *reports.MoneyIn, error) {
	co, err := w.coopFor(c)
	if err != nil {
		return nil, nil, err
	}
	if w.d.Reports == nil {
		return co, nil, w.errorPage(c, http.StatusServiceUnavailable, "error.unavailable")
	}
	m, err := w.d.Reports.CoopMoneyIn(c.UserContext(), httpx.Actor(c), co.ID, strings.Clone(c.Query("thang")), time.Now())
	return co, m, err
}

// unmatchedData is the staff list of bank money that paid no order.
type unmatchedData struct {
	Items   []orders.UnmatchedPayment
	NextURL string
	// Failed is the message of an attachment that did not go through,
	// shown above the list; FailedID the money it was for.
	Failed   string
	FailedID string
}

// staffUnmatched lists unmatched bank money (newest first, the staff
// member's province only when she has one), each with a form to attach it
// to an order by its code.
func (w *Web) staffUnmatched(c *fiber.Ctx) error {
	return w.renderUnmatched(c, http.StatusOK, unmatchedData{})
}

func (w *Web) renderUnmatched(c *fiber.Ctx, status int, d unmatchedData) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	if w.d.Orders == nil {
		return w.errorPage(c, http.StatusServiceUnavailable, "error.unavailable")
	}
	page, err := w.d.Orders.UnmatchedPayments(c.UserContext(), httpx.Actor(c), kernel.PageRequest{Limit: 30, Cursor: strings.Clone(c.Query("sau"))})
	if err != nil {
		return err
	}
	d.Items = page.Items
	if page.NextCursor != nil {
		d.NextURL = pathUnmatched + "?sau=" + *page.NextCursor
	}
	return w.render(c, status, "staff_unmatched", &view{Title: tr("unmatched.title"), D: d})
}

// staffAttach attaches one unmatched payment to the order whose code the
// staff member typed. A refusal the staff member can act on (no such
// order, already paid, another province) is shown above the list.
func (w *Web) staffAttach(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	id := strings.Clone(c.Params("id"))
	code := strings.Clone(strings.TrimSpace(c.FormValue("order_code")))
	var err error
	if code == "" {
		err = apperr.Field("order_code", tr("unmatched.code.missing"))
	} else {
		_, err = w.d.Orders.AttachPayment(c.UserContext(), httpx.Actor(c), id, code)
	}
	if e := apperr.As(err); e != nil && e.Kind != apperr.KindInternal && e.Kind != apperr.KindUnavailable {
		msg := e.Message
		if len(e.Fields) > 0 {
			msg = e.Fields[0].Message
		}
		return w.renderUnmatched(c, http.StatusUnprocessableEntity, unmatchedData{Failed: msg, FailedID: id})
	}
	if err != nil {
		return err
	}
	w.setFlash(c, "flash.payment.attached")
	return seeOther(c, pathUnmatched)
}
