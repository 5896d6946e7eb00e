package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// safeLocation says whether a Location header keeps the browser on this
// site: a path, and no byte a browser drops or a header breaks on.
func safeLocation(loc string) bool {
	if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.ContainsAny(loc, "\\\t\r\n") {
		return false
	}
	u, err := url.Parse(loc)
	return err == nil && u.Host == "" && u.Scheme == "" && !strings.HasPrefix(u.Path, "//")
}

// TestSignInTargetCannotInjectHeaders sends the probes of the security
// review through the sign-in page, signed in (the page redirects at once)
// and through the form: one Set-Cookie (the session's), a local Location.
func TestSignInTargetCannotInjectHeaders(t *testing.T) {
	a := newTestApp(t, true)
	probes := []string{
		"/x%0D%0ASet-Cookie:%20ganh_session=attacker",
		"/x%0ASet-Cookie:%20ganh_session=attacker",
		"/%09/evil.example",
		"/%5Cevil.example",
		"/%2F%2Fevil.example",
		"//evil.example",
		"https://evil.example/",
	}
	signedIn := a.browser()
	signedIn.login(demoShopper)
	for _, p := range probes {
		r := signedIn.get("/dang-nhap?tiep=" + p)
		if r.Status != http.StatusSeeOther || !safeLocation(r.Location) {
			t.Errorf("signed in, tiep=%s: %d Location %q", p, r.Status, r.Location)
		}
		if n := len(r.Header.Values("Set-Cookie")); n != 0 {
			t.Errorf("signed in, tiep=%s: %d Set-Cookie headers %q", p, n, r.Header.Values("Set-Cookie"))
		}
	}
	for _, p := range probes {
		raw, _ := url.QueryUnescape(p)
		b := a.browser()
		form := b.get("/dang-nhap?tiep=" + p)
		if form.Status != http.StatusOK || strings.Contains(form.Body, "evil.example") || strings.Contains(form.Body, "attacker") {
			t.Errorf("sign-in form with tiep=%s keeps it: %d", p, form.Status)
		}
		if c := form.Header.Values("Set-Cookie"); len(c) != 1 || !strings.HasPrefix(c[0], "ganh_csrf=") {
			t.Errorf("sign-in form with tiep=%s sets the cookies %q, want only the CSRF one", p, c)
		}
		r := b.post("/dang-nhap", url.Values{"phone": {demoShopper}, "password": {"ganh-demo-2025"}, "tiep": {raw}})
		cookies := r.Header.Values("Set-Cookie")
		if r.Status != http.StatusSeeOther || !safeLocation(r.Location) || len(cookies) != 1 || !strings.HasPrefix(cookies[0], "ganh_session=") || strings.Contains(cookies[0], "attacker") {
			t.Errorf("sign in with tiep=%q: %d Location %q Set-Cookie %q", raw, r.Status, r.Location, cookies)
		}
	}
}

// TestStaffBackIsLocal: the staff console's back= field is a redirect
// target too.
func TestStaffBackIsLocal(t *testing.T) {
	a := newTestApp(t, true)
	staff := a.browser()
	staff.login(demoStaff)
	p := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	unhide := func(back string) page {
		t.Helper()
		if r := staff.post("/quan-tri/san-pham/"+p.ID+"/an", url.Values{"reason": {"Ảnh không đúng sản phẩm."}}); r.Status != http.StatusSeeOther {
			t.Fatalf("hide: %d", r.Status)
		}
		return staff.post("/quan-tri/san-pham/"+p.ID+"/hien", url.Values{"back": {back}})
	}
	for _, back := range []string{"/%09/evil.example", "/x\r\nSet-Cookie: a=b", "/\\evil.example", "https://evil.example"} {
		r := unhide(back)
		if r.Status != http.StatusSeeOther || r.Location != "/quan-tri/san-pham" {
			t.Errorf("back=%q: %d Location %q", back, r.Status, r.Location)
		}
	}
	r := unhide("/quan-tri/san-pham?sau=abc")
	if r.Location != "/quan-tri/san-pham?sau=abc" {
		t.Errorf("a local back= is kept: %q", r.Location)
	}
}
