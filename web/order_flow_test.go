package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var (
	checkoutKey = regexp.MustCompile(`name="key" value="([^"]+)"`)
	codePattern = regexp.MustCompile(`data-order-code>(GN-[0-9A-Z]+)<`)
)

// TestBankTransferOrderLifecycle walks an order through the pages without a
// browser: bank transfer with its VietQR, the seller's buttons, payment,
// delivery, the buyer's review, the seller's report and the staff pages.
func TestBankTransferOrderLifecycle(t *testing.T) {
	a := newTestApp(t, true)
	p := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	shopper := a.browser()
	if r := shopper.post("/gio-hang/them", url.Values{"variant_id": {p.Variants[0].ID}, "quantity": {"2"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("add to cart: %d", r.Status)
	}
	form := shopper.get("/thanh-toan")
	m := checkoutKey.FindStringSubmatch(form.Body)
	if form.Status != http.StatusOK || m == nil {
		t.Fatalf("checkout form: %d", form.Status)
	}
	order := url.Values{"key": {m[1]}, "name": {"Nguyễn Văn An"}, "phone": {"0912345678"}, "province": {"ha-noi"},
		"commune": {"Phường Ba Đình"}, "street": {"12 Phan Đình Phùng"}, "payment_method": {"bank_transfer"}}
	bad := shopper.post("/thanh-toan", url.Values{"key": {m[1]}, "name": {""}, "phone": {"123"}, "province": {"ha-noi"}, "payment_method": {"cod"}})
	if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, `id="err-phone"`) || !strings.Contains(bad.Body, `id="err-street"`) {
		t.Fatalf("invalid checkout should show field errors: %d", bad.Status)
	}
	placed := shopper.post("/thanh-toan", order)
	codes := codePattern.FindStringSubmatch(placed.Body)
	if placed.Status != http.StatusCreated || codes == nil || !strings.Contains(placed.Body, "vietqr.png") || !strings.Contains(placed.Body, "Nội dung chuyển khoản") {
		t.Fatalf("placed: %d\n%s", placed.Status, placed.Body)
	}
	code := codes[1]
	again := shopper.post("/thanh-toan", order) // a double tap: the same key
	if again.Status != http.StatusSeeOther && !strings.Contains(again.Body, code) {
		t.Fatalf("resending the form must not place a new order: %d", again.Status)
	}
	qr := shopper.get("/don-hang/" + code + "/vietqr.png?sdt=0912345678")
	if qr.Status != http.StatusOK || qr.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("QR image: %d %s", qr.Status, qr.Header.Get("Content-Type"))
	}
	if r := a.browser().get("/don-hang/" + code + "?sdt=0987654321"); r.Status != http.StatusNotFound {
		t.Fatalf("another phone sees the order: %d", r.Status)
	}
	if r := a.browser().get("/don-hang?ma=" + code + "&sdt=0912+345+678"); r.Status != http.StatusSeeOther {
		t.Fatalf("lookup by code and phone: %d", r.Status)
	}

	seller := a.browser()
	seller.login(demoSeller)
	base := "/ban-hang/hop-tac-xa-com-chay-hoa-lu/don-hang"
	list := seller.get(base)
	if list.Status != http.StatusOK || !strings.Contains(list.Body, code) || !strings.Contains(list.Body, "Xác nhận đơn") {
		t.Fatalf("seller orders: %d", list.Status)
	}
	if r := seller.post(base+"/"+code+"/da-thanh-toan", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("mark paid: %d\n%s", r.Status, r.Body)
	}
	for _, st := range []string{"confirmed", "shipping", "delivered"} {
		if r := seller.post(base+"/"+code+"/trang-thai", url.Values{"status": {st}}); r.Status != http.StatusSeeOther {
			t.Fatalf("move to %s: %d\n%s", st, r.Status, r.Body)
		}
	}
	if r := seller.post(base+"/"+code+"/trang-thai", url.Values{"status": {"confirmed"}}); r.Status != http.StatusConflict {
		t.Fatalf("an illegal move: %d", r.Status)
	}
	page := shopper.get("/don-hang/" + code + "?sdt=0912345678")
	if !strings.Contains(page.Body, "Gửi đánh giá") || !strings.Contains(page.Body, "Đã thanh toán") {
		t.Fatalf("delivered order page lacks the review form or payment:\n%s", page.Body)
	}
	if r := shopper.post("/don-hang/"+code+"/danh-gia", url.Values{"sdt": {"0912345678"}, "product_id": {p.ID}, "rating": {"5"}, "comment": {"Giòn, thơm, gói cẩn thận."}}); r.Status != http.StatusSeeOther {
		t.Fatalf("review: %d\n%s", r.Status, r.Body)
	}
	prod := a.browser().get("/san-pham/" + p.Slug)
	if !strings.Contains(prod.Body, "Giòn, thơm, gói cẩn thận.") {
		t.Error("the review is not on the product page")
	}
	report := seller.get("/ban-hang/hop-tac-xa-com-chay-hoa-lu/bao-cao")
	if report.Status != http.StatusOK || !strings.Contains(report.Body, "Đã giao 1 đơn") {
		t.Fatalf("seller report: %d", report.Status)
	}

	staff := a.browser()
	staff.login(demoStaff)
	for _, path := range []string{"/quan-tri", "/quan-tri/hop-tac-xa?trang-thai=approved", "/quan-tri/san-pham", "/quan-tri/noi-bat", "/quan-tri/bao-cao"} {
		if r := staff.get(path); r.Status != http.StatusOK {
			t.Errorf("GET %s: %d", path, r.Status)
		}
	}
	csv := staff.get("/quan-tri/bao-cao.csv?theo=tinh")
	if csv.Status != http.StatusOK || !strings.Contains(csv.Body, "\r\nNinh Bình,1,2,") {
		t.Fatalf("CSV: %d\n%s", csv.Status, csv.Body)
	}
	if r := staff.post("/quan-tri/san-pham/"+p.ID+"/an", url.Values{"reason": {"Ảnh không đúng sản phẩm."}}); r.Status != http.StatusSeeOther {
		t.Fatalf("hide: %d", r.Status)
	}
	if r := a.browser().get("/san-pham/" + p.Slug); r.Status != http.StatusNotFound {
		t.Fatalf("a hidden product is still public: %d", r.Status)
	}
	feat := staff.post("/quan-tri/noi-bat", url.Values{"c_n": {"0"}, "p_n": {"0"}})
	if feat.Status != http.StatusSeeOther {
		t.Fatalf("featured: %d\n%s", feat.Status, feat.Body)
	}
	add := url.Values{"kind": {"product"}, "id": {productOf(t, a, "hop-tac-xa-de-nui-trang-an").ID}}
	if r := staff.post("/quan-tri/noi-bat/them", add); r.Status != http.StatusSeeOther {
		t.Fatalf("add a featured product: %d\n%s", r.Status, r.Body)
	}
	if home := a.browser().get("/"); strings.Contains(home.Body, "Hợp tác xã tiêu biểu") {
		t.Error("the home page still lists featured coops after the list was emptied")
	}
}
