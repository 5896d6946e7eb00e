package api_test

import (
	"strings"
	"testing"

	"github.com/ganh-market/ganh/orders"
)

// TestOrderCodeAsPeopleTypeIt: GET /orders/{code} reads the code the way
// bank apps and people give it back (no dash, lower case) and answers
// with the stored GN-XXXXXX.
func TestOrderCodeAsPeopleTypeIt(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		code := placeOrder(t, e, checkoutReq("k-code", guestBody(cart(s.ProductB.Variants[0].ID, 1), "cod"), ""))
		bare := strings.TrimPrefix(code, "GN-")
		for _, typed := range []string{"GN" + bare, strings.ToLower(code), "gn" + strings.ToLower(bare), bare} {
			var o orders.Order
			e.Expect(200, request{Method: "GET", Path: "/api/v1/orders/" + typed + "?phone=0987654321"}).JSON(t, &o)
			if o.Code != code {
				t.Errorf("GET /orders/%s answers the code %q, want %q", typed, o.Code, code)
			}
		}
		e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/orders/GN" + bare + "?phone=0987000000"})
	})
}
