package api_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
	"github.com/getkin/kin-openapi/openapi3filter"
	"gorm.io/gorm"
)

func init() {
	// The VietQR image is a documented response body; let the validator read it.
	openapi3filter.RegisterBodyDecoder("image/png", openapi3filter.FileBodyDecoder)
}

// shopEnv is an app with the catalog and orders wired in, on every engine.
func shopEnv(t *testing.T, fn func(t *testing.T, e *testEnv)) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		fn(t, newEnv(t, db, func(d *api.Deps) {
			d.Catalog = catalog.NewService(db)
			d.Orders = orders.NewService(db, reports.Rollups{})
			d.PublicCacheTTL = -1
		}))
	})
}

// shop is a marketplace made through the API: two approved coops (one
// with a bank account and free shipping over 300.000 ₫, one without), a
// product in each, a shopper and staff.
type shop struct {
	SellerA, SellerB, Shopper, Staff string
	CoopA, CoopB                     struct{ ID, Slug string }
	ProductA, ProductB               struct {
		ID, Slug string
		Variants []struct{ ID string }
	}
}

func newShop(t *testing.T, e *testEnv) *shop {
	t.Helper()
	s := &shop{
		SellerA: e.SignUp("0913100001", "Nguyễn Thị Hoa"), SellerB: e.SignUp("0913100002", "Trần Thị Huệ"),
		Shopper: e.SignUp("0913100003", "Lê Thị Mai"),
		Staff:   e.UserWithRole("0913100004", "Cán bộ Hội", kernel.RoleStaff),
	}
	coop := func(token, name string, bank bool) map[string]any {
		body := map[string]any{
			"name": name, "kind": "hop_tac_xa", "description": "Đặc sản.", "province": "ninh-binh",
			"commune": "Xã Kim Sơn", "address": "Thôn 3", "phone": "0912 000 111", "shipping_fee_vnd": 30000,
		}
		if bank {
			body["bank"] = map[string]string{"bin": "970436", "account_number": "0123456789", "account_name": "NGUYEN THI HOA"}
			body["free_shipping_over_vnd"] = 300000
		}
		return body
	}
	e.Expect(201, request{Method: "POST", Path: "/api/v1/coops", Token: s.SellerA, Body: coop(s.SellerA, "HTX Chè Tân Cương", true)}).JSON(t, &s.CoopA)
	e.Expect(201, request{Method: "POST", Path: "/api/v1/coops", Token: s.SellerB, Body: coop(s.SellerB, "HTX Cơm Cháy", false)}).JSON(t, &s.CoopB)
	for _, id := range []string{s.CoopA.ID, s.CoopB.ID} {
		e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/coops/" + id + "/approve", Token: s.Staff})
	}
	product := func(name string, price, stock int) map[string]any {
		return map[string]any{"name": name, "description": "Ngon.", "category": "dac-san-kho", "unit": "gói", "status": "active",
			"variants": []map[string]any{{"name": "Gói 500 g", "price_vnd": price, "stock": stock}}}
	}
	e.Expect(201, request{Method: "POST", Path: "/api/v1/coops/" + s.CoopA.ID + "/products", Token: s.SellerA, Body: product("Chè búp", 160000, 10)}).JSON(t, &s.ProductA)
	e.Expect(201, request{Method: "POST", Path: "/api/v1/coops/" + s.CoopB.ID + "/products", Token: s.SellerB, Body: product("Cơm cháy chà bông", 50000, 3)}).JSON(t, &s.ProductB)
	return s
}

func cart(lines ...any) []map[string]any {
	out := []map[string]any{}
	for i := 0; i < len(lines); i += 2 {
		out = append(out, map[string]any{"variant_id": lines[i], "quantity": lines[i+1]})
	}
	return out
}

var hanoi = map[string]string{"province": "ha-noi", "commune": "Phường Hoàn Kiếm", "street": "12 Hàng Bạc"}

func guestBody(items []map[string]any, method string) map[string]any {
	return map[string]any{"items": items, "buyer": map[string]string{"name": "Phạm Thị Thu", "phone": "0987 654 321"},
		"shipping_address": hanoi, "payment_method": method}
}

func checkoutReq(key string, body any, token string) request {
	r := request{Method: "POST", Path: "/api/v1/checkout", Body: body, Token: token}
	if key != "" {
		r.Header = map[string]string{"Idempotency-Key": key}
	}
	return r
}

type checkoutJSON struct {
	CheckoutID string `json:"checkout_id"`
	TotalVND   int64  `json:"total_vnd"`
	Orders     []orders.Order
}

func TestCheckoutFlowAPI(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		va, vb := s.ProductA.Variants[0].ID, s.ProductB.Variants[0].ID

		var q orders.Quote
		e.Expect(200, request{Method: "POST", Path: "/api/v1/checkout/quote", Body: map[string]any{"items": cart(va, 2, vb, 1)}}).JSON(t, &q)
		if len(q.Groups) != 2 || q.Groups[0].ShippingVND != 0 || q.Groups[1].ShippingVND != 30000 || q.TotalVND != 320000+80000 {
			t.Fatalf("quote: %+v", q)
		}

		// Prices are the server's: a price in the body is refused, not used.
		withPrice := guestBody([]map[string]any{{"variant_id": va, "quantity": 1, "unit_price_vnd": 1}}, "cod")
		p := e.ExpectProblem(422, "validation_failed", checkoutReq("k-price", withPrice, ""))
		if len(p.Errors) != 1 || p.Errors[0].Field != "unit_price_vnd" {
			t.Errorf("unknown field named: %+v", p.Errors)
		}
		e.ExpectProblem(400, "idempotency_key_missing", checkoutReq("", guestBody(cart(va, 1), "cod"), ""))
		p = e.ExpectProblem(422, "validation_failed", checkoutReq("k-unknown", guestBody(cart(va, 1, "khong-co", 1), "cod"), ""))
		if p.Errors[0].Field != "items[1].variant_id" {
			t.Errorf("unknown variant named: %+v", p.Errors)
		}
		e.ExpectProblem(422, "validation_failed", checkoutReq("k-bank", guestBody(cart(vb, 1), "bank_transfer"), ""))

		body := guestBody(cart(va, 2, vb, 1), "cod")
		first := e.Expect(201, checkoutReq("k-1", body, ""))
		var res checkoutJSON
		first.JSON(t, &res)
		if len(res.Orders) != 2 || res.TotalVND != 400000 || res.Orders[0].Buyer.Phone != "+84987654321" {
			t.Fatalf("checkout: %+v", res)
		}
		again := e.Expect(201, checkoutReq("k-1", body, ""))
		if !bytes.Equal(again.Body, first.Body) || again.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("a retry replays the first answer:\n%s\n%s", first.Body, again.Body)
		}
		e.ExpectProblem(422, "idempotency_mismatch", checkoutReq("k-1", guestBody(cart(va, 3), "cod"), ""))

		// Two left of B: asking three is refused, naming the line, and stored.
		p = e.ExpectProblem(409, "out_of_stock", checkoutReq("k-2", guestBody(cart(va, 1, vb, 3), "cod"), ""))
		if len(p.Errors) != 1 || p.Errors[0].Field != "items[1].variant_id" {
			t.Fatalf("out_of_stock names the line: %+v", p.Errors)
		}
		stored := e.Expect(409, checkoutReq("k-2", guestBody(cart(va, 1, vb, 3), "cod"), ""))
		if stored.Header.Get("Idempotent-Replayed") != "true" {
			t.Error("the refusal is replayed")
		}

		// The guest finds, and cancels, an order with its phone.
		code := res.Orders[1].Code
		e.Expect(200, request{Method: "GET", Path: "/api/v1/orders/" + code + "?phone=0987654321"})
		e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/orders/" + code + "?phone=0987000000"})
		e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/orders/" + code, Token: s.Shopper})
		e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/orders/" + code, Token: s.SellerA})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/orders/" + code, Token: s.SellerB})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/orders/" + code, Token: s.Staff})
		var cancelled orders.Order
		e.Expect(200, request{Method: "POST", Path: "/api/v1/orders/" + code + "/cancel?phone=%2B84987654321", Body: map[string]string{"reason": "Đặt nhầm."}}).JSON(t, &cancelled)
		if cancelled.Status != orders.StatusCancelled || cancelled.History[1].By != "guest" {
			t.Errorf("cancelled: %+v", cancelled)
		}
		e.ExpectProblem(409, "conflict", request{Method: "POST", Path: "/api/v1/orders/" + code + "/status", Token: s.SellerB, Body: map[string]string{"status": "confirmed"}})

		// The seller of A moves the other order along.
		codeA := res.Orders[0].Code
		path := "/api/v1/orders/" + codeA + "/status"
		e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: path, Token: s.SellerA, Body: map[string]string{"status": "lost"}})
		e.ExpectProblem(409, "conflict", request{Method: "POST", Path: path, Token: s.SellerA, Body: map[string]string{"status": "delivered"}})
		e.ExpectProblem(404, "not_found", request{Method: "POST", Path: path, Token: s.SellerB, Body: map[string]string{"status": "confirmed"}})
		e.ExpectProblem(403, "forbidden", request{Method: "POST", Path: path, Token: s.Staff, Body: map[string]string{"status": "confirmed"}})
		for _, st := range []string{"confirmed", "shipping", "delivered"} {
			e.Expect(200, request{Method: "POST", Path: path, Token: s.SellerA, Body: map[string]string{"status": st}})
		}

		// Lists.
		var page struct {
			Items      []orders.Order
			NextCursor *string `json:"next_cursor"`
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + s.CoopA.ID + "/orders?status=delivered", Token: s.SellerA}).JSON(t, &page)
		if len(page.Items) != 1 || page.Items[0].Code != codeA {
			t.Errorf("coop orders: %+v", page)
		}
		e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/coops/" + s.CoopA.ID + "/orders", Token: s.SellerB})
		e.ExpectProblem(401, "unauthenticated", request{Method: "GET", Path: "/api/v1/orders"})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/orders", Token: s.Shopper}).JSON(t, &page)
		if len(page.Items) != 0 {
			t.Errorf("the shopper has no orders: %+v", page.Items)
		}

		// Reviews after delivery, by the guest with the phone.
		rev := "/api/v1/orders/" + codeA + "/reviews?phone=0987654321"
		e.Expect(201, request{Method: "POST", Path: rev, Body: map[string]any{"product_id": s.ProductA.ID, "rating": 5, "comment": "Thơm."}})
		e.ExpectProblem(409, "conflict", request{Method: "POST", Path: rev, Body: map[string]any{"product_id": s.ProductA.ID, "rating": 4}})
		e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: rev, Body: map[string]any{"product_id": s.ProductB.ID, "rating": 4}})
		e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: rev, Body: map[string]any{"product_id": s.ProductA.ID, "rating": 6}})
		var reviews struct{ Items []orders.Review }
		e.Expect(200, request{Method: "GET", Path: "/api/v1/products/" + s.ProductA.Slug + "/reviews"}).JSON(t, &reviews)
		if len(reviews.Items) != 1 || reviews.Items[0].Reviewer != "Thu" || reviews.Items[0].Rating != 5 {
			t.Errorf("reviews: %+v", reviews)
		}
		var product struct {
			RatingAvg   float64 `json:"rating_avg"`
			RatingCount int     `json:"rating_count"`
			SoldCount   int     `json:"sold_count"`
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/products/" + s.ProductA.Slug}).JSON(t, &product)
		if product.RatingAvg != 5 || product.RatingCount != 1 || product.SoldCount != 2 {
			t.Errorf("product counters: %+v", product)
		}
	})
}

func TestVietQRAPI(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		va := s.ProductA.Variants[0].ID
		var res checkoutJSON
		e.Expect(201, checkoutReq("k-qr", map[string]any{"items": cart(va, 1), "shipping_address": hanoi, "payment_method": "bank_transfer"}, s.Shopper)).JSON(t, &res)
		code := res.Orders[0].Code
		var qr orders.VietQR
		e.Expect(200, request{Method: "GET", Path: "/api/v1/orders/" + code + "/vietqr", Token: s.Shopper}).JSON(t, &qr)
		if qr.AmountVND != 190000 || qr.Note != code || qr.BankBIN != "970436" || !strings.HasPrefix(qr.Payload, "000201") {
			t.Errorf("vietqr: %+v", qr)
		}
		png := e.Expect(200, request{Method: "GET", Path: "/api/v1/orders/" + code + "/vietqr?format=png&size=256", Token: s.Shopper})
		if png.Header.Get("Content-Type") != "image/png" || !bytes.HasPrefix(png.Body, []byte("\x89PNG")) {
			t.Errorf("png: %s %.8q", png.Header.Get("Content-Type"), png.Body)
		}
		e.ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/orders/" + code + "/vietqr?format=gif", Token: s.Shopper})
		e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/orders/" + code + "/vietqr", Token: s.SellerB})

		paid := "/api/v1/orders/" + code + "/paid"
		e.ExpectProblem(403, "forbidden", request{Method: "POST", Path: paid, Token: s.Shopper})
		e.ExpectProblem(404, "not_found", request{Method: "POST", Path: paid, Token: s.SellerB})
		var o orders.Order
		for range 2 {
			e.Expect(200, request{Method: "POST", Path: paid, Token: s.SellerA}).JSON(t, &o)
			if o.PaymentStatus != orders.Paid {
				t.Fatalf("paid: %+v", o)
			}
		}

		e.Expect(201, checkoutReq("k-cod", map[string]any{"items": cart(va, 1), "shipping_address": hanoi}, s.Shopper)).JSON(t, &res)
		cod := res.Orders[0].Code
		e.ExpectProblem(409, "conflict", request{Method: "GET", Path: "/api/v1/orders/" + cod + "/vietqr", Token: s.Shopper})
		e.ExpectProblem(409, "conflict", request{Method: "POST", Path: "/api/v1/orders/" + cod + "/paid", Token: s.SellerA})
	})
}

// TestVietQRPaidOrderConflict: a paid order has no payment code any more,
// as JSON or as an image.
func TestVietQRPaidOrderConflict(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		var res checkoutJSON
		e.Expect(201, checkoutReq("k-qr-paid", map[string]any{"items": cart(s.ProductA.Variants[0].ID, 1), "shipping_address": hanoi, "payment_method": "bank_transfer"}, s.Shopper)).JSON(t, &res)
		code := res.Orders[0].Code
		e.Expect(200, request{Method: "GET", Path: "/api/v1/orders/" + code + "/vietqr", Token: s.Shopper})
		e.Expect(200, request{Method: "POST", Path: "/api/v1/orders/" + code + "/paid", Token: s.SellerA})
		e.ExpectProblem(409, "conflict", request{Method: "GET", Path: "/api/v1/orders/" + code + "/vietqr", Token: s.Shopper})
		e.ExpectProblem(409, "conflict", request{Method: "GET", Path: "/api/v1/orders/" + code + "/vietqr?format=png", Token: s.Shopper})
		e.ExpectProblem(409, "conflict", request{Method: "GET", Path: "/api/v1/orders/" + code + "/vietqr", Token: s.SellerA})
	})
}

// TestConcurrentRetriesAPI sends one checkout 20 times at once through
// HTTP: one checkout, every answer the same 201 bytes or 409
// idempotency_in_progress.
func TestConcurrentRetriesAPI(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		body := fmt.Sprintf(`{"items":[{"variant_id":%q,"quantity":1}],"shipping_address":{"province":"ha-noi","commune":"Phường Hoàn Kiếm","street":"12 Hàng Bạc"}}`, s.ProductA.Variants[0].ID)
		const n = 20
		var wg sync.WaitGroup
		status := make([]int, n)
		bodies := make([][]byte, n)
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				req := httptest.NewRequest("POST", "/api/v1/checkout", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+s.Shopper)
				req.Header.Set("Idempotency-Key", "one-key")
				res, err := e.App.Test(req, -1)
				if err != nil {
					errs[i] = err
					return
				}
				defer res.Body.Close()
				status[i] = res.StatusCode
				bodies[i], errs[i] = io.ReadAll(res.Body)
			})
		}
		wg.Wait()
		var first []byte
		for i := range n {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			switch status[i] {
			case 201:
				if first == nil {
					first = bodies[i]
				} else if !bytes.Equal(first, bodies[i]) {
					t.Fatalf("two different 201 bodies:\n%s\n%s", first, bodies[i])
				}
			case 409:
				if !bytes.Contains(bodies[i], []byte(`"idempotency_in_progress"`)) {
					t.Fatalf("409 that is not in progress: %s", bodies[i])
				}
			default:
				t.Fatalf("answer %d: %s", status[i], bodies[i])
			}
		}
		var orders int64
		e.DB.Raw("SELECT COUNT(*) FROM orders").Scan(&orders)
		if first == nil || orders != 1 {
			t.Fatalf("want exactly one checkout, got %d orders", orders)
		}
		again := e.Expect(201, request{Method: "POST", Path: "/api/v1/checkout", Body: body, Token: s.Shopper, Header: map[string]string{"Idempotency-Key": "one-key"}})
		if !bytes.Equal(again.Body, first) {
			t.Fatal("a later retry gets the first answer")
		}
	})
}
