package api

import (
	"strings"
	"testing"

	"github.com/valyala/fasthttp"
)

// BenchmarkUnsafeField is what the edge check costs a typical request: a
// checkout with a few query parameters, a browser's headers and a JSON body
// of about 1 KB (clean, the common case), and the same body with a NUL at
// its end (the slow path that walks the JSON for the field's path).
func BenchmarkUnsafeField(b *testing.B) {
	body := `{"items":[` + strings.Repeat(`{"variant_id":"01a23cc8-7d8c-7563-879b-348048d074f1","quantity":2},`, 10) +
		`{"variant_id":"01a23cc8-7d8c-7563-879b-348048d074f1","quantity":1}],"buyer":{"name":"Nguyễn Thị Lan","phone":"0912 345 678"},` +
		`"shipping_address":{"province":"ha-noi","commune":"Phường Hoàn Kiếm","street":"12 Hàng Bạc"},"payment_method":"cod"}`
	for _, c := range []struct{ name, body string }{
		{"clean", body},
		{"nul", strings.Replace(body, `12 Hàng Bạc`, `12 Hàng Bạc\u0000`, 1)},
	} {
		b.Run(c.name, func(b *testing.B) {
			var req fasthttp.Request
			req.Header.SetMethod("POST")
			req.SetRequestURI("/api/v1/checkout?utm_source=zalo&ref=trang-chu")
			req.Header.SetContentType("application/json")
			req.Header.Set("Idempotency-Key", "01a23cc8-7d8c-7563-879b-348048d074f1")
			req.Header.Set("User-Agent", "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36")
			req.Header.Set("Accept-Language", "vi-VN,vi;q=0.9")
			req.SetBodyString(c.body)
			want := c.name == "nul"
			b.SetBytes(int64(len(c.body)))
			b.ReportAllocs()
			for b.Loop() {
				if (unsafeField(&req) != "") != want {
					b.Fatal("wrong verdict")
				}
			}
		})
	}
}
