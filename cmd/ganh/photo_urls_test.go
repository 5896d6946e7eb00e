package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/httpbody/httpbodytest"
	"github.com/ganh-market/ganh/media/mediatest"
)

// TestServeLinksPhotosOnItsAddress runs `ganh serve` on a random port and
// adds a photographed product through the API: with GANH_PUBLIC_URL unset
// the photo's URLs are on that host:port (and load); with it set, on it.
func TestServeLinksPhotosOnItsAddress(t *testing.T) {
	for _, tc := range []struct{ name, publicURL string }{{"Unset", ""}, {"Set", "https://cho.example.vn"}} {
		t.Run(tc.name, func(t *testing.T) {
			addr := freeAddr(t)
			base := "http://" + addr
			getenv := testEnv(t, map[string]string{"GANH_ADDR": addr, "GANH_PUBLIC_URL": tc.publicURL})
			var out bytes.Buffer
			if err := run(context.Background(), []string{"admin", "create-user", "--phone", "0912000009", "--password", "-",
				"--name", "Cán bộ Hội", "--role", "staff"}, getenv, strings.NewReader("mật khẩu cán bộ Hội\n"), &out, &out); err != nil {
				t.Fatalf("create staff: %v\n%s", err, out.String())
			}
			ctx, stop := context.WithCancel(context.Background())
			errc := make(chan error, 1)
			var logs lockedBuffer
			go func() { errc <- run(ctx, []string{"serve"}, getenv, strings.NewReader(""), &logs, &logs) }()
			t.Cleanup(func() {
				stop()
				select {
				case <-errc:
				case <-time.After(30 * time.Second):
					t.Error("serve did not stop")
				}
			})
			waitHealthy(t, base)

			c := &apiClient{t: t, base: base}
			seller := c.token(c.call("POST", "/api/v1/auth/register", "", map[string]any{"phone": "0912000001", "password": "mật khẩu an toàn", "name": "Chị Hoa"}, 201))
			staff := c.token(c.call("POST", "/api/v1/auth/login", "", map[string]any{"phone": "0912000009", "password": "mật khẩu cán bộ Hội"}, 200))
			coop := c.call("POST", "/api/v1/coops", seller, map[string]any{"name": "HTX Cói Kim Sơn", "kind": "hop_tac_xa", "province": "ninh-binh",
				"commune": "Xã Kim Sơn", "address": "Thôn 3", "phone": "0912000111", "shipping_fee_vnd": 30000}, 201)
			c.call("POST", "/api/v1/admin/coops/"+coop["id"].(string)+"/approve", staff, nil, 200)
			p := c.call("POST", "/api/v1/coops/"+coop["id"].(string)+"/products", seller, map[string]any{"name": "Chiếu cói", "description": "Dệt tay.",
				"category": "dac-san-kho", "unit": "chiếc", "status": "active", "variants": []map[string]any{{"name": "Đôi", "price_vnd": 250000, "stock": 3}}}, 201)
			c.upload("/api/v1/products/"+p["id"].(string)+"/images", seller, mediatest.Photo(t, 320, 240, 91))

			var got struct {
				Images []struct{ Variants struct{ Thumb string } }
			}
			raw, _ := json.Marshal(c.call("GET", "/api/v1/products/"+p["slug"].(string), "", nil, 200))
			_ = json.Unmarshal(raw, &got)
			want := base
			if tc.publicURL != "" {
				want = tc.publicURL
			}
			if len(got.Images) != 1 || !strings.HasPrefix(got.Images[0].Variants.Thumb, want+"/media/img/") {
				t.Fatalf("photo URLs %+v, want them on %s", got.Images, want)
			}
			if tc.publicURL == "" {
				if res, err := http.Get(got.Images[0].Variants.Thumb); err != nil || res.StatusCode != 200 {
					t.Fatalf("GET %s: %v %v", got.Images[0].Variants.Thumb, res, err)
				} else {
					res.Body.Close()
				}
			}
		})
	}
}

// apiClient calls a served API.
type apiClient struct {
	t    *testing.T
	base string
}

func (c *apiClient) call(method, path, token string, body any, want int) map[string]any {
	c.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.base+path, r)
	req.Header.Set("Content-Type", "application/json")
	return c.do(req, token, want)
}

func (c *apiClient) upload(path, token string, photo []byte) {
	c.t.Helper()
	body, contentType := httpbodytest.MultipartForm(c.t, nil, "file", "anh.jpg", photo)
	req, _ := http.NewRequest("POST", c.base+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	c.do(req, token, 201)
}

func (c *apiClient) do(req *http.Request, token string, want int) map[string]any {
	c.t.Helper()
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		c.t.Fatalf("%s %s = %d, want %d: %s", req.Method, req.URL.Path, res.StatusCode, want, b)
	}
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return out
}

func (c *apiClient) token(m map[string]any) string {
	c.t.Helper()
	tok, _ := m["token"].(string)
	if tok == "" {
		c.t.Fatalf("no token in %v", m)
	}
	return tok
}
