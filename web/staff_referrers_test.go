package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestStaffReferrersPage: staff add a chapter and one of its members from
// the page and see their codes; a mistake comes back with its field; the
// leaderboard page renders; a shopper cannot see either.
func TestStaffReferrersPage(t *testing.T) {
	a := newTestApp(t, true)
	staff := a.browser()
	staff.login(demoStaff)
	if p := staff.get("/quan-tri/gioi-thieu"); p.Status != http.StatusOK || !strings.Contains(p.Body, "Chưa có người giới thiệu nào.") {
		t.Fatalf("empty referrers page: %d", p.Status)
	}
	res := staff.post("/quan-tri/gioi-thieu", url.Values{"name": {"Chi hội Phụ nữ xã Yên Mô"}, "kind": {"chapter"}, "province": {"ninh-binh"}, "commune": {"Xã Yên Mô"}})
	if res.Status != http.StatusSeeOther || res.Location != "/quan-tri/gioi-thieu" {
		t.Fatalf("create chapter: %d %s", res.Status, res.Location)
	}
	list := staff.get("/quan-tri/gioi-thieu")
	m := regexp.MustCompile(`<strong>([2-9A-HJKMNP-Z]{6})</strong>`).FindStringSubmatch(list.Body)
	if m == nil || !strings.Contains(list.Body, "Chi hội Phụ nữ xã Yên Mô") || !strings.Contains(list.Body, "Đã tạo mã giới thiệu.") {
		t.Fatalf("the new chapter is not listed:\n%s", list.Body)
	}
	res = staff.post("/quan-tri/gioi-thieu", url.Values{"name": {"Hội viên Đỗ Thị Yến"}, "kind": {"member"}, "province": {"ninh-binh"}, "chapter_code": {strings.ToLower(m[1])}, "phone": {"0900 000 001"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("create member: %d\n%s", res.Status, res.Body)
	}
	if p := staff.post("/quan-tri/gioi-thieu", url.Values{"name": {"Hội viên"}, "kind": {"member"}, "province": {"ninh-binh"}, "phone": {"0900 999 999"}}); p.Status != http.StatusUnprocessableEntity || !strings.Contains(p.Body, `id="err-phone"`) {
		t.Fatalf("an unknown account: %d", p.Status)
	}
	if own, err := a.Referrers.OfUser(context.Background(), userID(t, a, demoShopper)); err != nil || own == nil || own.Name != "Hội viên Đỗ Thị Yến" {
		t.Fatalf("the member's account is not tied to her code: %+v %v", own, err)
	}
	bad := staff.post("/quan-tri/gioi-thieu", url.Values{"name": {"Hội viên"}, "kind": {"member"}, "province": {"ninh-binh"}, "chapter_code": {"ZZZZZZ"}})
	if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, `id="err-chapter_code"`) {
		t.Fatalf("an unknown chapter code: %d", bad.Status)
	}
	if p := staff.get("/quan-tri/gioi-thieu/bang-xep-hang?thang=2026-11"); p.Status != http.StatusOK || !strings.Contains(p.Body, "Bảng xếp hạng chi hội") {
		t.Fatalf("leaderboard: %d", p.Status)
	}
	if p := staff.get("/quan-tri/bao-cao?theo=nguoi-gioi-thieu"); p.Status != http.StatusOK || !strings.Contains(p.Body, `<caption id="bang-nguoi-gioi-thieu">Theo người giới thiệu</caption>`) {
		t.Errorf("the staff report by referrer: %d", p.Status)
	}
	if p := staff.get("/quan-tri/bao-cao.csv?theo=chi-hoi"); p.Status != http.StatusOK || !strings.HasPrefix(p.Body, "\uFEFFXã của chi hội,") {
		t.Errorf("the CSV by chapter commune: %d %.60q", p.Status, p.Body)
	}
	shopper := a.browser()
	shopper.login(demoShopper)
	for _, path := range []string{"/quan-tri/gioi-thieu", "/quan-tri/gioi-thieu/bang-xep-hang"} {
		if p := shopper.get(path); p.Status != http.StatusForbidden {
			t.Errorf("a shopper opens %s: %d", path, p.Status)
		}
	}
}

// userID is the id of the demo account with phone.
func userID(t *testing.T, a *testApp, phone string) string {
	t.Helper()
	var id string
	if err := a.DB.Table("users").Where("phone = ?", phone).Pluck("id", &id).Error; err != nil || id == "" {
		t.Fatalf("no account %s: %v", phone, err)
	}
	return id
}
