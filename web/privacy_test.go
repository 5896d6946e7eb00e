package web_test

import (
	"encoding/json"
	"github.com/ganh-market/ganh/kernel"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/accounts"
)

// TestAccountDataJourney: the register form names the privacy notice,
// which is a page; the account page downloads the person's data as JSON
// and erases the account with her password, signing her out.
func TestAccountDataJourney(t *testing.T) {
	a := newTestApp(t, false)
	visitor := a.browser()
	reg := visitor.get("/dang-ky")
	if !strings.Contains(reg.Body, `href="/chinh-sach-bao-mat"`) || !strings.Contains(reg.Body, accounts.PrivacyNoticeVersion) {
		t.Fatal("the register form does not name the privacy notice")
	}
	if p := visitor.get("/chinh-sach-bao-mat"); p.Status != http.StatusOK || !strings.Contains(p.Body, "Nghị định 13/2023/NĐ-CP") {
		t.Fatalf("privacy page: %d", p.Status)
	}

	b := newAccount(t, a, "0915000020", "Mai Thị Xoá", kernel.RoleShopper)
	file := b.get("/tai-khoan/du-lieu.json")
	var doc struct{ Account struct{ Name string } }
	if file.Status != http.StatusOK || !strings.HasPrefix(file.Header.Get("Content-Disposition"), "attachment") ||
		json.Unmarshal([]byte(file.Body), &doc) != nil || doc.Account.Name != "Mai Thị Xoá" {
		t.Fatalf("export: %d %q\n%.300s", file.Status, file.Header.Get("Content-Disposition"), file.Body)
	}
	if p := a.browser().get("/tai-khoan/du-lieu.json"); p.Status != http.StatusSeeOther {
		t.Fatalf("export signed out: %d", p.Status)
	}

	wrong := b.post("/tai-khoan/xoa", url.Values{"erase_password": {"không đúng đâu"}})
	if wrong.Status != http.StatusUnprocessableEntity || !strings.Contains(wrong.Body, "Mật khẩu không đúng") {
		t.Fatalf("wrong password: %d", wrong.Status)
	}
	done := b.post("/tai-khoan/xoa", url.Values{"erase_password": {accountPassword}})
	if done.Status != http.StatusSeeOther || done.Location != "/" {
		t.Fatalf("erase: %d %q", done.Status, done.Location)
	}
	if p := b.get("/tai-khoan"); p.Status != http.StatusSeeOther {
		t.Fatalf("still signed in: %d", p.Status)
	}
	var n int64
	a.DB.Model(&accounts.User{}).Where("phone = ?", "+84915000020").Count(&n)
	if n != 0 {
		t.Fatal("the account is still there")
	}
}
