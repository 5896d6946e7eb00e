package api_test

import (
	"fmt"
	"testing"
)

// TestRegistrationThrottledPerAddress: one address opens at most 20
// accounts in a window (GANH_REGISTRATIONS_PER_IP); the next is told to
// wait, with Retry-After.
func TestRegistrationThrottledPerAddress(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		for i := 0; i < 20; i++ {
			e.SignUp(fmt.Sprintf("09123456%02d", i), "Lan")
		}
		res := e.Expect(429, request{Method: "POST", Path: "/api/v1/auth/register",
			Body: map[string]string{"phone": "0912345699", "password": "mật khẩu an toàn", "name": "Lan"}})
		if res.Problem(t).Code != "rate_limited" || res.Header.Get("Retry-After") == "" {
			t.Fatalf("429 without rate_limited or Retry-After: %v %s", res.Header, res.Body)
		}
	})
}

// TestGuestOrderLookupsThrottled: with a known phone, a guest's order code
// cannot be walked: lookups by code and phone that find nothing (view,
// cancel, review, VietQR alike) are counted per address, 20 per window;
// then the address gets 429 with Retry-After, even for the right pair. Wrong
// phone and unknown code answer the same 404 until then.
func TestGuestOrderLookupsThrottled(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		code := placeOrder(t, e, checkoutReq("k-guest", guestBody(cart(s.ProductA.Variants[0].ID, 1), "bank_transfer"), ""))
		right := "?phone=0987654321"
		// The buyer opening her order again and again is never counted.
		for i := 0; i < 25; i++ {
			e.Expect(200, request{Method: "GET", Path: "/api/v1/orders/" + code + right})
		}
		wrongPhone := e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/orders/" + code + "?phone=0912000999"})
		noSuchCode := e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/orders/GN-2222ZZ" + right})
		if wrongPhone.Detail != noSuchCode.Detail {
			t.Fatalf("a wrong phone (%q) and an unknown code (%q) answer differently", wrongPhone.Detail, noSuchCode.Detail)
		}
		for i := 2; i < 20; i++ {
			wrong := fmt.Sprintf("?phone=09120010%02d", i)
			switch i % 4 {
			case 0:
				e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/orders/" + code + wrong})
			case 1:
				e.ExpectProblem(404, "not_found", request{Method: "POST", Path: "/api/v1/orders/" + code + "/cancel" + wrong, Body: map[string]string{"reason": "đổi ý"}})
			case 2:
				e.ExpectProblem(404, "not_found", request{Method: "POST", Path: "/api/v1/orders/" + code + "/reviews" + wrong,
					Body: map[string]any{"product_id": s.ProductA.ID, "rating": 5}})
			case 3:
				e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/orders/" + code + "/vietqr" + wrong})
			}
		}
		for _, req := range []request{
			{Method: "GET", Path: "/api/v1/orders/" + code + right},
			{Method: "POST", Path: "/api/v1/orders/" + code + "/cancel" + right, Body: map[string]string{"reason": "đổi ý"}},
		} {
			res := e.Expect(429, req)
			if res.Problem(t).Code != "rate_limited" || res.Header.Get("Retry-After") == "" {
				t.Fatalf("%s %s: 429 without rate_limited or Retry-After: %v %s", req.Method, req.Path, res.Header, res.Body)
			}
		}
		var status string
		e.DB.Raw("SELECT status FROM orders WHERE code = ?", code).Scan(&status)
		if status != "pending" {
			t.Fatalf("order %s is %s after refused cancellations", code, status)
		}
	})
}
