package web

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/orders"
	"github.com/gofiber/fiber/v2"
)

// cartData is what the cart page shows: the cart priced by the server.
type cartData struct {
	Quote   *orders.Quote
	Removed bool
	Units   int
}

// itemIndex reads the line number of a field such as items[3].variant_id.
var itemIndex = regexp.MustCompile(`^items\[(\d+)\]`)

// priceCart quotes the cart with the server's prices. Lines the services
// refuse (a variant that no longer exists, a product no longer sold) are
// taken out of the cart, which is saved again; removed says so.
func (w *Web) priceCart(c *fiber.Ctx) (q *orders.Quote, k cart, removed bool, err error) {
	k = readCart(c)
	if len(k) == 0 {
		return &orders.Quote{}, k, false, nil
	}
	if w.d.Orders == nil {
		return nil, k, false, apperr.New(apperr.KindUnavailable, apperr.CodeUnavailable, tr("error.unavailable.text"))
	}
	for range 3 {
		q, err = w.d.Orders.Quote(c.UserContext(), httpx.Actor(c), orders.QuoteInput{Items: k.lines()})
		e := apperr.As(err)
		if err == nil || e == nil || len(e.Fields) == 0 {
			break
		}
		bad := map[int]bool{}
		for _, f := range e.Fields {
			if m := itemIndex.FindStringSubmatch(f.Field); m != nil {
				i, _ := strconv.Atoi(m[1])
				bad[i] = true
			}
		}
		if len(bad) == 0 {
			break
		}
		kept := k[:0:0]
		for i, l := range k {
			if !bad[i] {
				kept = append(kept, l)
			}
		}
		k, removed = kept, true
		w.saveCart(c, k)
		if len(k) == 0 {
			return &orders.Quote{}, k, true, nil
		}
	}
	return q, k, removed, err
}

// cartPage shows the cart, one group per cooperative as checkout will
// split it.
func (w *Web) cartPage(c *fiber.Ctx) error {
	q, k, removed, err := w.priceCart(c)
	if err != nil {
		return err
	}
	return w.render(c, http.StatusOK, "cart", &view{Title: tr("cart.title"), D: cartData{Quote: q, Removed: removed, Units: k.count()}})
}

// cartAdd puts a variant in the cart (from a product page) and goes to the
// cart. Only the id and quantity are kept; the price is read at checkout.
func (w *Web) cartAdd(c *fiber.Ctx) error {
	id := strings.TrimSpace(c.FormValue("variant_id"))
	q, err := strconv.Atoi(strings.TrimSpace(c.FormValue("quantity", "1")))
	if !validID(id) || err != nil || q < 1 {
		return w.errorPage(c, http.StatusBadRequest, "error.badrequest")
	}
	k := readCart(c)
	q = min(k.quantity(id)+q, orders.MaxQuantity)
	w.saveCart(c, k.set(strings.Clone(id), q))
	w.setFlash(c, "flash.cart.added")
	return seeOther(c, pathCart)
}

// cartUpdate changes a line's quantity; 0 (or the remove button) takes it out.
func (w *Web) cartUpdate(c *fiber.Ctx) error {
	id := strings.TrimSpace(c.FormValue("variant_id"))
	q, err := strconv.Atoi(strings.TrimSpace(c.FormValue("quantity", "0")))
	if c.FormValue("remove") != "" {
		q, err = 0, nil
	}
	if !validID(id) || err != nil || q < 0 {
		return w.errorPage(c, http.StatusBadRequest, "error.badrequest")
	}
	w.saveCart(c, readCart(c).set(strings.Clone(id), min(q, orders.MaxQuantity)))
	return seeOther(c, pathCart)
}
