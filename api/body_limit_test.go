package api_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/httpbody/httpbodytest"
	"github.com/ganh-market/ganh/media"
	"gorm.io/gorm"
)

// serve runs the app on a loopback listener that counts what it reads.
func serve(t *testing.T, e *testEnv) (addr string, ln *httpbodytest.Listener) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln = httpbodytest.Wrap(l)
	go func() { _ = e.App.Listener(ln) }()
	t.Cleanup(func() { _ = e.App.Shutdown() })
	return l.Addr().String(), ln
}

// sendLargeUpload posts a multipart body of size bytes to path with
// sendBody.
func sendLargeUpload(t *testing.T, addr string, ln *httpbodytest.Listener, token, path string, size int) (*response, int64) {
	t.Helper()
	body, ct := multipartBody(t, "file", "anh.jpg", bigFile(size))
	return sendBody(t, addr, ln, token, path, ct, body)
}

// sendBody posts body to path with httpbodytest.SlowPost and returns the
// answer and how many bytes the server read meanwhile.
func sendBody(t *testing.T, addr string, ln *httpbodytest.Listener, token, path, contentType string, body []byte) (*response, int64) {
	t.Helper()
	before := ln.Read()
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n", path, addr, contentType, len(body))
	if token != "" {
		head += "Authorization: Bearer " + token + "\r\n"
	}
	hr, got := httpbodytest.SlowPost(t, addr, head+"\r\n", body)
	return &response{Status: hr.StatusCode, Header: hr.Header, Body: got}, ln.Read() - before
}

// TestPhotoRouteRefusesBeforeReadingTheBody: a 20 MB upload from someone
// who may not send it (no token, a shopper, the member of a coop not yet
// approved) is answered from its headers: the server reads little more than
// what was sent with them, and closes the connection.
func TestPhotoRouteRefusesBeforeReadingTheBody(t *testing.T) {
	mediaEnv(t, func(t *testing.T, e *testEnv, store media.Store) {
		m := newMarket(t, e)
		pending := e.SignUp("0912000088", "Chị Chờ Duyệt")
		var coop coopJSON
		e.Expect(201, request{Method: "POST", Path: "/api/v1/coops", Token: pending, Body: newCoopBody("HTX Chờ Duyệt")}).JSON(t, &coop)
		addr, ln := serve(t, e)
		for _, tc := range []struct {
			name, token, path string
			status            int
			code              string
		}{
			{"Anonymous", "", imagesPath(m.Active.ID), 401, "unauthenticated"},
			{"Shopper", m.Shopper, imagesPath(m.Active.ID), 404, "not_found"},
			{"OtherCoop", m.B, "/api/v1/coops/" + m.CoopA.ID + "/logo", 404, "not_found"},
			{"PendingCoop", pending, "/api/v1/coops/" + coop.ID + "/banner", 403, "forbidden"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res, read := sendLargeUpload(t, addr, ln, tc.token, tc.path, 20<<20)
				if p := res.Problem(t); res.Status != tc.status || p.Code != tc.code {
					t.Fatalf("%d %+v, want %d %s", res.Status, p, tc.status, tc.code)
				}
				if read > 1<<20 {
					t.Fatalf("the server read %d bytes of a refused 20 MB upload", read)
				}
				t.Logf("refused after reading %d KiB", read>>10)
			})
		}
		if keys := storedKeys(t, store); len(keys) != 0 {
			t.Fatalf("stored %v", keys)
		}
	})
}

// TestJSONRouteRefusesBodyOverItsLimit: a JSON body over the small limit is
// refused with 413 payload_too_large, unread when its length is declared,
// and as soon as it passes the limit when it comes chunked.
func TestJSONRouteRefusesBodyOverItsLimit(t *testing.T) {
	catalogEnv(t, func(t *testing.T, e *testEnv) {
		token := e.SignUp("0912000001", "Nguyễn Thị Hoa")
		big := `{"name":"` + strings.Repeat("a", 2<<20) + `"}`
		e.ExpectProblem(413, "payload_too_large", request{Method: "POST", Path: "/api/v1/coops", Token: token, Body: big})

		// Its declared length is enough: the body is not read.
		addr, ln := serve(t, e)
		res0, read := sendBody(t, addr, ln, token, "/api/v1/coops", "application/json", []byte(big))
		if p := res0.Problem(t); res0.Status != 413 || p.Code != "payload_too_large" {
			t.Fatalf("declared: %d %+v", res0.Status, p)
		}
		if read > 256<<10 {
			t.Fatalf("the server read %d bytes of a refused 2 MiB body", read)
		}

		req, _ := http.NewRequest("POST", "http://"+addr+"/api/v1/coops", io.MultiReader(strings.NewReader(big))) // no length: chunked
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		// Connection: close tells a keep-alive client not to send its next
		// request on a connection the server is about to close.
		if !res.Close {
			t.Fatal("the answer to a refused body does not say Connection: close")
		}
		out := &response{Status: res.StatusCode, Header: res.Header, Body: body}
		if p := out.Problem(t); out.Status != 413 || p.Code != "payload_too_large" {
			t.Fatalf("chunked: %d %+v", out.Status, p)
		}
		// Within the limit, chunked or not, the body reaches the handler.
		e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: "/api/v1/coops", Token: token, Body: `{"name":""}`})
		req, _ = http.NewRequest("POST", "http://"+addr+"/api/v1/coops", io.MultiReader(strings.NewReader(`{"name":""}`)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		if res, err = http.DefaultClient.Do(req); err != nil || res.StatusCode != 422 {
			t.Fatalf("a small chunked body: %v %v", res, err)
		}
		res.Body.Close()
	})
}

// TestSellerUploadsA15MBPhoto: a member of an approved coop still sends a
// 15 MB photo through the API, over a real connection.
func TestSellerUploadsA15MBPhoto(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		store, err := media.NewDiskStore(filepath.Join(t.TempDir(), "media"), testPublicURL)
		if err != nil {
			t.Fatal(err)
		}
		// Decoding 15 MB of noise takes long under the race detector.
		e := newEnv(t, db, withMedia(db, store), func(d *api.Deps) { d.Config.RequestTimeout = 3 * time.Minute })
		m := newMarket(t, e)
		photo := noisePNG(t, 2300, 2300)
		if len(photo) < 15<<20 {
			t.Fatalf("the photo is only %d bytes", len(photo))
		}
		addr, _ := serve(t, e)
		body, ct := multipartBody(t, "file", "anh.png", photo)
		req, _ := http.NewRequest("POST", "http://"+addr+imagesPath(m.Active.ID), bytes.NewReader(body))
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", "Bearer "+m.A)
		hr, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(hr.Body)
		hr.Body.Close()
		if hr.StatusCode != 201 {
			t.Fatalf("%d %s", hr.StatusCode, got)
		}
		if keys := storedKeys(t, store); len(keys) != 3 {
			t.Fatalf("stored %v", keys)
		}
	})
}

// noisePNG is a w×h PNG of random pixels, which barely compresses.
func noisePNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = byte(r.Uint32())
	}
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i] = 255
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.NoCompression}).Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
