package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/catalogtest"
	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/httpbody/httpbodytest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/web/i18n"
	"gorm.io/gorm"
)

// TestPageDeadlineAnswers503: a page whose deadline passes before its
// database work is done says "try again later" (503), not "something broke".
func TestPageDeadlineAnswers503(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		a := startApp(t, db, false, func(c *config.Config) { c.RequestTimeout = time.Nanosecond })
		for _, path := range []string{"/", "/don-hang?ma=GN-ABCDEF&sdt=0912345678"} {
			p := a.browser().get(path)
			if p.Status != http.StatusServiceUnavailable || !strings.Contains(p.Body, i18n.T("error.unavailable.title")) {
				t.Fatalf("GET %s = %d, want 503 with the unavailable page:\n%.600s", path, p.Status, p.Body)
			}
		}
	})
}

// TestSlowConnectionsOnPages: with the pages mounted, a connection on which
// nothing is sent is closed at its read timeout without a word (it was
// answered with the 503 page, unsolicited, to a client holding it idle),
// and a request whose header stops halfway gets the 408 page.
func TestSlowConnectionsOnPages(t *testing.T) {
	const timeout = 200 * time.Millisecond
	a := startApp(t, dbtest.SQLite(t), false, func(c *config.Config) { c.ReadTimeout, c.IdleTimeout = timeout, timeout })
	for _, partial := range []string{"", "GET /san-pham HTTP/1.1\r\nHost: ganh.test\r\n"} {
		conn, err := net.Dial("tcp", strings.TrimPrefix(a.URL, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := io.WriteString(conn, partial); err != nil {
			t.Fatal(err)
		}
		// Far longer than the timeout, only so that a connection left open
		// fails the test instead of hanging it.
		if err := conn.SetReadDeadline(time.Now().Add(2 * time.Second)); err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(conn)
		if err != nil {
			t.Fatalf("%q: the connection stayed open: %v (read %q)", partial, err, got)
		}
		if partial == "" {
			if len(got) != 0 {
				t.Fatalf("an unused connection got an answer:\n%.600s", got)
			}
			continue
		}
		res, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(got)), nil)
		if err != nil {
			t.Fatalf("no answer to a partial request: %v (read %q)", err, got)
		}
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusRequestTimeout || !res.Close || !strings.Contains(string(body), i18n.T("error.timeout.title")) {
			t.Fatalf("partial request = %d (close %v), want 408 with the timeout page:\n%.600s", res.StatusCode, res.Close, body)
		}
	}
}

// guestOrder places a guest's cash-on-delivery order through the services
// (a coop, a product, a checkout) and returns its code.
func guestOrder(t *testing.T, a *testApp, phone string) string {
	t.Helper()
	ctx := context.Background()
	staff, owner := catalogtest.User(t, a.DB, kernel.RoleStaff), catalogtest.User(t, a.DB, kernel.RoleSeller)
	coop, err := a.Catalog.ApplyForCoop(ctx, owner, catalog.CoopInput{
		Name: "HTX Vải Thiều", Kind: catalog.KindHopTacXa, Description: "Đặc sản.", Province: "ninh-binh",
		Commune: "Xã Kim Sơn", Address: "Thôn 3", Phone: "0912 000 111", ShippingFeeVND: 20000,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Catalog.ApproveCoop(ctx, staff, coop.ID, ""); err != nil {
		t.Fatal(err)
	}
	p, err := a.Catalog.CreateProduct(ctx, owner, coop.ID, catalog.ProductInput{Name: "Vải sấy", Description: "Ngon.",
		Category: "dac-san-kho", Unit: "gói", Status: catalog.ProductActive,
		Variants: []catalog.VariantInput{{Name: "Gói 500 g", PriceVND: 90000, Stock: 10}}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Orders.Checkout(ctx, kernel.Anonymous, orders.CheckoutRequest{Key: "guest-order", Input: orders.CheckoutInput{
		Items: []orders.LineInput{{VariantID: p.Variants[0].ID, Quantity: 1}}, Buyer: &orders.BuyerInput{Name: "Trần Thị Mai", Phone: phone},
		ShippingAddress: &orders.Address{Province: "ha-noi", Commune: "Phường Hoàn Kiếm", Street: "12 Hàng Bạc"},
	}})
	if err != nil || res.Status != http.StatusCreated {
		t.Fatalf("checkout: %v %+v", err, res)
	}
	var out orders.CheckoutResult
	if err := json.Unmarshal(res.Body, &out); err != nil {
		t.Fatal(err)
	}
	return out.Orders[0].Code
}

// TestGuestOrderLookupPagesThrottled: /don-hang finds an order by code and
// phone; from one address, 20 lookups that find nothing (the form, the
// order page, a cancel) and then the address gets a Vietnamese 429 page,
// even for the right pair. Wrong phone and unknown code read the same.
func TestGuestOrderLookupPagesThrottled(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		a := startApp(t, db, false)
		code := guestOrder(t, a, "0912345678")
		b := a.browser()
		for i := 0; i < 25; i++ { // the buyer opening her order is never counted
			if p := b.get("/don-hang/" + code + "?sdt=0912345678"); p.Status != http.StatusOK {
				t.Fatalf("her own order: %d", p.Status)
			}
		}
		wrongPhone := b.get("/don-hang?ma=" + code + "&sdt=0912000999")
		noSuchCode := b.get("/don-hang?ma=GN-2222ZZ&sdt=0912345678")
		if wrongPhone.Status != http.StatusOK || noSuchCode.Status != http.StatusOK ||
			!strings.Contains(wrongPhone.Body, i18n.T("orders.lookup.notfound")) || !strings.Contains(noSuchCode.Body, i18n.T("orders.lookup.notfound")) {
			t.Fatalf("wrong phone %d, unknown code %d: both should show the same not-found form", wrongPhone.Status, noSuchCode.Status)
		}
		for i := 2; i < 20; i++ {
			wrong := fmt.Sprintf("09120010%02d", i)
			var p page
			switch i % 3 {
			case 0:
				p = b.get("/don-hang?ma=" + code + "&sdt=" + wrong)
			case 1:
				p = b.get("/don-hang/" + code + "?sdt=" + wrong)
			case 2:
				p = b.post("/don-hang/"+code+"/huy", url.Values{"sdt": {wrong}, "reason": {"đổi ý"}})
			}
			if p.Status != http.StatusOK && p.Status != http.StatusNotFound {
				t.Fatalf("failed lookup %d: status %d", i, p.Status)
			}
		}
		for _, p := range []page{
			b.get("/don-hang?ma=" + code + "&sdt=0912345678"),
			b.get("/don-hang/" + code + "?sdt=0912345678"),
			b.post("/don-hang/"+code+"/huy", url.Values{"sdt": {"0912345678"}, "reason": {"đổi ý"}}),
		} {
			if p.Status != http.StatusTooManyRequests || !strings.Contains(p.Body, i18n.T("error.ratelimited.title")) || p.Header.Get("Retry-After") == "" {
				t.Fatalf("over the limit: %d, want 429 with the Vietnamese page:\n%.600s", p.Status, p.Body)
			}
		}
		var status string
		db.Raw("SELECT status FROM orders WHERE code = ?", code).Scan(&status)
		if status != "pending" {
			t.Fatalf("order is %s after refused cancellations", status)
		}
	})
}

// raw sends one request written by hand (net/http refuses to send a NUL in
// a header) and returns the answer.
func raw(t *testing.T, a *testApp, request string) page {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(a.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return page{Status: res.StatusCode, Body: string(body), Header: res.Header}
}

// TestUnsafeTextRefusedOnPages: the pages share the API's edge: a NUL byte
// or bytes that are not UTF-8 in a query parameter, the path, a form field
// (urlencoded or multipart) or a cookie get a Vietnamese 422 page naming
// the field, on both engines, and nothing is written.
func TestUnsafeTextRefusedOnPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		a := startApp(t, db, false)
		b := a.browser()
		csrf := b.csrf()
		multi, multiType := httpbodytest.MultipartForm(t, map[string]string{"phone": "0912\x00345678", "password": "x", "_csrf": csrf}, "", "", nil)
		postMultipart := func() page {
			req, _ := http.NewRequest(http.MethodPost, a.URL+"/dang-nhap", bytes.NewReader(multi))
			req.Header.Set("Content-Type", multiType)
			return b.do(req)
		}
		cases := []struct {
			name  string
			send  func() page
			field string
		}{
			{"SearchNUL", func() page { return b.get("/tim-kiem?q=%00") }, "q"},
			{"SearchInvalidUTF8", func() page { return b.get("/tim-kiem?q=G%E1%BA") }, "q"},
			{"PathNUL", func() page { return b.get("/san-pham/a%00b") }, "path"},
			{"LookupPhoneNUL", func() page { return b.get("/don-hang?ma=GN-2222ZZ&sdt=0912%00345678") }, "sdt"},
			{"RegisterNameNUL", func() page {
				return b.post("/dang-ky", url.Values{"name": {"Lan\x00"}, "phone": {"0912345678"}, "password": {"mật khẩu an toàn"}})
			}, "name"},
			{"LoginPhoneInvalidUTF8", func() page { return b.post("/dang-nhap", url.Values{"phone": {"\xff"}, "password": {"x"}}) }, "phone"},
			{"CartVariantNUL", func() page { return b.post("/gio-hang/them", url.Values{"variant_id": {"\x00"}, "quantity": {"1"}}) }, "variant_id"},
			{"MultipartPhoneNUL", postMultipart, "phone"},
			{"CookieNUL", func() page {
				return raw(t, a, "GET /gio-hang HTTP/1.1\r\nHost: ganh.test\r\nCookie: ganh_cart=a\x00b\r\nConnection: close\r\n\r\n")
			}, "Cookie"},
		}
		before := pageSnapshot(t, db)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				p := c.send()
				if p.Status != http.StatusUnprocessableEntity || !strings.Contains(p.Body, i18n.T("error.invalid.title")) ||
					!strings.Contains(p.Body, "«"+c.field+"»") || !strings.HasPrefix(p.Header.Get("Content-Type"), "text/html") {
					t.Fatalf("status %d, want 422 with a page naming «%s»:\n%.1500s", p.Status, c.field, p.Body)
				}
			})
		}
		if after := pageSnapshot(t, db); after != before {
			t.Fatalf("refused requests changed the database: %s → %s", before, after)
		}
	})
}

func pageSnapshot(t *testing.T, db *gorm.DB) string {
	t.Helper()
	var counts []int64
	for _, table := range []string{"users", "sessions", "orders", "idempotency_keys", "rate_counters"} {
		var n int64
		if err := db.Table(table).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		counts = append(counts, n)
	}
	return fmt.Sprint(counts)
}
