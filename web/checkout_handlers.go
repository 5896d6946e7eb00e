package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/orders"
	"github.com/gofiber/fiber/v2"
)

// checkoutData is what the checkout form shows.
type checkoutData struct {
	Quote  *orders.Quote
	Key    string
	BankOK bool
	Place  placePicker
	// Book says whether the address comes from the shopper's address book,
	// and which other saved addresses she may choose.
	Book addressBook
}

// placedOrder is one order of a finished checkout, with what a bank
// transfer needs.
type placedOrder struct {
	Order  orders.Order
	QR     *orders.VietQR
	QRPath string
}

// placedData is what the page after a successful checkout shows.
type placedData struct {
	Result orders.CheckoutResult
	Orders []placedOrder
	Phone  string
}

// checkoutFields are the inputs of the checkout form.
var checkoutFields = []string{"name", "phone", "province", "commune", "street", "payment_method", "note"}

// checkoutPage shows the delivery and payment form under the priced cart.
func (w *Web) checkoutPage(c *fiber.Ctx) error {
	q, k, _, err := w.priceCart(c)
	if err != nil {
		return err
	}
	if len(k) == 0 {
		return seeOther(c, pathCart)
	}
	form := map[string]string{"payment_method": string(orders.PayCOD)}
	if u := httpx.CurrentUser(c); u != nil {
		form["name"], form["phone"] = u.Name, localPhone(u.Phone)
	}
	book, err := w.fillSavedAddress(c, form)
	if err != nil {
		return err
	}
	return w.renderCheckout(c, http.StatusOK, q, &view{Form: form}, book)
}

// renderCheckout shows the form; book is what the shopper's address book
// gave it (nothing once she has typed).
func (w *Web) renderCheckout(c *fiber.Ctx, status int, q *orders.Quote, v *view, book addressBook) error {
	bank := len(q.Groups) > 0
	for _, g := range q.Groups {
		ok := false
		for _, m := range g.PaymentMethods {
			ok = ok || m == orders.PayBankTransfer
		}
		bank = bank && ok
	}
	v.Title = tr("checkout.title")
	v.D = checkoutData{Quote: q, Key: randomToken(), BankOK: bank, Book: book,
		Place: placePickerFor(v.Form["province"], v.Form["commune"])}
	return w.render(c, status, "checkout", v)
}

// checkoutSubmit places the orders. The form carries an idempotency key
// made when it was shown, so a double tap or a resend on a flaky network
// places the orders once and shows the same answer again.
func (w *Web) checkoutSubmit(c *fiber.Ctx) error {
	if w.d.Orders == nil {
		return w.errorPage(c, http.StatusServiceUnavailable, "error.unavailable")
	}
	form := formValues(c, checkoutFields...)
	key := strings.TrimSpace(strings.Clone(c.FormValue("key")))
	k := readCart(c)
	if len(k) == 0 {
		return seeOther(c, pathCart)
	}
	if placeRefresh(c) {
		q, _, _, err := w.priceCart(c)
		if err != nil {
			return err
		}
		return w.renderCheckout(c, http.StatusOK, q, &view{Form: form}, addressBook{})
	}
	in := orders.CheckoutInput{
		Items:           k.lines(),
		Buyer:           &orders.BuyerInput{Name: form["name"], Phone: form["phone"]},
		ShippingAddress: &orders.Address{Province: form["province"], Commune: form["commune"], Street: form["street"]},
		PaymentMethod:   orders.PaymentMethod(form["payment_method"]),
		Note:            form["note"],
		Referrer:        w.referrerCode(c),
	}
	resp, err := w.d.Orders.Checkout(c.UserContext(), httpx.Actor(c), orders.CheckoutRequest{Key: key, Input: in})
	if err != nil {
		return w.checkoutFailed(c, form, err)
	}
	if resp.Status != http.StatusCreated {
		var refusal struct {
			Detail string              `json:"detail"`
			Errors []apperr.FieldError `json:"errors"`
		}
		_ = json.Unmarshal(resp.Body, &refusal)
		msgs := []string{refusal.Detail}
		for _, f := range refusal.Errors {
			msgs = append(msgs, f.Message)
		}
		return w.checkoutAgain(c, form, nil, msgs)
	}
	var res orders.CheckoutResult
	if err := json.Unmarshal(resp.Body, &res); err != nil {
		return apperr.Wrap(err, "read checkout result")
	}
	w.saveCart(c, nil)
	d := placedData{Result: res, Phone: form["phone"]}
	caller := orderCaller(c, form["phone"])
	for _, o := range res.Orders {
		po := placedOrder{Order: o}
		if o.PaymentMethod == orders.PayBankTransfer {
			if qr, err := w.d.Orders.VietQR(c.UserContext(), caller, o.Code); err == nil {
				po.QR, po.QRPath = qr, qrURL(o.Code, form["phone"])
			}
		}
		d.Orders = append(d.Orders, po)
	}
	return w.render(c, http.StatusCreated, "placed", &view{Title: tr("placed.title"), D: d})
}

// checkoutFailed shows the form again with what went wrong next to the
// fields; errors that are not a person's to fix become an error page.
func (w *Web) checkoutFailed(c *fiber.Ctx, form map[string]string, err error) error {
	byField, list, ok := formErrors(err, checkoutField)
	if !ok {
		if e := apperr.As(err); e != nil && e.Kind == apperr.KindConflict {
			return w.checkoutAgain(c, form, nil, []string{e.Message})
		}
		return err
	}
	return w.checkoutAgain(c, form, byField, list)
}

func (w *Web) checkoutAgain(c *fiber.Ctx, form, byField map[string]string, list []string) error {
	q, k, _, err := w.priceCart(c)
	if err != nil {
		return err
	}
	if len(k) == 0 {
		return seeOther(c, pathCart)
	}
	return w.renderCheckout(c, http.StatusUnprocessableEntity, q, &view{Form: form, Errors: byField, ErrorList: list}, addressBook{})
}

// checkoutField maps the orders service's field names to the form's.
func checkoutField(f string) string {
	switch f {
	case "buyer.name":
		return "name"
	case "buyer.phone":
		return "phone"
	case "shipping_address.province":
		return "province"
	case "shipping_address.commune":
		return "commune"
	case "shipping_address.street", "shipping_address":
		return "street"
	case "payment_method", "note":
		return f
	}
	return ""
}

// localPhone shows a stored +84 number the way people write it (0912…).
func localPhone(p string) string {
	if strings.HasPrefix(p, "+84") {
		return "0" + p[3:]
	}
	return p
}
