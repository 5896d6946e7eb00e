package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/media/mediatest"
)

// tus sends one tus request to /tai-anh/ as upload.js does: with the
// browser's cookies and csrf in X-CSRF-Token ("" leaves it out).
func (b *browser) tus(method, path, csrf string, body []byte, hdr ...string) page {
	b.t.Helper()
	req, _ := http.NewRequest(method, b.app.URL+path, bytes.NewReader(body))
	req.Header.Set("Tus-Resumable", "1.0.0")
	if csrf != "" {
		req.Header.Set("X-CSRF-Token", csrf)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return b.do(req)
}

// tusMeta is an Upload-Metadata header naming the coop and the product.
func tusMeta(coop, product string) string {
	m := "coop " + base64.StdEncoding.EncodeToString([]byte(coop))
	if product != "" {
		m += ",product " + base64.StdEncoding.EncodeToString([]byte(product))
	}
	return m
}

// wantProblem checks a refusal's status and that it is problem+json with
// a code.
func wantProblem(t *testing.T, p page, status int) {
	t.Helper()
	if p.Status != status {
		t.Fatalf("status %d, want %d\n%.300s", p.Status, status, p.Body)
	}
	var prob struct{ Code string }
	if p.Body == "" && strings.HasPrefix(p.Header.Get("Content-Type"), "application/problem+json") {
		return // an answer to HEAD has no body
	}
	if !strings.HasPrefix(p.Header.Get("Content-Type"), "application/problem+json") || json.Unmarshal([]byte(p.Body), &prob) != nil || prob.Code == "" {
		t.Fatalf("not problem+json: %s %q", p.Header.Get("Content-Type"), p.Body)
	}
}

// TestResumableUploadRules: /tai-anh/ takes uploads only from a signed-in
// seller with her CSRF token, for her own approved coop or its products,
// at most 20 MB, and of an image; only she may resume or read hers. A
// finished upload named by the form becomes the product's photo through
// the photo pipeline, once.
func TestResumableUploadRules(t *testing.T) {
	a := newTestApp(t, true)
	const coop = "hop-tac-xa-com-chay-hoa-lu"
	seller := a.browser()
	seller.login(demoSeller)
	csrf := seller.csrf()
	mine := productOf(t, a, coop)
	theirs := productOf(t, a, "hop-tac-xa-de-nui-trang-an")
	pending, pcoop, _ := pendingSeller(t, a)
	photo := mediatest.Photo(t, 800, 600, 3)
	size := strconv.Itoa(len(photo))
	create := func(b *browser, csrf, meta, length string) page {
		return b.tus(http.MethodPost, "/tai-anh/", csrf, nil, "Upload-Length", length, "Upload-Metadata", meta)
	}

	t.Run("Refused", func(t *testing.T) {
		wantProblem(t, create(a.browser(), "x", tusMeta(coop, ""), size), http.StatusUnauthorized)
		wantProblem(t, create(seller, "", tusMeta(coop, ""), size), http.StatusForbidden)
		wantProblem(t, create(seller, "not-the-token", tusMeta(coop, ""), size), http.StatusForbidden)
		wantProblem(t, create(seller, csrf, tusMeta("hop-tac-xa-de-nui-trang-an", ""), size), http.StatusNotFound)
		wantProblem(t, create(seller, csrf, tusMeta(coop, theirs.ID), size), http.StatusNotFound)
		wantProblem(t, create(pending, pending.csrf(), tusMeta(pcoop.Slug, ""), size), http.StatusForbidden)
		wantProblem(t, create(seller, csrf, tusMeta(coop, ""), strconv.Itoa(20<<20+1)), http.StatusRequestEntityTooLarge)
		wantProblem(t, create(seller, csrf, tusMeta(coop, ""), ""), http.StatusBadRequest)
		// The first piece may not come with the creation (it would skip the sniffing).
		wantProblem(t, seller.tus(http.MethodPost, "/tai-anh/", csrf, []byte("%PDF-1.7"), "Upload-Length", "8",
			"Upload-Metadata", tusMeta(coop, ""), "Content-Type", "application/offset+octet-stream"), http.StatusBadRequest)
	})

	t.Run("NotAnImage", func(t *testing.T) {
		p := create(seller, csrf, tusMeta(coop, ""), "4096")
		if p.Status != http.StatusCreated {
			t.Fatalf("create: %d %s", p.Status, p.Body)
		}
		wantProblem(t, seller.tus(http.MethodPatch, p.Location, csrf, bytes.Repeat([]byte("%PDF-1.7 "), 456)[:4096],
			"Upload-Offset", "0", "Content-Type", "application/offset+octet-stream"), http.StatusUnsupportedMediaType)
		wantProblem(t, seller.tus(http.MethodHead, p.Location, csrf, nil), http.StatusNotFound) // removed at once
	})

	var loc string
	t.Run("ResumedByItsOwnerOnly", func(t *testing.T) {
		p := create(seller, csrf, tusMeta(coop, mine.ID), size)
		if p.Status != http.StatusCreated || !strings.HasPrefix(p.Location, "/tai-anh/") {
			t.Fatalf("create: %d, Location %q", p.Status, p.Location)
		}
		loc = p.Location
		half := len(photo) / 2
		if p := seller.tus(http.MethodPatch, loc, csrf, photo[:half], "Upload-Offset", "0", "Content-Type", "application/offset+octet-stream"); p.Status != http.StatusNoContent {
			t.Fatalf("first half: %d %s", p.Status, p.Body)
		}
		other := a.browser()
		other.login(demoShopper)
		wantProblem(t, other.tus(http.MethodHead, loc, other.csrf(), nil), http.StatusNotFound)
		wantProblem(t, other.tus(http.MethodPatch, loc, other.csrf(), photo[half:], "Upload-Offset", strconv.Itoa(half),
			"Content-Type", "application/offset+octet-stream"), http.StatusNotFound)
		h := seller.tus(http.MethodHead, loc, csrf, nil)
		if h.Status != http.StatusOK || h.Header.Get("Upload-Offset") != strconv.Itoa(half) {
			t.Fatalf("HEAD: %d, offset %q", h.Status, h.Header.Get("Upload-Offset"))
		}
		if p := seller.tus(http.MethodPatch, loc, csrf, photo[half:], "Upload-Offset", strconv.Itoa(half), "Content-Type", "application/offset+octet-stream"); p.Status != http.StatusNoContent {
			t.Fatalf("second half: %d %s", p.Status, p.Body)
		}
	})

	t.Run("AttachedByTheForm", func(t *testing.T) {
		id := loc[strings.LastIndex(loc, "/")+1:]
		before := len(mine.Images)
		body, ct := multipartFields(t, map[string]string{"_csrf": csrf, "upload": id})
		p, _ := seller.postRaw("/ban-hang/"+coop+"/san-pham/"+mine.ID+"/anh", body, ct)
		if p.Status != http.StatusSeeOther {
			t.Fatalf("attach: %d\n%.600s", p.Status, p.Body)
		}
		after, err := a.Catalog.ProductByID(context.Background(), kernel.Anonymous, mine.ID)
		if err != nil || len(after.Images) != before+1 || a.Images.Decodes() != 1 {
			t.Fatalf("after attaching: %d photos (had %d), %d decodes, %v", len(after.Images), before, a.Images.Decodes(), err)
		}
		if _, err := a.Uploads.Info(context.Background(), id); err == nil {
			t.Error("the attached upload is still kept")
		}
		p, _ = seller.postRaw("/ban-hang/"+coop+"/san-pham/"+mine.ID+"/anh", body, ct)
		if p.Status != http.StatusUnprocessableEntity {
			t.Fatalf("attaching it again: %d", p.Status)
		}
	})
}

// multipartFields is a multipart form of fields only (no file chosen, as
// upload.js leaves the file field out once the photo has gone ahead).
func multipartFields(t *testing.T, fields map[string]string) ([]byte, string) {
	t.Helper()
	vals := url.Values{}
	for k, v := range fields {
		vals.Set(k, v)
	}
	var buf bytes.Buffer
	ct := "multipart/form-data; boundary=gnhbnd"
	for k := range vals {
		buf.WriteString("--gnhbnd\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + vals.Get(k) + "\r\n")
	}
	buf.WriteString("--gnhbnd--\r\n")
	return buf.Bytes(), ct
}
