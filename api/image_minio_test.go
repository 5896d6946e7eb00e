package api_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/httpbody/httpbodytest"
	"github.com/ganh-market/ganh/media/mediatest"

	"github.com/ganh-market/ganh/media"
)

// directUploadJSON is the answer of POST /products/{id}/images/uploads.
type directUploadJSON struct {
	Method      string            `json:"method"`
	URL         string            `json:"url"`
	Fields      map[string]string `json:"fields"`
	Key         string            `json:"key"`
	ExpiresAt   time.Time         `json:"expires_at"`
	CompleteURL string            `json:"complete_url"`
}

// sendToStore does what a browser does with a direct upload: a
// multipart/form-data POST of the fields, with Content-Type set to the
// file's type unless contentType is empty, and the file last, straight to
// the object store.
func sendToStore(t *testing.T, up directUploadJSON, contentType string, file []byte) (int, string) {
	t.Helper()
	fields := map[string]string{}
	for k, v := range up.Fields {
		fields[k] = v
	}
	if contentType != "" {
		fields["Content-Type"] = contentType
	}
	form, formType := httpbodytest.MultipartForm(t, fields, "file", "anh.jpg", file)
	req, err := http.NewRequest(up.Method, up.URL, bytes.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", formType)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// fetch GETs a public URL of the store.
func fetch(t *testing.T, u string) (*http.Response, []byte) {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

func countRows(t *testing.T, e *testEnv, table string) int64 {
	t.Helper()
	var n int64
	if err := e.DB.Raw("SELECT COUNT(*) FROM " + table).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestProductPhotosOnMinIO(t *testing.T) {
	minioEnv(t, func(t *testing.T, e *testEnv, store media.Store) {
		m := newMarket(t, e)
		ctx := context.Background()

		t.Run("Upload", func(t *testing.T) {
			e := e.With(t)
			var img imageJSON
			e.Expect(201, uploadRequest(t, m.A, imagesPath(m.Active.ID), mediatest.Photo(t, 640, 480, 11))).JSON(t, &img)
			checkImage(t, img, 640, 480)
			res, body := fetch(t, img.Variants.Thumb)
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/webp" ||
				res.Header.Get("Cache-Control") != media.CacheControl || !bytes.HasPrefix(body, []byte("RIFF")) {
				t.Fatalf("GET %s: %d %v", img.Variants.Thumb, res.StatusCode, res.Header)
			}
			e.Expect(204, request{Method: "DELETE", Path: imagesPath(m.Active.ID) + "/" + img.ID, Token: m.A})
			if keys := storedKeys(t, store); len(keys) != 0 {
				t.Fatalf("files left after removing the only use: %v", keys)
			}
			if res, _ := fetch(t, img.Variants.Thumb); res.StatusCode == 200 {
				t.Fatal("a removed photo is still served")
			}
		})

		t.Run("DirectUpload", func(t *testing.T) {
			e := e.With(t)
			uploads := imagesPath(m.Active.ID) + "/uploads"
			e.ExpectProblem(404, "not_found", request{Method: "POST", Path: uploads, Token: m.B})
			e.ExpectProblem(401, "unauthenticated", request{Method: "POST", Path: uploads})

			var up directUploadJSON
			e.Expect(201, request{Method: "POST", Path: uploads, Token: m.A}).JSON(t, &up)
			if up.Method != "POST" || !strings.HasPrefix(up.Key, "incoming/") || up.Fields["key"] != up.Key ||
				time.Until(up.ExpiresAt) < 14*time.Minute || time.Until(up.ExpiresAt) > 16*time.Minute {
				t.Fatalf("direct upload %+v", up)
			}
			complete := uploads + "/" + url.PathEscape(up.Key) + "/complete"
			if up.CompleteURL != uploads+"/"+strings.TrimPrefix(up.Key, "incoming/")+"/complete" {
				t.Fatalf("complete_url %q", up.CompleteURL)
			}

			// Completing before the file arrived is not found, and may be retried.
			e.ExpectProblem(404, "not_found", request{Method: "POST", Path: complete, Token: m.A})

			photo := mediatest.Photo(t, 480, 640, 12)
			if status, body := sendToStore(t, up, "image/jpeg", photo); status/100 != 2 {
				t.Fatalf("POST to the store: %d %s", status, body)
			}
			// Only the member it was issued to, for that product.
			e.ExpectProblem(404, "not_found", request{Method: "POST", Path: complete, Token: m.B})
			e.ExpectProblem(404, "not_found", request{Method: "POST", Path: complete, Token: m.Staff})
			e.ExpectProblem(404, "not_found", request{Method: "POST", Path: imagesPath(m.Draft.ID) + "/uploads/" + url.PathEscape(up.Key) + "/complete", Token: m.A})
			if ok, err := media.Exists(ctx, store, up.Key); !ok || err != nil {
				t.Fatalf("refused completions touched the upload: %v %v", ok, err)
			}

			var img imageJSON
			e.Expect(201, request{Method: "POST", Path: complete, Token: m.A}).JSON(t, &img)
			checkImage(t, img, 480, 640)
			if ok, err := media.Exists(ctx, store, up.Key); ok || err != nil {
				t.Fatalf("the upload was kept after processing: %v %v", ok, err)
			}
			if n := countRows(t, e, "media_uploads"); n != 0 {
				t.Fatalf("%d media_uploads rows left", n)
			}
			e.ExpectProblem(404, "not_found", request{Method: "POST", Path: complete, Token: m.A})
			if res, _ := fetch(t, img.Variants.Large); res.StatusCode != 200 {
				t.Fatalf("GET %s: %d", img.Variants.Large, res.StatusCode)
			}
			var page struct{ Images []imageJSON }
			e.Expect(200, request{Method: "GET", Path: "/api/v1/products/" + m.Active.Slug}).JSON(t, &page)
			if len(page.Images) != 1 || page.Images[0].ID != img.ID {
				t.Fatalf("product images %+v", page.Images)
			}
			e.Expect(204, request{Method: "DELETE", Path: imagesPath(m.Active.ID) + "/" + img.ID, Token: m.A})
		})

		t.Run("DirectUploadOfABadFile", func(t *testing.T) {
			e := e.With(t)
			var up directUploadJSON
			e.Expect(201, request{Method: "POST", Path: imagesPath(m.Active.ID) + "/uploads", Token: m.Staff}).JSON(t, &up)
			// The store takes any bytes labelled image/… (here the fields as
			// given, Content-Type "image/"); the API checks them.
			if status, body := sendToStore(t, up, "", []byte("<html>not a photo</html>")); status/100 != 2 {
				t.Fatalf("POST to the store: %d %s", status, body)
			}
			e.ExpectProblem(415, "unsupported_media_type", request{Method: "POST", Path: up.CompleteURL, Token: m.Staff})
			if keys := storedKeys(t, store); len(keys) != 0 {
				t.Fatalf("objects left: %v", keys)
			}
			if n := countRows(t, e, "media_uploads") + countRows(t, e, "product_images"); n != 0 {
				t.Fatalf("%d rows left", n)
			}
			e.ExpectProblem(404, "not_found", request{Method: "POST", Path: up.CompleteURL, Token: m.Staff})
		})

		t.Run("StoreRefusesOutsidePolicy", func(t *testing.T) {
			e := e.With(t)
			var up directUploadJSON
			e.Expect(201, request{Method: "POST", Path: imagesPath(m.Active.ID) + "/uploads", Token: m.A}).JSON(t, &up)
			if status, _ := sendToStore(t, up, "text/html", []byte("<script>")); status/100 == 2 {
				t.Fatal("the store took a text/html upload")
			}
			e.ExpectProblem(404, "not_found", request{Method: "POST", Path: up.CompleteURL, Token: m.A})
		})
	})
}
