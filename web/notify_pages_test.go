package web_test

import (
	"context"
	"github.com/ganh-market/ganh/kernel"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/outbox"
)

var notificationLink = regexp.MustCompile(`href="(/thong-bao/[0-9a-f-]{36})"`)

// drainNotifications does what the notification relays of `ganh serve` do:
// every event written so far becomes its inbox rows.
func (a *testApp) drainNotifications() {
	a.t.Helper()
	for _, r := range a.Notify.Relays(outbox.Options{RetryBase: time.Millisecond}) {
		if err := r.Drain(context.Background()); err != nil {
			a.t.Fatal(err)
		}
	}
}

// guestOrder places a COD order of one unit of p as a guest.
func (a *testApp) guestOrder(p catalog.Product) string {
	a.t.Helper()
	res, err := a.Orders.Checkout(context.Background(), kernel.Anonymous, orders.CheckoutRequest{Key: uuid.NewString(), Input: orders.CheckoutInput{
		Items:           []orders.LineInput{{VariantID: p.Variants[0].ID, Quantity: 1}},
		Buyer:           &orders.BuyerInput{Name: "Trần Thị Mai", Phone: "0987654321"},
		ShippingAddress: &orders.Address{Province: "ha-noi", Commune: "Phường Hoàn Kiếm", Street: "12 Hàng Bạc"},
	}})
	if err != nil || res.Status != http.StatusCreated {
		a.t.Fatalf("checkout: %v %v", res, err)
	}
	code := regexp.MustCompile(`GN-[0-9A-Z]{6}`).FindString(string(res.Body))
	return code
}

// TestNotificationBellAndPages: a seller's header shows a bell with her
// unread count after an order; the notifications page names the order and
// opens it (marking it read, landing on her orders page); "read all"
// empties the bell; the settings page keeps a channel off; signed out the
// pages ask to sign in; staff see the failed deliveries page.
func TestNotificationBellAndPages(t *testing.T) {
	a := newTestApp(t, true)
	p := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	code := a.guestOrder(p)
	a.drainNotifications()

	seller := a.browser()
	seller.login(demoSeller)
	home := seller.get("/")
	if home.Status != http.StatusOK || !strings.Contains(home.Body, `class="bell"`) || !strings.Contains(home.Body, "data-unread>") {
		t.Fatalf("no bell with a count in the header: %d", home.Status)
	}
	list := seller.get("/thong-bao")
	if list.Status != http.StatusOK || !strings.Contains(list.Body, "Đơn hàng mới "+code) {
		t.Fatalf("notifications page does not name order %s: %d\n%s", code, list.Status, list.Body)
	}
	m := notificationLink.FindStringSubmatch(list.Body)
	if m == nil {
		t.Fatal("no link to open a notification")
	}
	open := seller.get(m[1])
	if open.Status != http.StatusSeeOther || open.Location != "/ban-hang/hop-tac-xa-com-chay-hoa-lu/don-hang" {
		t.Fatalf("opening the order notification: %d %q", open.Status, open.Location)
	}
	if r := seller.post("/thong-bao/da-doc", url.Values{}); r.Status != http.StatusSeeOther {
		t.Fatalf("read all: %d", r.Status)
	}
	if home := seller.get("/"); strings.Contains(home.Body, "data-unread>") {
		t.Fatal("the bell still counts unread notifications after read all")
	}

	if r := seller.post("/thong-bao/cai-dat", url.Values{"kenh_push": {"1"}, "kenh_email": {"1"}, "kenh_zalo": {"1"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("save settings: %d", r.Status)
	}
	settings := seller.get("/thong-bao/cai-dat")
	if settings.Status != http.StatusOK || strings.Contains(settings.Body, `name="kenh_sms" value="1" checked`) ||
		!strings.Contains(settings.Body, `name="kenh_zalo" value="1" checked`) {
		t.Fatalf("settings page does not show sms off and zalo on: %d", settings.Status)
	}

	if r := a.browser().get("/thong-bao"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/dang-nhap") {
		t.Fatalf("signed out: %d %s", r.Status, r.Location)
	}
	staff := a.browser()
	staff.login(demoStaff)
	if r := staff.get("/quan-tri/thong-bao"); r.Status != http.StatusOK || !strings.Contains(r.Body, "Không có tin nào gửi hỏng") {
		t.Fatalf("staff failed deliveries page: %d", r.Status)
	}
	if r := seller.get("/quan-tri/thong-bao"); r.Status != http.StatusForbidden {
		t.Fatalf("a seller on the staff page: %d", r.Status)
	}
}
