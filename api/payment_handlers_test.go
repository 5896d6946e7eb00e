package api_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
	"gorm.io/gorm"
)

const sepayKey = "sepay-test-key-0123456789abcdef"

// payEnv is shopEnv with the SePay webhook on (key "" leaves it off).
func payEnv(t *testing.T, key string, fn func(t *testing.T, e *testEnv)) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		fn(t, newEnv(t, db, func(d *api.Deps) {
			d.Catalog = catalog.NewService(db)
			d.Orders = orders.NewService(db, reports.Rollups{}, orders.WithSePayKey(key))
			d.PublicCacheTTL = -1
		}))
	})
}

// sepay is a notice to coop A's account, as SePay sends it.
func sepay(id int64, content string, amount int64, key string) request {
	return request{Method: "POST", Path: "/api/v1/payments/sepay", Header: map[string]string{"Authorization": "Apikey " + key},
		Body: map[string]any{
			"id": id, "gateway": "Vietcombank", "transactionDate": "2026-12-04 10:30:00", "accountNumber": "0123456789",
			"code": nil, "content": content, "transferType": "in", "transferAmount": amount, "accumulated": 19077000,
			"subAccount": nil, "referenceCode": fmt.Sprintf("FT%d", id), "description": "BankAPINotify " + content,
			"futureField": "SePay may add fields",
		}}
}

// TestSePayWebhookAPI: the webhook exists only when configured, takes
// only its key, answers 200 to every well-formed notice, marks once.
func TestSePayWebhookAPI(t *testing.T) {
	t.Run("off", func(t *testing.T) {
		payEnv(t, "", func(t *testing.T, e *testEnv) {
			e.ExpectProblem(404, "not_found", sepay(1, "GN-7K3F9Q", 1000, sepayKey))
		})
	})
	t.Run("on", func(t *testing.T) { sepayOn(t) })
}

func sepayOn(t *testing.T) {
	payEnv(t, sepayKey, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		code := placeOrder(t, e, checkoutReq("k-sepay", map[string]any{"items": cart(s.ProductA.Variants[0].ID, 1), "shipping_address": hanoi, "payment_method": "bank_transfer"}, s.Shopper))

		e.ExpectProblem(401, "unauthenticated", sepay(10, code, 190000, "wrong-key-0123456789"))
		missing := sepay(10, code, 190000, sepayKey)
		missing.Header = nil
		e.ExpectProblem(401, "unauthenticated", missing)
		bearer := sepay(10, code, 190000, sepayKey)
		bearer.Header = map[string]string{"Authorization": "Bearer " + sepayKey}
		e.ExpectProblem(401, "unauthenticated", bearer)

		out := sepay(11, code, 190000, sepayKey)
		out.Body.(map[string]any)["transferType"] = "out"
		e.Expect(200, out)
		bad := sepay(0, code, -5, sepayKey)
		e.ExpectProblem(422, "validation_failed", bad)
		nul := sepay(14, code+"\x00", 190000, sepayKey)
		e.ExpectProblem(422, "validation_failed", nul)
		long := sepay(15, strings.Repeat("á", 1001), 190000, sepayKey)
		e.ExpectProblem(422, "validation_failed", long)

		// Five copies of one notice at once: 200 each, the order paid once.
		var wg sync.WaitGroup
		for range 5 {
			wg.Go(func() {
				res := e.Do(sepay(12, "CK "+code[:2]+" "+code[3:]+" tu NGUYEN VAN A", 190000, sepayKey))
				if res.Status != 200 || string(res.Body) != `{"success":true}` {
					t.Errorf("retry answered %d %s", res.Status, res.Body)
				}
			})
		}
		wg.Wait()
		var o orders.Order
		e.Expect(200, request{Method: "GET", Path: "/api/v1/orders/" + code, Token: s.Shopper}).JSON(t, &o)
		if o.PaymentStatus != orders.Paid || o.PaymentRef != "FT12" || o.PaidAt == nil {
			t.Errorf("order after the notice: %s %q", o.PaymentStatus, o.PaymentRef)
		}
		e.ExpectProblem(409, "conflict", request{Method: "GET", Path: "/api/v1/orders/" + code + "/vietqr", Token: s.Shopper})
		e.ExpectProblem(409, "conflict", request{Method: "POST", Path: "/api/v1/orders/" + code + "/cancel", Token: s.Shopper, Body: map[string]string{"reason": "Đổi ý."}})

		// The same money again is unmatched (already paid) and listed for staff.
		e.Expect(200, sepay(13, code, 190000, sepayKey))
		var page struct {
			Items []orders.UnmatchedPayment
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/payments/unmatched", Token: s.Staff}).JSON(t, &page)
		if len(page.Items) != 1 || page.Items[0].Reason != orders.ReasonAlreadyPaid || page.Items[0].OrderCode != code {
			t.Fatalf("unmatched: %+v", page.Items)
		}
		e.ExpectProblem(403, "forbidden", request{Method: "GET", Path: "/api/v1/admin/payments/unmatched", Token: s.SellerA})

		// Staff attach it to another order by hand.
		other := placeOrder(t, e, checkoutReq("k-sepay-2", map[string]any{"items": cart(s.ProductA.Variants[0].ID, 1), "shipping_address": hanoi, "payment_method": "bank_transfer"}, s.Shopper))
		attach := "/api/v1/admin/payments/" + page.Items[0].ID + "/attach"
		e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: attach, Token: s.Staff, Body: map[string]string{"order_code": ""}})
		e.ExpectProblem(403, "forbidden", request{Method: "POST", Path: attach, Token: s.SellerA, Body: map[string]string{"order_code": other}})
		e.Expect(200, request{Method: "POST", Path: attach, Token: s.Staff, Body: map[string]string{"order_code": other}}).JSON(t, &o)
		if o.PaymentStatus != orders.Paid || o.PaymentRef != "FT13" {
			t.Errorf("attached: %+v", o)
		}
		e.ExpectProblem(409, "conflict", request{Method: "POST", Path: attach, Token: s.Staff, Body: map[string]string{"order_code": other}})

		// Wrong keys are throttled per address (three were sent above);
		// past ten, even the right key waits.
		for range 7 {
			e.ExpectProblem(401, "unauthenticated", sepay(20, code, 1, "wrong-key-0123456789"))
		}
		e.ExpectProblem(429, "rate_limited", sepay(20, code, 1, "wrong-key-0123456789"))
		e.ExpectProblem(429, "rate_limited", sepay(21, code, 1, sepayKey))
	})
}

func TestCODRefusedAPI(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		code := placeOrder(t, e, checkoutReq("k-cod-refused", map[string]any{"items": cart(s.ProductA.Variants[0].ID, 2), "shipping_address": hanoi}, s.Shopper))
		refused := "/api/v1/orders/" + code + "/cod-refused"
		e.ExpectProblem(409, "conflict", request{Method: "POST", Path: refused, Token: s.SellerA})
		var o orders.Order
		for _, st := range []string{"confirmed", "shipping", "delivered"} {
			e.Expect(200, request{Method: "POST", Path: "/api/v1/orders/" + code + "/status", Token: s.SellerA, Body: map[string]string{"status": st}}).JSON(t, &o)
		}
		if o.PaymentStatus != orders.Paid || o.PaidAt == nil {
			t.Fatalf("delivered COD: %s", o.PaymentStatus)
		}
		e.ExpectProblem(401, "unauthenticated", request{Method: "POST", Path: refused})
		e.ExpectProblem(403, "forbidden", request{Method: "POST", Path: refused, Token: s.Shopper})
		e.ExpectProblem(404, "not_found", request{Method: "POST", Path: refused, Token: s.SellerB})
		e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: refused, Token: s.SellerA, Body: map[string]string{"reason": string(make([]rune, 501))}})
		e.Expect(200, request{Method: "POST", Path: refused, Token: s.SellerA, Body: map[string]string{"reason": "Người nhận không nghe máy."}}).JSON(t, &o)
		if o.PaymentStatus != orders.Unpaid || o.CODRefusedAt == nil {
			t.Errorf("refused: %+v", o)
		}
		e.ExpectProblem(409, "conflict", request{Method: "POST", Path: refused, Token: s.SellerA})

		var money reports.MoneyIn
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + s.CoopA.ID + "/payments", Token: s.SellerA}).JSON(t, &money)
		if len(money.Paid) != 0 || money.CODCollectedVND != 0 {
			t.Errorf("a refused order counted as money in: %+v", money)
		}
		csv := e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + s.CoopA.ID + "/payments?format=csv&month=2026-01", Token: s.SellerA})
		if csv.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
			t.Errorf("csv: %s", csv.Header.Get("Content-Type"))
		}
		e.ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/coops/" + s.CoopA.ID + "/payments?month=12-2026", Token: s.SellerA})
		e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/coops/" + s.CoopA.ID + "/payments", Token: s.SellerB})
	})
}
