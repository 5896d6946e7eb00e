package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
)

// TestPhotoRemovalAsksFirst: "Xoá ảnh" opens a confirmation (a second
// button, no script needed); a removal that did not come through it keeps
// the photo and asks; the confirmed one removes it.
func TestPhotoRemovalAsksFirst(t *testing.T) {
	a := newTestApp(t, true)
	ctx := context.Background()
	s, err := a.Accounts.Login(ctx, demoSeller, "ganh-demo-2025", "")
	if err != nil {
		t.Fatal(err)
	}
	p := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	img, err := a.Catalog.AddProductImage(ctx, accounts.CallerOf(s.User), p.ID, catalog.NewImage{Hash: strings.Repeat("ab", 32), Width: 800, Height: 600})
	if err != nil {
		t.Fatal(err)
	}
	seller := a.browser()
	seller.login(demoSeller)
	edit := "/ban-hang/hop-tac-xa-com-chay-hoa-lu/san-pham/" + p.ID
	action := edit + "/anh/" + img.ID + "/xoa"
	page := seller.get(edit)
	i := strings.Index(page.Body, `action="`+action+`"`)
	if i < 0 {
		t.Fatal("no removal form on the edit page")
	}
	before := page.Body[:i]
	if open := strings.LastIndex(before, "<details"); open < 0 || open < strings.LastIndex(before, "</details>") || !strings.Contains(before[open:], "<summary>Xoá ảnh</summary>") {
		t.Errorf("the removal button is not behind a “Xoá ảnh” confirmation")
	}
	confirm := formFields(page.Body, action)
	if confirm.Get("xac-nhan") != "1" {
		t.Errorf("the confirmation form does not say it confirms: %v", confirm)
	}

	r := seller.post(action, url.Values{})
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Xoá ảnh này khỏi sản phẩm?") {
		t.Errorf("an unconfirmed removal: %d", r.Status)
	}
	if got, _ := a.Catalog.ProductByID(ctx, accounts.CallerOf(s.User), p.ID); len(got.Images) != len(p.Images)+1 {
		t.Fatalf("an unconfirmed removal took the photo away")
	}
	if r := seller.post(action, confirm); r.Status != http.StatusSeeOther {
		t.Fatalf("the confirmed removal: %d", r.Status)
	}
	if got, _ := a.Catalog.ProductByID(ctx, accounts.CallerOf(s.User), p.ID); len(got.Images) != len(p.Images) {
		t.Fatalf("the confirmed removal kept the photo")
	}
}
