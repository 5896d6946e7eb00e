package api_test

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/httpbody/httpbodytest"
	"github.com/ganh-market/ganh/media/mediatest"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/media"
)

func imagesPath(productID string) string { return "/api/v1/products/" + productID + "/images" }

// checkImage fails unless img has the API shape of a photo of w×h stored in
// the store: url is the large variant and each variant is at its key.
func checkImage(t *testing.T, img imageJSON, w, h int) {
	t.Helper()
	if img.ID == "" || img.URL != img.Variants.Large || img.Width != w || img.Height != h {
		t.Fatalf("image = %+v, want %d×%d with url = large", img, w, h)
	}
	for v, u := range map[string]string{"thumb": img.Variants.Thumb, "medium": img.Variants.Medium, "large": img.Variants.Large} {
		if !strings.Contains(u, "/img/") || !strings.HasSuffix(u, "/"+v+".webp") {
			t.Errorf("%s variant URL %q", v, u)
		}
	}
}

func TestProductPhotos(t *testing.T) {
	mediaEnv(t, func(t *testing.T, e *testEnv, store media.Store) {
		m := newMarket(t, e)
		photo := mediatest.Photo(t, 640, 480, 1)

		var img imageJSON
		e.Expect(201, uploadRequest(t, m.A, imagesPath(m.Active.ID), photo)).JSON(t, &img)
		checkImage(t, img, 640, 480)
		if !strings.HasPrefix(img.URL, testPublicURL+media.DiskURLPath+"img/") {
			t.Fatalf("url %q is not served by the API", img.URL)
		}
		if keys := storedKeys(t, store); len(keys) != 3 {
			t.Fatalf("stored %v, want the 3 variants", keys)
		}

		// The product page lists it.
		var page struct{ Images []imageJSON }
		e.Expect(200, request{Method: "GET", Path: "/api/v1/products/" + m.Active.Slug}).JSON(t, &page)
		if len(page.Images) != 1 || page.Images[0].ID != img.ID || page.Images[0].Variants != img.Variants {
			t.Fatalf("product images = %+v", page.Images)
		}

		t.Run("Served", func(t *testing.T) {
			e := e.With(t)
			u, err := url.Parse(img.Variants.Thumb)
			if err != nil {
				t.Fatal(err)
			}
			res := getFile(t, e, u.Path)
			if res.Status != 200 {
				t.Fatalf("GET %s = %d %s", u.Path, res.Status, res.Body)
			}
			if ct := res.Header.Get("Content-Type"); ct != "image/webp" {
				t.Errorf("Content-Type %q", ct)
			}
			if cc := res.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
				t.Errorf("Cache-Control %q", cc)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("no nosniff: %v", res.Header)
			}
			if !bytes.HasPrefix(res.Body, []byte("RIFF")) || string(res.Body[8:12]) != "WEBP" {
				t.Errorf("body is not a WebP: % x", res.Body[:min(16, len(res.Body))])
			}
			for _, path := range []string{
				"/media/../../etc/passwd",
				"/media/img/%2e%2e/x",
				"/media/img/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
				"/media/..%2f..%2f..%2fetc%2fpasswd",
				u.Path + "/../../../../../etc/passwd",
				"/media/img/" + strings.Repeat("0", 64) + "/thumb.webp", // a valid key with no file
				"/media/incoming/abc",
			} {
				res := getFile(t, e, path)
				if res.Status != 404 && res.Status != 400 {
					t.Errorf("GET %s = %d, want 404 or 400", path, res.Status)
				}
				if bytes.Contains(res.Body, []byte("root:")) {
					t.Errorf("GET %s served a file outside the store", path)
				}
			}
			if res := fileRequest(t, e, "DELETE", u.Path); res.Status == 200 || res.Status == 204 {
				t.Errorf("DELETE of a media file answered %d", res.Status)
			}
		})

		// The same photo on another product shares its files.
		var img2 imageJSON
		e.Expect(201, uploadRequest(t, m.A, imagesPath(m.Draft.ID), photo)).JSON(t, &img2)
		if img2.Variants != img.Variants {
			t.Fatalf("the same photo got other files: %+v vs %+v", img2.Variants, img.Variants)
		}
		e.Expect(204, request{Method: "DELETE", Path: imagesPath(m.Active.ID) + "/" + img.ID, Token: m.A})
		if keys := storedKeys(t, store); len(keys) != 3 {
			t.Fatalf("files of a photo another product shows were removed: %v", keys)
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/products/" + m.Active.Slug}).JSON(t, &page)
		if len(page.Images) != 0 {
			t.Fatalf("removed photo still listed: %+v", page.Images)
		}
		e.ExpectProblem(404, "not_found", request{Method: "DELETE", Path: imagesPath(m.Active.ID) + "/" + img.ID, Token: m.A})
		e.ExpectProblem(404, "not_found", request{Method: "DELETE", Path: imagesPath(m.Draft.ID) + "/" + img2.ID, Token: m.B})
		e.ExpectProblem(401, "unauthenticated", request{Method: "DELETE", Path: imagesPath(m.Draft.ID) + "/" + img2.ID})

		e.Expect(204, request{Method: "DELETE", Path: imagesPath(m.Draft.ID) + "/" + img2.ID, Token: m.Staff})
		if keys := storedKeys(t, store); len(keys) != 0 {
			t.Fatalf("files of a photo nothing shows were kept: %v", keys)
		}
		u, _ := url.Parse(img.Variants.Thumb)
		if res := getFile(t, e, u.Path); res.Status != 404 {
			t.Fatalf("removed file still served: %d", res.Status)
		}
	})
}

func TestProductPhotoRejects(t *testing.T) {
	mediaEnv(t, func(t *testing.T, e *testEnv, store media.Store) {
		m := newMarket(t, e)
		photo := mediatest.Photo(t, 320, 240, 2)
		var gifBuf bytes.Buffer
		pal := image.NewPaletted(image.Rect(0, 0, 8, 8), []color.Color{color.White, color.Black})
		if err := gif.Encode(&gifBuf, pal, nil); err != nil {
			t.Fatal(err)
		}
		jsonBody := request{Method: "POST", Path: imagesPath(m.Active.ID), Token: m.A, Body: map[string]string{"file": "x"}}
		noFile := func() request {
			var buf bytes.Buffer
			body, ct := httpbodytest.MultipartForm(t, nil, "photo", "anh.jpg", photo) // wrong field name
			buf.Write(body)
			return request{Method: "POST", Path: imagesPath(m.Active.ID), Token: m.A, Body: buf.Bytes(), RawType: ct}
		}()

		for _, tc := range []struct {
			name   string
			req    request
			status int
			code   string
		}{
			{"WrongType", uploadRequest(t, m.A, imagesPath(m.Active.ID), gifBuf.Bytes()), 415, "unsupported_media_type"},
			{"Text", uploadRequest(t, m.A, imagesPath(m.Active.ID), []byte("<svg onload=alert(1)>")), 415, "unsupported_media_type"},
			{"NotMultipart", jsonBody, 415, "unsupported_media_type"},
			{"NoFileField", noFile, 422, "validation_failed"},
			{"EmptyFile", uploadRequest(t, m.A, imagesPath(m.Active.ID), nil), 422, "validation_failed"},
			// Inside the body limit, one byte over the 20 MB a photo may have.
			{"FileOverPhotoLimit", uploadRequest(t, m.A, imagesPath(m.Active.ID), bigFile(media.MaxUploadBytes+1)), 413, "payload_too_large"},
			{"TooManyPixels", uploadRequest(t, m.A, imagesPath(m.Active.ID), mediatest.ForgedPNG(10000, 6000)), 422, "validation_failed"},
			{"Truncated", uploadRequest(t, m.A, imagesPath(m.Active.ID), photo[:len(photo)/2]), 422, "validation_failed"},
			{"OtherCoopSeller", uploadRequest(t, m.B, imagesPath(m.Active.ID), photo), 404, "not_found"},
			{"Shopper", uploadRequest(t, m.Shopper, imagesPath(m.Draft.ID), photo), 404, "not_found"},
			{"Anonymous", uploadRequest(t, "", imagesPath(m.Active.ID), photo), 401, "unauthenticated"},
			{"UnknownProduct", uploadRequest(t, m.A, imagesPath("no-such-product"), photo), 404, "not_found"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				e := e.With(t)
				p := e.ExpectProblem(tc.status, tc.code, tc.req)
				if tc.status == 422 && (len(p.Errors) == 0 || p.Errors[0].Field != "file") {
					t.Errorf("422 without a field error on file: %+v", p)
				}
				if keys := storedKeys(t, store); len(keys) != 0 {
					t.Errorf("objects left in the store: %v", keys)
				}
				var n int64
				if err := e.DB.Raw("SELECT COUNT(*) FROM product_images").Scan(&n).Error; err != nil || n != 0 {
					t.Errorf("%d product_images rows (%v)", n, err)
				}
			})
		}
	})
}

// TestProductPhotoRefusedAfterProcessing covers the catalog refusing a photo
// the pipeline has already stored (the 11th photo of a product): its files
// are removed, while those of the photos it kept stay.
func TestProductPhotoRefusedAfterProcessing(t *testing.T) {
	mediaEnv(t, func(t *testing.T, e *testEnv, store media.Store) {
		m := newMarket(t, e)
		kept := mediatest.Photo(t, 200, 150, 3)
		for range catalog.MaxImagesPerProduct {
			e.Expect(201, uploadRequest(t, m.A, imagesPath(m.Active.ID), kept))
		}
		before := storedKeys(t, store)
		p := e.ExpectProblem(422, "validation_failed", uploadRequest(t, m.A, imagesPath(m.Active.ID), mediatest.Photo(t, 200, 150, 4)))
		if len(p.Errors) != 1 || p.Errors[0].Field != "file" {
			t.Fatalf("problem %+v", p)
		}
		if after := storedKeys(t, store); strings.Join(after, ",") != strings.Join(before, ",") {
			t.Fatalf("store %v after the refused photo, want %v", after, before)
		}
		// A refused copy of a photo the product shows keeps its files.
		e.ExpectProblem(422, "validation_failed", uploadRequest(t, m.A, imagesPath(m.Active.ID), kept))
		if after := storedKeys(t, store); len(after) != 3 {
			t.Fatalf("store %v after a refused copy", after)
		}
	})
}

func TestCoopPhotos(t *testing.T) {
	mediaEnv(t, func(t *testing.T, e *testEnv, store media.Store) {
		m := newMarket(t, e)
		e.Expect(201, request{Method: "POST", Path: "/api/v1/coops/" + m.CoopA.ID + "/members", Token: m.A,
			Body: map[string]string{"phone": "0912000003", "role": "member"}})
		logoPath, bannerPath := "/api/v1/coops/"+m.CoopA.ID+"/logo", "/api/v1/coops/"+m.CoopA.ID+"/banner"
		first, second := mediatest.Photo(t, 300, 300, 5), mediatest.Photo(t, 1200, 400, 6)

		type coopImages struct {
			Logo, Banner *imageJSON
		}
		var c coopImages
		e.Expect(200, uploadRequest(t, m.A, logoPath, first)).JSON(t, &c)
		if c.Logo == nil || c.Banner != nil || !strings.HasSuffix(c.Logo.Variants.Thumb, "/thumb.webp") {
			t.Fatalf("after setting the logo: %+v", c)
		}
		firstThumb := c.Logo.Variants.Thumb

		e.ExpectProblem(403, "forbidden", uploadRequest(t, m.Shopper, logoPath, second)) // a member, not the owner
		e.ExpectProblem(404, "not_found", uploadRequest(t, m.B, logoPath, second))
		e.ExpectProblem(401, "unauthenticated", uploadRequest(t, "", logoPath, second))
		e.ExpectProblem(403, "forbidden", request{Method: "DELETE", Path: logoPath, Token: m.Shopper})
		if keys := storedKeys(t, store); len(keys) != 3 {
			t.Fatalf("refused uploads stored files: %v", keys)
		}

		// Staff set the banner to the logo's photo, then the owner replaces
		// the logo: the photo stays, the banner shows it.
		e.Expect(200, uploadRequest(t, m.Staff, bannerPath, first)).JSON(t, &c)
		if c.Banner == nil || c.Banner.Variants.Thumb != firstThumb {
			t.Fatalf("banner %+v", c.Banner)
		}
		e.Expect(200, uploadRequest(t, m.A, logoPath, second)).JSON(t, &c)
		if c.Logo == nil || c.Logo.Variants.Thumb == firstThumb {
			t.Fatalf("logo not replaced: %+v", c.Logo)
		}
		if keys := storedKeys(t, store); len(keys) != 6 {
			t.Fatalf("store %v, want both photos", keys)
		}

		// Clearing the banner removes the first photo; clearing the logo the second.
		e.Expect(200, request{Method: "DELETE", Path: bannerPath, Token: m.Staff}).JSON(t, &c)
		if c.Banner != nil || c.Logo == nil {
			t.Fatalf("after clearing the banner: %+v", c)
		}
		for _, k := range storedKeys(t, store) {
			if strings.HasSuffix(firstThumb, k) {
				t.Fatalf("first photo's %s kept after nothing shows it", k)
			}
		}
		var public struct{ Logo *imageJSON }
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + m.CoopA.Slug}).JSON(t, &public)
		if public.Logo == nil || public.Logo.Variants != c.Logo.Variants {
			t.Fatalf("public coop logo %+v", public.Logo)
		}
		e.Expect(200, request{Method: "DELETE", Path: logoPath, Token: m.A}).JSON(t, &c)
		if c.Logo != nil || len(storedKeys(t, store)) != 0 {
			t.Fatalf("after clearing the logo: %+v, store %v", c, storedKeys(t, store))
		}
		e.Expect(200, request{Method: "DELETE", Path: logoPath, Token: m.A}) // already clear
	})
}

func TestDirectUploadOnDisk(t *testing.T) {
	mediaEnv(t, func(t *testing.T, e *testEnv, store media.Store) {
		m := newMarket(t, e)
		uploads := imagesPath(m.Active.ID) + "/uploads"
		p := e.ExpectProblem(409, "direct_upload_unsupported", request{Method: "POST", Path: uploads, Token: m.A})
		if !strings.Contains(p.Detail, "/images") {
			t.Errorf("409 does not point to the plain upload: %q", p.Detail)
		}
		e.ExpectProblem(404, "not_found", request{Method: "POST", Path: uploads, Token: m.B})
		e.ExpectProblem(404, "not_found", request{Method: "POST", Path: uploads, Token: m.Shopper})
		e.ExpectProblem(401, "unauthenticated", request{Method: "POST", Path: uploads})
		e.ExpectProblem(404, "not_found", request{Method: "POST", Path: uploads + "/incoming%2F0123abcd/complete", Token: m.A})
		var n int64
		if err := e.DB.Raw("SELECT COUNT(*) FROM media_uploads").Scan(&n).Error; err != nil || n != 0 {
			t.Errorf("%d media_uploads rows (%v)", n, err)
		}
	})
}

// TestPhotosWithoutMedia: an instance without a media store refuses uploads
// with 503 instead of failing.
func TestPhotosWithoutMedia(t *testing.T) {
	catalogEnv(t, func(t *testing.T, e *testEnv) {
		m := newMarket(t, e)
		e.ExpectProblem(503, "service_unavailable", uploadRequest(t, m.A, imagesPath(m.Active.ID), mediatest.Photo(t, 64, 64, 7)))
		e.ExpectProblem(503, "service_unavailable", request{Method: "POST", Path: imagesPath(m.Active.ID) + "/uploads", Token: m.A})
		if res := getFile(t, e, "/media/img/"+strings.Repeat("0", 64)+"/thumb.webp"); res.Status != 404 {
			t.Fatalf("media path without a disk store = %d", res.Status)
		}
	})
}

// TestUploadOverBodyLimit sends a body over the app's 21 MiB limit to a real
// listener (app.Test reports the refusal as an error instead of returning
// the response): Fiber refuses it before any handler runs, and the error
// handler answers with the usual 413 problem.
func TestUploadOverBodyLimit(t *testing.T) {
	mediaEnv(t, func(t *testing.T, e *testEnv, store media.Store) {
		m := newMarket(t, e)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		go func() { _ = e.App.Listener(ln) }()
		t.Cleanup(func() { _ = e.App.Shutdown() })

		req := uploadRequest(t, m.A, imagesPath(m.Active.ID), bigFile(21<<20+1))
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
			req.Path, req.Token, req.RawType, len(req.Body.([]byte)))
		if _, err := conn.Write(append([]byte(head), req.Body.([]byte)[:64<<10]...)); err != nil {
			t.Fatal(err)
		}
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		hr, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer hr.Body.Close()
		body, _ := io.ReadAll(hr.Body)
		res := &response{Status: hr.StatusCode, Header: hr.Header, Body: body}
		e.validate(req, nil, res)
		if p := res.Problem(t); res.Status != 413 || p.Code != "payload_too_large" {
			t.Fatalf("%d %+v", res.Status, p)
		}
		if keys := storedKeys(t, store); len(keys) != 0 {
			t.Fatalf("objects stored: %v", keys)
		}
	})
}

// fileRequest sends a request for a served file through the app. Files are
// not part of the JSON API, so the answer is not checked against openapi.yaml.
func fileRequest(t *testing.T, e *testEnv, method, path string) *response {
	t.Helper()
	hr := httptest.NewRequest(method, path, nil)
	res, err := e.App.Test(hr, -1)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return &response{Status: res.StatusCode, Header: res.Header, Body: body}
}

func getFile(t *testing.T, e *testEnv, path string) *response { return fileRequest(t, e, "GET", path) }
