package api

import (
	"context"
	"encoding/json"
	"mime"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/orders"
	"github.com/gofiber/fiber/v2"
)

// sepayDeadline caps the work of one bank notice: SePay waits 5 seconds
// for an answer before it counts the delivery as failed and retries, so a
// slow database answers 503 in time rather than 200 too late.
const sepayDeadline = 4 * time.Second

// sepayWebhook answers POST /payments/sepay: 404 unless configured, 401 for
// a wrong key, 429 past the wrong-key limit; every authenticated,
// well-formed notice answers 200 {"success": true}, matched or not (a
// retry of one already kept changes nothing).
func (s *server) sepayWebhook(c *fiber.Ctx) error {
	if !s.orders.BankNoticesOn() {
		return fiber.ErrNotFound
	}
	ctx, cancel := context.WithTimeout(c.UserContext(), sepayDeadline)
	defer cancel()
	if err := s.orders.AuthorizeBankNotice(ctx, strings.Clone(c.IP()), c.Get(fiber.HeaderAuthorization)); err != nil {
		return err
	}
	var n orders.BankNotice
	if err := decodeBankNotice(c, &n); err != nil {
		return err
	}
	if _, err := s.orders.RecordBankNotice(ctx, n); err != nil {
		return err
	}
	return c.Status(fiber.StatusOK).JSON(fiber.Map{"success": true})
}

// decodeBankNotice reads SePay's JSON. Unlike decodeJSON it ignores fields
// it does not know: SePay may add some, the notice sets nothing of ours
// beyond the fields read, and a refused notice would be retried for days.
func decodeBankNotice(c *fiber.Ctx, n *orders.BankNotice) error {
	mt, _, err := mime.ParseMediaType(c.Get(fiber.HeaderContentType))
	if err != nil || mt != fiber.MIMEApplicationJSON {
		return apperr.New(apperr.KindUnsupportedMedia, apperr.CodeUnsupportedMedia, "Dữ liệu phải là JSON (Content-Type: application/json).")
	}
	body := c.Body()
	if len(body) > maxJSONBody {
		return apperr.New(apperr.KindTooLarge, apperr.CodeTooLarge, "Dữ liệu gửi lên quá lớn.")
	}
	if err := json.Unmarshal(body, n); err != nil {
		return jsonError(err)
	}
	return nil
}

// unmatchedPayments answers GET /admin/payments/unmatched (staff).
func (s *server) unmatchedPayments(c *fiber.Ctx) error {
	pr, err := pageRequest(c)
	if err != nil {
		return err
	}
	page, err := s.orders.UnmatchedPayments(c.UserContext(), httpx.Actor(c), pr)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, page)
}

// attachRequest is the body of POST /admin/payments/{id}/attach.
type attachRequest struct {
	OrderCode string `json:"order_code"`
}

// attachPayment answers POST /admin/payments/{id}/attach (staff of the
// order's province): the order, now paid.
func (s *server) attachPayment(c *fiber.Ctx) error {
	var in attachRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if strings.TrimSpace(in.OrderCode) == "" {
		return apperr.Field("order_code", "Nhập mã đơn hàng.")
	}
	o, err := s.orders.AttachPayment(c.UserContext(), httpx.Actor(c), param(c, "id"), in.OrderCode)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, o)
}

// codRefused answers POST /orders/{code}/cod-refused (the selling coop).
func (s *server) codRefused(c *fiber.Ctx) error {
	var in orders.CODRefusedInput
	if len(c.Body()) > 0 {
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
	}
	o, err := s.orders.CODRefused(c.UserContext(), caller(c), param(c, "code"), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, o)
}

// coopPayments answers GET /coops/{id}/payments?month=YYYY-MM: the coop's
// "tiền về", as JSON or CSV like the reports.
func (s *server) coopPayments(c *fiber.Ctx) error {
	asCSV, err := wantsCSV(c)
	if err != nil {
		return err
	}
	out, err := s.reports.CoopMoneyIn(c.UserContext(), httpx.Actor(c), param(c, "id"), query(c, "month"), time.Now())
	if err != nil {
		return err
	}
	return sendReport(c, asCSV, out)
}
