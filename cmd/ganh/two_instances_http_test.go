package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"net/http"
	"net/url"
	"testing"
)

// twoJPEG is a small photo big enough for the upload rules.
func twoJPEG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1200, 900))
	for y := 0; y < 900; y++ {
		for x := 0; x < 1200; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func twoCoopBody(name string) map[string]any {
	return map[string]any{
		"name": name, "kind": "hop_tac_xa", "description": "Chè Thái Nguyên.", "province": "ninh-binh",
		"commune": "Xã Kim Sơn", "address": "Thôn 3", "phone": "0912 000 111", "shipping_fee_vnd": 30000,
		"bank": map[string]string{"bin": "970436", "account_number": "0123456789", "account_name": "NGUYEN THI HOA"},
	}
}

func twoProductBody(name string, price, stock int) map[string]any {
	return map[string]any{"name": name, "description": "Ngon.", "category": "dac-san-kho", "unit": "gói", "status": "active",
		"variants": []map[string]any{{"name": "Gói 500 g", "price_vnd": price, "stock": stock}}}
}

func twoCheckout(variantID string, qty int) map[string]any {
	return map[string]any{
		"items":            []map[string]any{{"variant_id": variantID, "quantity": qty}},
		"buyer":            map[string]string{"name": "Phạm Thị Thu", "phone": "0987 654 321"},
		"shipping_address": map[string]string{"province": "ha-noi", "commune": "Phường Hoàn Kiếm", "street": "12 Hàng Bạc"},
		"payment_method":   "cod",
	}
}

type twoProduct struct {
	ID, Slug, Name string
	Images         []struct{ URL string }
	Variants       []struct {
		ID       string
		Stock    int
		PriceVND int64 `json:"price_vnd"`
	}
}

type twoResponse struct {
	status   int
	body     []byte
	location string
}

// twoCSRF is the pages' CSRF token of a signed-in session: an HMAC of its
// token, the same on every instance (web/csrf.go).
func twoCSRF(token string) string {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte("ganh web csrf v1"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (r twoResponse) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

func (in *instance) call(t *testing.T, method, path, token string, body any, header map[string]string) twoResponse {
	t.Helper()
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, in.base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return in.send(t, req, 0)
}

// send does req and, unless want is 0, fails on another status.
func (in *instance) send(t *testing.T, req *http.Request, want int) twoResponse {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s on %s: %v", req.Method, req.URL.Path, in.name, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if want != 0 && res.StatusCode != want {
		t.Fatalf("%s %s on %s: %d %s, want %d", req.Method, req.URL.Path, in.name, res.StatusCode, raw, want)
	}
	return twoResponse{status: res.StatusCode, body: raw, location: res.Header.Get("Location")}
}

// expectRaw sends a body already encoded, with its content type.
func (in *instance) expectRaw(t *testing.T, want int, method, path, token string, body []byte, contentType string) twoResponse {
	t.Helper()
	req, err := http.NewRequest(method, in.base+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "Bearer "+token)
	return in.send(t, req, want)
}

func (in *instance) expect(t *testing.T, want int, method, path, token string, body any, header map[string]string) twoResponse {
	t.Helper()
	r := in.call(t, method, path, token, body, header)
	if r.status != want {
		t.Fatalf("%s %s on %s: %d %s, want %d", method, path, in.name, r.status, r.body, want)
	}
	return r
}

func (in *instance) register(t *testing.T, phone, name string) string {
	t.Helper()
	var out struct{ Token string }
	in.expect(t, 201, "POST", "/api/v1/auth/register", "", map[string]string{"phone": phone, "password": twoPassword, "name": name}, nil).decode(t, &out)
	return out.Token
}

func (in *instance) login(t *testing.T, phone string) string {
	t.Helper()
	var out struct{ Token string }
	in.expect(t, 200, "POST", "/api/v1/auth/login", "", map[string]string{"phone": phone, "password": twoPassword}, nil).decode(t, &out)
	return out.Token
}

// product is the anonymous public read of a product.
func (in *instance) product(t *testing.T, slug string) twoProduct {
	t.Helper()
	var p twoProduct
	in.expect(t, 200, "GET", "/api/v1/products/"+slug, "", nil, nil).decode(t, &p)
	return p
}

// indexed is the set of product ids this instance's search finds in a coop.
func (in *instance) indexed(t *testing.T, coopSlug string) map[string]bool {
	t.Helper()
	var res struct {
		Hits []struct{ ID string }
	}
	in.expect(t, 200, "GET", "/api/v1/search?per_page=100&coop="+url.QueryEscape(coopSlug), "", nil, nil).decode(t, &res)
	ids := map[string]bool{}
	for _, h := range res.Hits {
		ids[h.ID] = true
	}
	return ids
}
