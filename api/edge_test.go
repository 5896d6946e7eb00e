package api_test

import (
	"encoding/base64"
	"fmt"
	"testing"
)

// cursorOf encodes raw as the API's opaque cursors are encoded.
func cursorOf(raw string) string { return base64.RawURLEncoding.EncodeToString([]byte(raw)) }

// TestUnsafeTextRefusedAtTheEdge: a NUL byte or bytes that are not UTF-8,
// in any part of a request, get 422 validation_failed naming the part (query
// parameter, JSON field path, header, "path"), on both engines, and nothing
// is written. PostgreSQL refuses such text, so each of these answered 500.
func TestUnsafeTextRefusedAtTheEdge(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		register := func(body string) request {
			return request{Method: "POST", Path: "/api/v1/auth/register", Body: body}
		}
		checkout := func(key, body string) request {
			return request{Method: "POST", Path: "/api/v1/checkout", Body: body, Header: map[string]string{"Idempotency-Key": key}}
		}
		validCheckout := fmt.Sprintf(`{"items":[{"variant_id":%q,"quantity":1}],"buyer":{"name":"Mai","phone":"0987654321"},`+
			`"shipping_address":{"province":"ha-noi","commune":"Phường Hoàn Kiếm","street":"12 Hàng Bạc"}}`, s.ProductA.Variants[0].ID)
		cases := []struct {
			name  string
			req   request
			field string
		}{
			{"QueryNUL", request{Method: "GET", Path: "/api/v1/coops?q=%00"}, "q"},
			{"QueryInvalidUTF8", request{Method: "GET", Path: "/api/v1/coops?q=%FF%FE"}, "q"},
			{"QueryNameNUL", request{Method: "GET", Path: "/api/v1/coops?a%00b=1"}, "query"},
			{"FilterNUL", request{Method: "GET", Path: "/api/v1/products?category=ch%00e"}, "category"},
			{"SearchNUL", request{Method: "GET", Path: "/api/v1/search?q=%00"}, "q"},
			{"GuestPhoneNUL", request{Method: "GET", Path: "/api/v1/orders/GN-2222ZZ?phone=0912%00345678"}, "phone"},
			{"PathNUL", request{Method: "GET", Path: "/api/v1/products/a%00b"}, "path"},
			{"PathInvalidUTF8", request{Method: "GET", Path: "/api/v1/coops/%C3%28"}, "path"},
			{"ProductsCursorNUL", request{Method: "GET", Path: "/api/v1/products?cursor=" + cursorOf("c1:\x00")}, "cursor"},
			{"CoopsCursorInvalidUTF8", request{Method: "GET", Path: "/api/v1/coops?cursor=" + cursorOf("c1:\xff")}, "cursor"},
			{"OrdersCursorNUL", request{Method: "GET", Path: "/api/v1/orders?cursor=" + cursorOf("o1:a\x00"), Token: s.Shopper}, "cursor"},
			{"ReviewsCursorNUL", request{Method: "GET", Path: "/api/v1/products/" + s.ProductA.Slug + "/reviews?cursor=" + cursorOf("o1:\x00")}, "cursor"},
			{"JSONNameNUL", register(`{"phone":"0987000111","password":"mật khẩu an toàn","name":"a\u0000b"}`), "name"},
			{"JSONNameInvalidUTF8", register("{\"phone\":\"0987000111\",\"password\":\"mật khẩu an toàn\",\"name\":\"a\xffb\"}"), "name"},
			{"JSONLoginPhoneNUL", request{Method: "POST", Path: "/api/v1/auth/login", Body: `{"phone":"0912\u0000345678","password":"x"}`}, "phone"},
			{"JSONArrayNUL", checkout("k-array", `{"items":[{"variant_id":"v","quantity":1},{"variant_id":"a\u0000","quantity":1}]}`), "items[1].variant_id"},
			{"JSONNestedNUL", checkout("k-nested", validCheckout[:len(validCheckout)-3]+`\u0000"}}`), "shipping_address.street"},
			{"IdempotencyKeyNUL", checkout("a\x00b", validCheckout), "Idempotency-Key"},
			{"IdempotencyKeyInvalidUTF8", checkout("a\xffb", validCheckout), "Idempotency-Key"},
			{"PatchNUL", request{Method: "PATCH", Path: "/api/v1/coops/" + s.CoopA.ID, Token: s.SellerA, Body: `{"description":"Chè\u0000"}`}, "description"},
		}
		before := edgeSnapshot(t, e)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				c.req.CrossCutting = true
				p := e.With(t).ExpectProblem(422, "validation_failed", c.req)
				if len(p.Errors) != 1 || p.Errors[0].Field != c.field {
					t.Fatalf("errors %+v, want the field %q named", p.Errors, c.field)
				}
			})
		}
		if after := edgeSnapshot(t, e); after != before {
			t.Fatalf("refused requests changed the database:\n%s\n%s", before, after)
		}
	})
}

// edgeSnapshot summarises every table a refused request could have written.
func edgeSnapshot(t *testing.T, e *testEnv) string {
	t.Helper()
	var counts []int64
	for _, table := range []string{"users", "sessions", "orders", "idempotency_keys", "reviews", "rate_counters"} {
		var n int64
		if err := e.DB.Table(table).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		counts = append(counts, n)
	}
	return fmt.Sprint(counts, dbSnapshot(t, e.DB))
}
