package web

import (
	"cmp"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/banks"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/orders/vietqr"
	"github.com/gofiber/fiber/v2"
)

// orderURL is the page of an order; a guest's link carries the phone the
// order was placed with, which is what lets them see it.
func orderURL(code, phone string) string {
	u := pathOrders + "/" + url.PathEscape(code)
	if phone != "" {
		u += "?sdt=" + url.QueryEscape(phone)
	}
	return u
}

// orderCaller is who asks about an order: the visitor, the phone a guest
// gives with the order's code, and the client address orders counts a
// guest's failed lookups against.
func orderCaller(c *fiber.Ctx, phone string) orders.Caller {
	return orders.Caller{Actor: httpx.Actor(c), Phone: phone, ClientIP: strings.Clone(c.IP())}
}

// qrURL is the VietQR image of an order.
func qrURL(code, phone string) string {
	u := pathOrders + "/" + url.PathEscape(code) + "/vietqr.png"
	if phone != "" {
		u += "?sdt=" + url.QueryEscape(phone)
	}
	return u
}

// ordersData is the order lookup page: a form, and the signed-in buyer's
// own orders. AskPhone is the code of an order whose link came without
// the phone: the form then asks for it.
type ordersData struct {
	Mine     []orders.Order
	AskPhone string
}

// ordersPage finds an order by code and phone (GET, so it works as a plain
// link), and lists a signed-in buyer's orders. The code is read the way
// people give it back (orders.NormalizeCode).
func (w *Web) ordersPage(c *fiber.Ctx) error {
	typed := strings.TrimSpace(strings.Clone(c.Query("ma")))
	phone := strings.TrimSpace(strings.Clone(c.Query("sdt")))
	v := &view{Title: tr("orders.title"), Form: map[string]string{"ma": typed, "sdt": phone}}
	if typed == "" && phone == "" {
		return w.renderLookup(c, v, ordersData{})
	}
	code := orders.NormalizeCode(typed)
	_, phoneErr := accounts.NormalizePhone(phone)
	switch {
	case typed == "":
		v.Errors = map[string]string{"ma": tr("orders.lookup.code_required")}
	case code == "":
		v.Errors = map[string]string{"ma": tr("orders.lookup.code_invalid")}
	case phoneErr != nil && httpx.CurrentUser(c) == nil:
		v.Errors = map[string]string{"sdt": tr("orders.lookup.phone_required")}
	case w.d.Orders != nil:
		_, err := w.d.Orders.Order(c.UserContext(), orderCaller(c, phone), code)
		if err == nil {
			return seeOther(c, orderURL(code, phone))
		}
		if apperr.KindOf(err) != apperr.KindNotFound {
			return err
		}
		v.ErrorList = []string{tr("orders.lookup.notfound")}
	}
	return w.renderLookup(c, v, ordersData{})
}

// renderLookup shows the lookup form, with a signed-in buyer's orders.
func (w *Web) renderLookup(c *fiber.Ctx, v *view, d ordersData) error {
	if httpx.CurrentUser(c) != nil && w.d.Orders != nil {
		page, err := w.d.Orders.BuyerOrders(c.UserContext(), httpx.Actor(c), kernel.PageRequest{Limit: 20})
		if err != nil {
			return err
		}
		d.Mine = page.Items
	}
	v.D = d
	return w.render(c, http.StatusOK, "orders", v)
}

// orderData is what an order's page shows.
type orderData struct {
	O      *orders.Order
	Phone  string
	QR     *orders.VietQR
	QRPath string
	// BankName is the short name of the bank the QR pays into
	// ("Vietcombank"), from package banks; the BIN when the list lacks it.
	BankName  string
	CanCancel bool
	CanReview bool
	Reviewed  map[string]bool
	Progress  []progressStep
}

// progressStep is one step of the order's progress bar.
type progressStep struct {
	Label string
	Done  bool
}

// orderPage shows one order to whoever may see it: its buyer (by account,
// or with the phone it was placed with), the coop's members, staff.
func (w *Web) orderPage(c *fiber.Ctx) error {
	if w.d.Orders == nil {
		return w.errorPage(c, http.StatusServiceUnavailable, "error.unavailable")
	}
	typed := strings.Clone(c.Params("code"))
	if u, err := url.PathUnescape(typed); err == nil {
		typed = u // Fiber leaves path parameters escaped ("GN%20…")
	}
	phone := strings.Clone(strings.TrimSpace(c.Query("sdt")))
	code := orders.NormalizeCode(typed)
	if code != "" && code != typed {
		return seeOther(c, orderURL(code, phone))
	}
	caller := orderCaller(c, phone)
	o, err := w.d.Orders.Order(c.UserContext(), caller, code)
	if apperr.KindOf(err) == apperr.KindNotFound && phone == "" {
		// A link without its phone (shared, or typed from a message): ask
		// for the phone rather than say "not found". The form is the same
		// whether or not the order exists.
		shown := cmp.Or(code, strings.TrimSpace(typed))
		v := &view{Title: tr("orders.title"), Form: map[string]string{"ma": shown}}
		return w.renderLookup(c, v, ordersData{AskPhone: shown})
	}
	if err != nil {
		return err
	}
	return w.renderOrder(c, http.StatusOK, o, phone, &view{})
}

func (w *Web) renderOrder(c *fiber.Ctx, status int, o *orders.Order, phone string, v *view) error {
	d := orderData{O: o, Phone: phone, Reviewed: map[string]bool{}}
	buyer := isBuyer(c, o, phone)
	d.CanCancel = buyer && o.Status.Cancellable()
	d.CanReview = buyer && o.Status == orders.StatusDelivered
	if o.PaymentMethod == orders.PayBankTransfer && o.PaymentStatus == orders.Unpaid && o.Status != orders.StatusCancelled {
		if qr, err := w.d.Orders.VietQR(c.UserContext(), orderCaller(c, phone), o.Code); err == nil {
			d.QR, d.QRPath, d.BankName = qr, qrURL(o.Code, phone), qr.BankBIN
			if b, ok := banks.ByBIN(qr.BankBIN); ok {
				d.BankName = b.ShortName
			}
		}
	}
	for _, st := range []orders.Status{orders.StatusPending, orders.StatusConfirmed, orders.StatusShipping, orders.StatusDelivered} {
		done := false
		for _, h := range o.History {
			done = done || h.Status == st
		}
		d.Progress = append(d.Progress, progressStep{Label: tr("order.status." + string(st)), Done: done})
	}
	v.Title = tr("order.title", o.Code)
	v.D = d
	return w.render(c, status, "order", v)
}

// isBuyer says whether the visitor is the order's buyer: the account that
// placed it, or someone who gave its phone number.
func isBuyer(c *fiber.Ctx, o *orders.Order, phone string) bool {
	if p, err := accounts.NormalizePhone(phone); err == nil && p == o.Buyer.Phone {
		return true
	}
	u := httpx.CurrentUser(c)
	return u != nil && u.Phone == o.Buyer.Phone
}

// orderQR serves the VietQR image of a bank-transfer order.
func (w *Web) orderQR(c *fiber.Ctx) error {
	if w.d.Orders == nil {
		return fiber.ErrNotFound
	}
	caller := orderCaller(c, strings.Clone(c.Query("sdt")))
	qr, err := w.d.Orders.VietQR(c.UserContext(), caller, strings.Clone(c.Params("code")))
	if err != nil {
		return err
	}
	png, err := vietqr.PNG(qr.Payload, 320)
	if err != nil {
		return apperr.Wrap(err, "draw vietqr")
	}
	c.Set(fiber.HeaderContentType, "image/png")
	c.Set(fiber.HeaderCacheControl, "private, max-age=300")
	return c.Send(png)
}

// orderCancel lets the buyer cancel while the order is pending or confirmed.
func (w *Web) orderCancel(c *fiber.Ctx) error {
	code := strings.Clone(c.Params("code"))
	phone := strings.TrimSpace(strings.Clone(c.FormValue("sdt")))
	reason := strings.Clone(c.FormValue("reason"))
	caller := orderCaller(c, phone)
	o, err := w.d.Orders.Cancel(c.UserContext(), caller, code, reason)
	if err != nil {
		if byField, list, ok := formErrors(err, nil); ok {
			cur, err2 := w.d.Orders.Order(c.UserContext(), caller, code)
			if err2 != nil {
				return err2
			}
			v := &view{Errors: byField, ErrorList: list, Form: map[string]string{"reason": reason}}
			return w.renderOrder(c, http.StatusUnprocessableEntity, cur, phone, v)
		}
		return err
	}
	w.setFlash(c, "flash.order.cancelled")
	return seeOther(c, orderURL(o.Code, phone))
}

// orderReview records the buyer's rating of one product of a delivered order.
func (w *Web) orderReview(c *fiber.Ctx) error {
	code := strings.Clone(c.Params("code"))
	phone := strings.TrimSpace(strings.Clone(c.FormValue("sdt")))
	rating, _ := strconv.Atoi(c.FormValue("rating"))
	in := orders.ReviewInput{ProductID: strings.Clone(c.FormValue("product_id")), Rating: rating, Comment: strings.Clone(c.FormValue("comment"))}
	caller := orderCaller(c, phone)
	if _, err := w.d.Orders.AddReview(c.UserContext(), caller, code, in); err != nil {
		byField, list, ok := formErrors(err, nil)
		if !ok {
			if e := apperr.As(err); e != nil && e.Kind == apperr.KindConflict {
				list = []string{e.Message}
			} else {
				return err
			}
		}
		cur, err2 := w.d.Orders.Order(c.UserContext(), caller, code)
		if err2 != nil {
			return err2
		}
		return w.renderOrder(c, http.StatusUnprocessableEntity, cur, phone, &view{Errors: byField, ErrorList: list})
	}
	w.setFlash(c, "flash.review.thanks")
	return seeOther(c, orderURL(code, phone))
}
