package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var (
	summaryBox  = regexp.MustCompile(`(?s)<div class="errors"[^>]*data-error-summary[^>]*>.*?</div>`)
	summaryLink = regexp.MustCompile(`<a href="#([^"]+)">`)
)

// checkErrorSummary checks a page that refused the form posted to action:
// the GOV.UK error summary comes before the form (a box with role="alert",
// tabindex="-1", the heading "Xin kiểm tra lại:"), each link points to an
// element of the page, and each linked field says it is invalid and which
// message describes it. It returns the ids linked.
func checkErrorSummary(t *testing.T, body, action string) []string {
	t.Helper()
	box := summaryBox.FindString(body)
	form := strings.Index(body, `action="`+action+`"`)
	if box == "" || form < 0 || strings.Index(body, box) > form {
		t.Fatalf("no error summary before the form %s:\n%s", action, body)
	}
	for _, want := range []string{`role="alert"`, `tabindex="-1"`, "Xin kiểm tra lại:"} {
		if !strings.Contains(box, want) {
			t.Errorf("the error summary lacks %s: %s", want, box)
		}
	}
	var ids []string
	for _, m := range summaryLink.FindAllStringSubmatch(box, -1) {
		id := m[1]
		ids = append(ids, id)
		tag := regexp.MustCompile(`<(?:input|select|textarea)\b[^>]*\bid="` + regexp.QuoteMeta(id) + `"[^>]*>`).FindString(body)
		if tag == "" {
			t.Errorf("the summary links to #%s, which is no field of the page", id)
			continue
		}
		a := attrs(tag)
		if a["aria-invalid"] != "true" || !strings.Contains(" "+a["aria-describedby"]+" ", " err-"+id+" ") || !strings.Contains(body, `id="err-`+id+`"`) {
			t.Errorf("the field #%s does not point to its message: %s", id, tag)
		}
	}
	return ids
}

// TestFailedFormShowsErrorSummaryFirst: a refused registration and a
// refused new product come back with the summary at the top, links to
// their fields, and what was typed.
func TestFailedFormShowsErrorSummaryFirst(t *testing.T) {
	a := newTestApp(t, true)

	typed := url.Values{"name": {"Hà Thị Thu"}, "phone": {"123"}, "email": {"thu@"}, "password": {"ngan"}}
	r := a.browser().post("/dang-ky", typed)
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("registration: %d", r.Status)
	}
	ids := checkErrorSummary(t, r.Body, "/dang-ky")
	if !contains(ids, "phone") || !contains(ids, "password") {
		t.Errorf("the registration summary links %v, want phone and password", ids)
	}
	kept := formFields(r.Body, "/dang-ky")
	for _, f := range []string{"name", "phone", "email"} {
		if kept.Get(f) != typed.Get(f) {
			t.Errorf("the registration form lost %s: %q, typed %q", f, kept.Get(f), typed.Get(f))
		}
	}

	seller := a.browser()
	seller.login(demoSeller)
	action := "/ban-hang/hop-tac-xa-com-chay-hoa-lu/san-pham/moi"
	product := url.Values{
		"name": {""}, "category": {"dac-san-kho"}, "unit": {"gói"}, "status": {"active"}, "tags": {"quà, tết"},
		"variant_name": {"Gói 200 g"}, "variant_price_vnd": {"bốn mươi nghìn"}, "variant_stock": {"5"},
	}
	r = seller.post(action, product)
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("new product: %d", r.Status)
	}
	if ids := checkErrorSummary(t, r.Body, action); !contains(ids, "variant_price_vnd") {
		t.Errorf("the product summary links %v, want variant_price_vnd", ids)
	}
	kept = formFields(r.Body, action)
	for _, f := range []string{"tags", "variant_name", "variant_price_vnd", "variant_stock"} {
		if kept.Get(f) != product.Get(f) {
			t.Errorf("the product form lost %s: %q, typed %q", f, kept.Get(f), product.Get(f))
		}
	}
	product.Set("variant_price_vnd", "40.000")
	r = seller.post(action, product)
	if ids := checkErrorSummary(t, r.Body, action); !contains(ids, "name") {
		t.Errorf("the product summary links %v, want name", ids)
	}

	// The variant form on the edit page (every variant, one save).
	p := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	vid := p.Variants[0].ID
	action = "/ban-hang/hop-tac-xa-com-chay-hoa-lu/san-pham/" + p.ID + "/cac-loai"
	r = seller.post(action, url.Values{"vn-" + vid: {"Gói lớn"}, "vp-" + vid: {"năm chục"}, "vs-" + vid: {"7"}, "ss-" + vid: {"7"}})
	if ids := checkErrorSummary(t, r.Body, action); !contains(ids, "vp-"+vid) {
		t.Errorf("the variant summary links %v, want vp-%s", ids, vid)
	}
	if kept := formFields(r.Body, action); kept.Get("vn-"+vid) != "Gói lớn" || kept.Get("vp-"+vid) != "năm chục" || kept.Get("vs-"+vid) != "7" {
		t.Errorf("the variant form lost what was typed: %v", kept)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
