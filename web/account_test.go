package web_test

import (
	"context"
	"github.com/ganh-market/ganh/kernel"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/accounts"
)

const accountPassword = "mật khẩu của tôi"

// newAccount creates an account with role and a browser signed in to it.
func newAccount(t *testing.T, a *testApp, phone, name string, role kernel.Role) *browser {
	t.Helper()
	if _, err := a.Accounts.CreateUser(context.Background(), accounts.RegisterInput{Phone: phone, Password: accountPassword, Name: name}, role); err != nil {
		t.Fatal(err)
	}
	b := a.browser()
	if p := b.post("/dang-nhap", url.Values{"phone": {phone}, "password": {accountPassword}}); p.Status != http.StatusSeeOther {
		t.Fatalf("login %s: %d", phone, p.Status)
	}
	return b
}

var (
	issuedCode   = regexp.MustCompile(`Mã khôi phục cho [^:]+: ([0-9A-Z]{8})`)
	revokeAction = regexp.MustCompile(`action="(/tai-khoan/phien/[0-9a-f]+/dang-xuat)"`)
)

// TestStaffResetJourney: staff find the person by phone and get a code on
// the page; she sets a new password with phone and code on the public
// page and is signed in; her other device is signed out.
func TestStaffResetJourney(t *testing.T) {
	a := newTestApp(t, false)
	staff := newAccount(t, a, "0915000001", "Cán bộ Hội", kernel.RoleStaff)
	lost := newAccount(t, a, "0915000002", "Nguyễn Thị Quên", kernel.RoleShopper)

	found := staff.get("/quan-tri/tai-khoan?q=0915000002")
	if found.Status != http.StatusOK || !strings.Contains(found.Body, "Nguyễn Thị Quên") {
		t.Fatalf("search: %d\n%s", found.Status, found.Body)
	}
	m := regexp.MustCompile(`action="(/quan-tri/tai-khoan/[^/]+/ma-khoi-phuc)"`).FindStringSubmatch(found.Body)
	if m == nil {
		t.Fatal("no issue button")
	}
	issued := staff.post(m[1], nil)
	code := issuedCode.FindStringSubmatch(issued.Body)
	if issued.Status != http.StatusOK || code == nil {
		t.Fatalf("issue: %d\n%s", issued.Status, issued.Body)
	}
	if p := lost.get("/quan-tri/tai-khoan"); p.Status == http.StatusOK {
		t.Fatal("a shopper sees the staff page")
	}

	phone := a.browser()
	if p := phone.get("/dang-nhap"); !strings.Contains(p.Body, `href="/khoi-phuc-mat-khau"`) {
		t.Fatal("no link to the reset page on the sign-in page")
	}
	bad := phone.post("/khoi-phuc-mat-khau", url.Values{"phone": {"0915000002"}, "code": {"22222222"}, "new_password": {"lá dong xanh Tết"}})
	if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, "mã khôi phục không đúng") {
		t.Fatalf("wrong code: %d\n%s", bad.Status, bad.Body)
	}
	done := phone.post("/khoi-phuc-mat-khau", url.Values{"phone": {"0915 000 002"}, "code": {strings.ToLower(code[1])}, "new_password": {"lá dong xanh Tết"}})
	if done.Status != http.StatusSeeOther {
		t.Fatalf("reset: %d\n%s", done.Status, done.Body)
	}
	if p := phone.get("/tai-khoan"); p.Status != http.StatusOK || !strings.Contains(p.Body, "Nguyễn Thị Quên") {
		t.Fatalf("signed in after reset: %d", p.Status)
	}
	if p := lost.get("/tai-khoan"); p.Status != http.StatusSeeOther {
		t.Fatalf("the old device is still signed in: %d", p.Status)
	}
}

// TestAccountPasswordAndSessions: changing the password on the account
// page keeps this device and signs the other out; a device can be signed
// out with one tap.
func TestAccountPasswordAndSessions(t *testing.T) {
	a := newTestApp(t, false)
	here := newAccount(t, a, "0915000010", "Trần Thị Đổi", kernel.RoleShopper)
	there := a.browser()
	there.post("/dang-nhap", url.Values{"phone": {"0915000010"}, "password": {accountPassword}})
	third := a.browser()
	third.post("/dang-nhap", url.Values{"phone": {"0915000010"}, "password": {accountPassword}})

	page := here.get("/tai-khoan")
	forms := revokeAction.FindAllStringSubmatch(page.Body, -1)
	if page.Status != http.StatusOK || len(forms) != 2 || !strings.Contains(page.Body, "Máy này") || !strings.Contains(page.Body, "Go-http-client") {
		t.Fatalf("account page: %d, %d sign-out buttons\n%s", page.Status, len(forms), page.Body)
	}
	if p := here.post(forms[0][1], nil); p.Status != http.StatusSeeOther {
		t.Fatalf("sign out a device: %d", p.Status)
	}
	if n := len(revokeAction.FindAllString(here.get("/tai-khoan").Body, -1)); n != 1 {
		t.Fatalf("%d other devices left, want 1", n)
	}

	wrong := here.post("/tai-khoan/mat-khau", url.Values{"current_password": {"sai rồi nhé"}, "new_password": {"bánh chưng xanh"}})
	if wrong.Status != http.StatusUnprocessableEntity || !strings.Contains(wrong.Body, "Mật khẩu không đúng") {
		t.Fatalf("wrong current password: %d", wrong.Status)
	}
	ok := here.post("/tai-khoan/mat-khau", url.Values{"current_password": {accountPassword}, "new_password": {"bánh chưng xanh"}})
	if ok.Status != http.StatusSeeOther {
		t.Fatalf("change: %d\n%s", ok.Status, ok.Body)
	}
	if p := here.get("/tai-khoan"); p.Status != http.StatusOK || !strings.Contains(p.Body, "Đã đổi mật khẩu") {
		t.Fatalf("this device after the change: %d", p.Status)
	}
	for _, b := range []*browser{there, third} {
		if p := b.get("/tai-khoan"); p.Status != http.StatusSeeOther {
			t.Fatalf("another device after the change: %d", p.Status)
		}
	}
}
