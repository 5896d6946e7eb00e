package web_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpbody/httpbodytest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/media/mediatest"
)

// photoForm is a seller's photo form as a browser sends it: the CSRF token
// and the other fields first, the file last.
func photoForm(t *testing.T, csrf string, fields map[string]string, file []byte) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("_csrf", csrf)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("file", "anh.jpg")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(file)
	_ = mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

// postRaw sends a form with the browser's cookies through
// httpbodytest.SlowPost, and returns the answer and how many bytes the
// server read meanwhile.
func (b *browser) postRaw(path string, body []byte, contentType string) (page, int64) {
	b.t.Helper()
	u, _ := url.Parse(b.app.URL + path)
	var cookies []string
	for _, c := range b.http.Jar.Cookies(u) {
		cookies = append(cookies, c.Name+"="+c.Value)
	}
	before := b.app.Read.Read()
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nCookie: %s\r\n\r\n",
		path, u.Host, contentType, len(body), strings.Join(cookies, "; "))
	res, got := httpbodytest.SlowPost(b.t, u.Host, head, body)
	return page{Status: res.StatusCode, Body: string(got), Location: res.Header.Get("Location"), Header: res.Header}, b.app.Read.Read() - before
}

// pendingSeller makes an account whose coop is still pending, with a
// product, and signs it in.
func pendingSeller(t *testing.T, a *testApp) (*browser, *catalog.Coop, *catalog.Product) {
	t.Helper()
	ctx := context.Background()
	const phone = "0912000055"
	u, err := a.Accounts.CreateUser(ctx, accounts.RegisterInput{Phone: phone, Password: "ganh-demo-2025", Name: "Chị Chờ"}, kernel.RoleSeller)
	if err != nil {
		t.Fatal(err)
	}
	act := accounts.CallerOf(u)
	co, err := a.Catalog.ApplyForCoop(ctx, act, catalog.CoopInput{Name: "HTX Chờ Duyệt", Kind: catalog.KindHopTacXa, Province: "ninh-binh",
		Commune: "Xã Kim Sơn", Address: "Thôn 1", Phone: phone, ShippingFeeVND: 30000})
	if err != nil {
		t.Fatal(err)
	}
	p, err := a.Catalog.CreateProduct(ctx, act, co.ID, catalog.ProductInput{Name: "Nón lá", Description: "Làm tay.", Category: "dac-san-kho",
		Unit: "chiếc", Variants: []catalog.VariantInput{{Name: "Chiếc", PriceVND: 90000, Stock: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	b := a.browser()
	b.login(phone)
	return b, co, p
}

// TestSellerPhotoFormRefusedBeforeItsFileIsRead: a 20 MB photo form from a
// visitor who is signed out, without the session's CSRF token, for another
// coop's product, or for a coop not yet approved is answered from its
// headers and first fields: the server reads little of it and decodes
// nothing.
func TestSellerPhotoFormRefusedBeforeItsFileIsRead(t *testing.T) {
	a := newTestApp(t, true)
	seller := a.browser()
	seller.login(demoSeller)
	mine := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	theirs := productOf(t, a, "hop-tac-xa-de-nui-trang-an")
	pending, pcoop, pprod := pendingSeller(t, a)
	big := bytes.Repeat([]byte{0xFF, 0xD8, 0xFF, 0xE0}, 5<<20)

	for _, tc := range []struct {
		name   string
		b      *browser
		csrf   string
		path   string
		status int
	}{
		{"SignedOut", a.browser(), "x", "/ban-hang/hop-tac-xa-com-chay-hoa-lu/san-pham/" + mine.ID + "/anh", http.StatusSeeOther},
		{"WrongToken", seller, "not-the-token", "/ban-hang/hop-tac-xa-com-chay-hoa-lu/san-pham/" + mine.ID + "/anh", http.StatusForbidden},
		{"OtherCoop", seller, "", "/ban-hang/hop-tac-xa-com-chay-hoa-lu/san-pham/" + theirs.ID + "/anh", http.StatusNotFound},
		{"PendingCoop", pending, "", "/ban-hang/" + pcoop.Slug + "/san-pham/" + pprod.ID + "/anh", http.StatusForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			csrf := tc.csrf
			if csrf == "" {
				csrf = tc.b.csrf()
			}
			body, ct := photoForm(t, csrf, nil, big)
			p, read := tc.b.postRaw(tc.path, body, ct)
			if p.Status != tc.status {
				t.Fatalf("status %d, want %d\n%.300s", p.Status, tc.status, p.Body)
			}
			if read > 1<<20 {
				t.Fatalf("the server read %d bytes of a refused 20 MB form", read)
			}
		})
	}
	if n := a.Images.Decodes(); n != 0 {
		t.Fatalf("%d photos decoded", n)
	}
}

// TestSellerAddsPhotoThroughTheForm: the seller's photo form still works,
// streamed: the photo is decoded once and shown on the product.
func TestSellerAddsPhotoThroughTheForm(t *testing.T) {
	a := newTestApp(t, true)
	b := a.browser()
	b.login(demoSeller)
	mine := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	before := len(mine.Images)
	body, ct := photoForm(t, b.csrf(), nil, mediatest.Photo(t, 800, 600, 9))
	p, _ := b.postRaw("/ban-hang/hop-tac-xa-com-chay-hoa-lu/san-pham/"+mine.ID+"/anh", body, ct)
	if p.Status != http.StatusSeeOther {
		t.Fatalf("status %d\n%.500s", p.Status, p.Body)
	}
	after, err := a.Catalog.ProductByID(context.Background(), kernel.Anonymous, mine.ID)
	if err != nil || len(after.Images) != before+1 || a.Images.Decodes() != 1 {
		t.Fatalf("after the upload: %d photos (had %d), %d decodes, %v", len(after.Images), before, a.Images.Decodes(), err)
	}
	// Search results keep the thumbnail's key; the page shows its URL.
	a.syncIndex()
	thumb := after.Images[0].Variants.Thumb
	if !strings.HasPrefix(thumb, a.URL+"/media/img/") {
		t.Fatalf("thumbnail URL %s", thumb)
	}
	if p := b.get("/tim-kiem?q=" + url.QueryEscape(mine.Name)); !strings.Contains(p.Body, `src="`+thumb+`"`) {
		t.Fatalf("the search page does not show %s", thumb)
	}
}
