package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/places"
)

func code(t *testing.T, province, name string) string {
	t.Helper()
	c, ok := places.Match(province, name)
	if !ok {
		t.Fatalf("%s is not in %s", name, province)
	}
	return c.Code
}

// selected is the value of the selected option of the select named name.
func selected(body, name string) string {
	sel := regexp.MustCompile(`(?s)<select[^>]*name="` + name + `"[^>]*>(.*?)</select>`).FindStringSubmatch(body)
	if sel == nil {
		return "<no select>"
	}
	m := regexp.MustCompile(`<option value="([^"]*)" selected>`).FindStringSubmatch(sel[1])
	if m == nil {
		return ""
	}
	return m[1]
}

// TestPlacePickerWithoutScript: with no JavaScript the picker is two plain
// selects and a button that shows the communes of the province chosen;
// the address book saves a checked address, checkout fills in the default
// one, and the seller's application form has the same picker.
func TestPlacePickerWithoutScript(t *testing.T) {
	a := newTestApp(t, true)
	b := a.browser()
	b.login(demoShopper)
	kimSon := code(t, "ninh-binh", "Xã Kim Sơn")

	book := b.get("/tai-khoan/dia-chi")
	if book.Status != http.StatusOK || !strings.Contains(book.Body, `name="placepicker"`) ||
		!strings.Contains(book.Body, "Hãy chọn tỉnh, thành phố trước") || strings.Contains(book.Body, kimSon) {
		t.Fatalf("address book: %d, want the picker with no communes yet\n%s", book.Status, book.Body)
	}
	form := formFields(book.Body, "/tai-khoan/dia-chi")
	form.Set("province", "ninh-binh")
	form.Set("street", "Xóm 5, thôn Lưu Phương")
	form.Set("placepicker", "1")
	again := b.post("/tai-khoan/dia-chi", form)
	if again.Status != http.StatusOK || !strings.Contains(again.Body, `<option value="`+kimSon+`">Xã Kim Sơn</option>`) ||
		selected(again.Body, "province") != "ninh-binh" || !strings.Contains(again.Body, "Xóm 5, thôn Lưu Phương") {
		t.Fatalf("after choosing Ninh Bình: %d, want its communes and the form kept\n%s", again.Status, again.Body)
	}
	if strings.Contains(again.Body, "Đã lưu địa chỉ") {
		t.Fatal("the picker's button saved the address")
	}

	form = formFields(again.Body, "/tai-khoan/dia-chi")
	form.Set("province", "ninh-binh")
	form.Set("commune", "Xa Kim Son") // typed without diacritics: refused with a hint
	refused := b.post("/tai-khoan/dia-chi", form)
	if refused.Status != http.StatusUnprocessableEntity || !strings.Contains(refused.Body, "Xã Kim Sơn") {
		t.Fatalf("an unaccented commune: %d\n%s", refused.Status, refused.Body)
	}
	form.Set("commune", kimSon)
	if r := b.post("/tai-khoan/dia-chi", form); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", r.Status, r.Body)
	}
	if list := b.get("/tai-khoan/dia-chi"); !strings.Contains(list.Body, "Xóm 5, thôn Lưu Phương, Xã Kim Sơn, Ninh Bình") {
		t.Fatalf("the saved address is not listed:\n%s", list.Body)
	}

	p := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	if r := b.post("/gio-hang/them", url.Values{"variant_id": {p.Variants[0].ID}}); r.Status != http.StatusSeeOther {
		t.Fatalf("add to cart: %d", r.Status)
	}
	co := b.get("/thanh-toan")
	if selected(co.Body, "province") != "ninh-binh" || selected(co.Body, "commune") != kimSon ||
		!strings.Contains(co.Body, `value="Xóm 5, thôn Lưu Phương"`) {
		t.Fatalf("checkout does not fill the default address:\n%s", co.Body)
	}
	// A second saved address is offered as a link that fills the form.
	second := url.Values{"recipient_name": {"Lê Thị Mai"}, "phone": {"0913 200 001"}, "province": {"ha-noi"},
		"commune": {"00070"}, "street": {"12 Hàng Bạc"}}
	if r := b.post("/tai-khoan/dia-chi", second); r.Status != http.StatusSeeOther {
		t.Fatalf("save a second address: %d\n%s", r.Status, r.Body)
	}
	co = b.get("/thanh-toan")
	m := regexp.MustCompile(`href="(/thanh-toan\?dia-chi=[^"]+)">Lê Thị Mai · 12 Hàng Bạc, Phường Hoàn Kiếm, Hà Nội<`).FindStringSubmatch(co.Body)
	if m == nil || selected(co.Body, "commune") != kimSon {
		t.Fatalf("checkout does not offer the second address, or left the default:\n%s", co.Body)
	}
	if other := b.get(m[1]); selected(other.Body, "commune") != "00070" || !strings.Contains(other.Body, `value="12 Hàng Bạc"`) {
		t.Fatalf("the second address's link does not fill it in:\n%s", other.Body)
	}

	form = formFields(co.Body, "/thanh-toan")
	form.Set("province", "ha-noi")
	form.Set("placepicker", "1")
	moved := b.post("/thanh-toan", form)
	if moved.Status != http.StatusOK || !strings.Contains(moved.Body, "Phường Hoàn Kiếm") || codePattern.MatchString(moved.Body) {
		t.Fatalf("checkout after choosing Hà Nội: %d, want its communes and no order\n%s", moved.Status, moved.Body)
	}
	form = formFields(moved.Body, "/thanh-toan")
	form.Set("province", "ninh-binh")
	form.Set("commune", kimSon)
	if placed := b.post("/thanh-toan", form); placed.Status != http.StatusCreated {
		t.Fatalf("checkout: %d\n%s", placed.Status, placed.Body)
	}

	seller := a.browser()
	seller.login(demoShopper)
	apply := seller.get("/ban-hang/mo-gian-hang")
	if !strings.Contains(apply.Body, `name="placepicker"`) || !strings.Contains(apply.Body, `id="commune"`) {
		t.Fatalf("the application form has no place picker:\n%s", apply.Body)
	}
}

// TestStaffSeeCoopsForPlaceReview: a coop whose commune is not one of the
// 2025 list is in the staff's "Địa danh cần xem lại" tab, and only it.
func TestStaffSeeCoopsForPlaceReview(t *testing.T) {
	a := newTestApp(t, true)
	if err := a.DB.Exec(`UPDATE coops SET commune = 'Xã Gia Sinh', commune_code = '' WHERE slug = 'hop-tac-xa-com-chay-hoa-lu'`).Error; err != nil {
		t.Fatal(err)
	}
	staff := a.browser()
	staff.login(demoStaff)
	tab := staff.get("/quan-tri/hop-tac-xa?dia-danh=xem-lai")
	if tab.Status != http.StatusOK {
		t.Fatalf("review tab: %d", tab.Status)
	}
	for _, want := range []string{`aria-current="page" class="on">Địa danh cần xem lại`, `data-coop="hop-tac-xa-com-chay-hoa-lu"`, "<mark>Xã Gia Sinh</mark>"} {
		if !strings.Contains(tab.Body, want) {
			t.Errorf("the review tab lacks %q", want)
		}
	}
	if n := strings.Count(tab.Body, "data-coop="); n != 1 {
		t.Errorf("the review tab lists %d coops, want 1", n)
	}
	if r := staff.get("/quan-tri/hop-tac-xa"); !strings.Contains(r.Body, `href="/quan-tri/hop-tac-xa?dia-danh=xem-lai"`) {
		t.Error("the coops page has no link to the review tab")
	}
	shopper := a.browser()
	shopper.login(demoShopper)
	if r := shopper.get("/quan-tri/hop-tac-xa?dia-danh=xem-lai"); r.Status == http.StatusOK {
		t.Fatal("a shopper sees the staff's review tab")
	}
}
