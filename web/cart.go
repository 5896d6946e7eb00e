package web

import (
	"strconv"
	"strings"
	"time"

	"github.com/ganh-market/ganh/orders"
	"github.com/gofiber/fiber/v2"
)

// cartLine is one line of the cart cookie: a variant and a quantity. The
// cookie never holds a price, a name or anything else: prices are always
// read from the database when the cart is shown or bought.
type cartLine struct {
	VariantID string
	Quantity  int
}

// cart is the shopper's cart, kept in a cookie so that it survives without
// an account and needs no server state.
type cart []cartLine

// cartTTL is how long a cart cookie lives.
const cartTTL = 30 * 24 * time.Hour

// readCart is the cart of this request: the one a handler saved earlier in
// the request (saveCart keeps it in Locals, so the header badge shows the
// cart just saved), or else the cookie, parsed from a copy (the strings of a
// cart live past the handler's reads, and Fiber reuses its cookie buffer).
// Every line is validated on the server: ids must look like ids,
// quantities must be in range, a variant appears once and the number of
// lines is bounded. Anything else is dropped.
func readCart(c *fiber.Ctx) cart {
	if k, ok := c.Locals(localCart).(cart); ok {
		return k
	}
	return parseCart(strings.Clone(c.Cookies(cookieCart)))
}

func parseCart(raw string) cart {
	var out cart
	if raw == "" || len(raw) > 4096 {
		return out
	}
	seen := map[string]bool{}
	for _, part := range strings.Split(raw, ".") {
		id, qs, ok := strings.Cut(part, "_")
		if !ok || !validID(id) || seen[id] {
			continue
		}
		q, err := strconv.Atoi(qs)
		if err != nil || q < 1 || q > orders.MaxQuantity {
			continue
		}
		seen[id] = true
		out = append(out, cartLine{VariantID: id, Quantity: q})
		if len(out) == orders.MaxLines {
			break
		}
	}
	return out
}

// String is the cookie form: "id_qty.id_qty".
func (k cart) String() string {
	parts := make([]string, len(k))
	for i, l := range k {
		parts[i] = l.VariantID + "_" + strconv.Itoa(l.Quantity)
	}
	return strings.Join(parts, ".")
}

// count is the number of units in the cart, for the header badge.
func (k cart) count() int {
	n := 0
	for _, l := range k {
		n += l.Quantity
	}
	return n
}

// set makes the quantity of a variant q (0 removes it), keeping order.
func (k cart) set(id string, q int) cart {
	out := make(cart, 0, len(k)+1)
	found := false
	for _, l := range k {
		if l.VariantID == id {
			found = true
			if q > 0 {
				out = append(out, cartLine{id, q})
			}
			continue
		}
		out = append(out, l)
	}
	if !found && q > 0 && len(out) < orders.MaxLines {
		out = append(out, cartLine{id, q})
	}
	return out
}

// quantity is how many of a variant the cart holds.
func (k cart) quantity(id string) int {
	for _, l := range k {
		if l.VariantID == id {
			return l.Quantity
		}
	}
	return 0
}

// lines is the cart as order lines.
func (k cart) lines() []orders.LineInput {
	out := make([]orders.LineInput, len(k))
	for i, l := range k {
		out[i] = orders.LineInput{VariantID: l.VariantID, Quantity: l.Quantity}
	}
	return out
}

// saveCart writes the cart cookie, or removes it when empty, and keeps the
// cart for the rest of the request (readCart). The request's own headers
// are never rewritten: strings read from them would change underfoot.
func (w *Web) saveCart(c *fiber.Ctx, k cart) {
	c.Locals(localCart, k)
	if len(k) == 0 {
		w.clearCookie(c, cookieCart)
		return
	}
	w.setCookie(c, cookieCart, k.String(), time.Now().Add(cartTTL))
}

// validID accepts the ids the services make (UUIDs) and nothing that could
// break the cookie's syntax.
func validID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := range len(s) {
		ch := s[i]
		switch {
		case ch == '-' && (i == 8 || i == 13 || i == 18 || i == 23):
		case '0' <= ch && ch <= '9', 'a' <= ch && ch <= 'f':
		default:
			return false
		}
	}
	return true
}
