package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/httpbody"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/resumable"
	"github.com/gofiber/fiber/v2"
)

// pathUploads is where the product form's script sends photos in the
// background (tus): POST creates an upload, HEAD tells how much arrived,
// PATCH adds a piece. tusd answers once these checks have passed.
const pathUploads = "/tai-anh/"

// UploadsPath is where the resumable uploads are mounted: the base path of
// the resumable.Store given as Deps.Uploads.
const UploadsPath = pathUploads

// uploadRoutes mounts the resumable photo uploads when the instance keeps
// them (Deps.Uploads); without, the form's script falls back to the plain
// form. A piece's body is streamed (httpbody.PhotoRoute): it may be large,
// and what arrives before a dropped connection is kept.
func (w *Web) uploadRoutes(app *fiber.App) {
	if w.d.Uploads == nil {
		return
	}
	app.Post(pathUploads, w.uploadDoor(w.uploadCreate))
	app.Head(pathUploads+":id", w.uploadDoor(w.uploadHead))
	app.Patch(pathUploads+":id", w.uploadDoor(w.uploadPatch)).Name(httpbody.PhotoRoute)
}

// csrfHeader carries the form's CSRF token on the script's requests.
const csrfHeader = "X-CSRF-Token"

// uploadDoor lets through only a signed-in person whose request carries
// her CSRF token, and answers every refusal as problem+json.
func (w *Web) uploadDoor(h handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		w.loadSession(c)
		c.Set(fiber.HeaderCacheControl, "no-store")
		var err error
		switch {
		case httpx.CurrentUser(c) == nil:
			err = apperr.Unauthenticatedf("Xin đăng nhập để tải ảnh lên.")
		case !w.validCSRF(c, c.Get(csrfHeader)):
			err = apperr.Forbiddenf("Phiên làm việc đã hết hạn, xin tải lại trang.")
		default:
			err = h(c)
		}
		if err != nil {
			return w.problem(c, err)
		}
		return nil
	}
}

// problem answers err as problem+json with its stable code, as the API does.
func (w *Web) problem(c *fiber.Ctx, err error) error {
	e, status := httpx.Resolve(c, err)
	if status >= http.StatusInternalServerError {
		// Redact: a database message may quote the value it refused.
		w.log.Error("resumable upload failed", "error", database.Redact(err.Error()), "method", c.Method(), "path", c.Route().Path)
	}
	p := map[string]any{
		"type": "https://ganh.vn/problems/" + e.Code, "title": http.StatusText(status), "status": status,
		"code": e.Code, "detail": e.Message,
	}
	if len(e.Fields) > 0 {
		p["errors"] = e.Fields
	}
	body, _ := json.Marshal(p)
	c.Status(status)
	c.Set(fiber.HeaderContentType, "application/problem+json")
	return c.Send(body)
}

// slugShape is what a coop's slug may look like; anything else is not
// looked up.
var slugShape = regexp.MustCompile(`^[a-z0-9-]{1,120}$`)

// uploadCreate checks, before any byte is stored, the size announced, that
// she may add a photo (to the product named, of her coop, or to a new
// product of her coop) and her upload budget. The upload's owner is
// recorded by the server.
func (w *Web) uploadCreate(c *fiber.Ctx) error {
	if len(c.Body()) > 0 {
		// tus lets a creation carry the first piece; here every byte comes
		// by PATCH, where the first piece is sniffed.
		return apperr.New(apperr.KindBadRequest, apperr.CodeBadRequest, "Ảnh được gửi sau khi tạo (PATCH), không kèm lúc tạo.")
	}
	size, err := strconv.ParseInt(c.Get("Upload-Length"), 10, 64)
	if err != nil || size <= 0 {
		return apperr.New(apperr.KindBadRequest, apperr.CodeBadRequest, "Thiếu độ dài ảnh (Upload-Length).")
	}
	if size > media.MaxUploadBytes {
		return apperr.New(apperr.KindTooLarge, apperr.CodeTooLarge, "Ảnh quá lớn (tối đa 20 MB).")
	}
	meta := uploadMetadata(c.Get("Upload-Metadata"))
	slug, productID := meta["coop"], meta["product"]
	if !slugShape.MatchString(slug) || (productID != "" && !validID(productID)) {
		return apperr.NotFoundf("%s", tr("error.notfound.text"))
	}
	ctx, a := c.UserContext(), httpx.Actor(c)
	co, err := w.d.Catalog.Coop(ctx, a, slug)
	if err != nil {
		return err
	}
	if productID == "" {
		err = w.d.Catalog.CheckCoopProductPhoto(ctx, a, co.ID)
	} else if p, perr := w.d.Catalog.ProductByID(ctx, a, productID); perr != nil {
		err = perr
	} else if p.Coop.ID != co.ID {
		err = apperr.NotFoundf("%s", tr("error.notfound.text"))
	} else {
		err = w.d.Catalog.CheckProductPhoto(ctx, a, productID)
	}
	if err != nil {
		return err
	}
	// Each upload takes disk until it is attached or swept: it counts
	// against her photo upload budget as it starts (and again, as every
	// photo does, when the form attaches it).
	if w.d.Accounts != nil {
		if err := w.d.Accounts.CountPhotoUpload(ctx, httpx.CurrentUser(c).ID); err != nil {
			return err
		}
	}
	owner := resumable.Owner{User: httpx.CurrentUser(c).ID, Coop: co.ID, Product: productID}
	return serveNetHTTP(c, w.d.Uploads.Create(), resumable.WithOwner(ctx, owner), nil)
}

// uploadMetadata reads tus's Upload-Metadata: "key base64value, …".
func uploadMetadata(h string) map[string]string {
	out := map[string]string{}
	for _, pair := range strings.Split(h, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(pair), " ")
		b, err := base64.StdEncoding.DecodeString(v)
		if err == nil && (k == "coop" || k == "product") && plainText(string(b)) {
			out[k] = string(b)
		}
	}
	return out
}

// ownUpload is the upload the path names, if it is hers: anyone else's is
// not found.
func (w *Web) ownUpload(c *fiber.Ctx) (resumable.Info, error) {
	info, err := w.d.Uploads.Info(c.UserContext(), strings.Clone(c.Params("id")))
	if errors.Is(err, resumable.ErrNotFound) || (err == nil && info.Owner.User != httpx.CurrentUser(c).ID) {
		return resumable.Info{}, apperr.NotFoundf("Không tìm thấy ảnh đang tải lên.")
	}
	return info, err
}

func (w *Web) uploadHead(c *fiber.Ctx) error {
	if _, err := w.ownUpload(c); err != nil {
		return err
	}
	return serveNetHTTP(c, w.d.Uploads.Head(), c.UserContext(), nil)
}

// uploadPatch passes a piece on, streamed; the first piece's first bytes
// must look like a photo (media.CheckHead), or the upload is refused (415)
// before it costs more of her data.
func (w *Web) uploadPatch(c *fiber.Ctx) error {
	info, err := w.ownUpload(c)
	if err != nil {
		return err
	}
	body := httpbody.Stream(c)
	if c.Get("Upload-Offset") == "0" && info.Offset == 0 {
		head := make([]byte, 512)
		n, rerr := io.ReadFull(body, head)
		if rerr != nil && !errors.Is(rerr, io.ErrUnexpectedEOF) && !errors.Is(rerr, io.EOF) {
			return apperr.New(apperr.KindBadRequest, apperr.CodeBadRequest, "Không đọc được dữ liệu gửi lên.")
		}
		if err := media.CheckHead(head[:n]); err != nil {
			_ = w.d.Uploads.Remove(c.UserContext(), info.ID)
			return err
		}
		body = io.MultiReader(bytes.NewReader(head[:n]), body)
	}
	return serveNetHTTP(c, w.d.Uploads.Patch(), c.UserContext(), body)
}

// serveNetHTTP runs a net/http handler (tusd) for a Fiber request: the
// headers copied, the body streamed from body (nil: none), the answer
// written back. A Location the handler builds from the request's host is
// cut to its path, so behind a TLS proxy it stays on the page's origin.
func serveNetHTTP(c *fiber.Ctx, h http.Handler, ctx context.Context, body io.Reader) error {
	if body == nil {
		body = http.NoBody
	}
	req, err := http.NewRequestWithContext(ctx, c.Method(), string(c.Request().URI().PathOriginal()), body)
	if err != nil {
		return apperr.New(apperr.KindBadRequest, apperr.CodeBadRequest, "Địa chỉ không hợp lệ.")
	}
	c.Request().Header.VisitAll(func(k, v []byte) { req.Header.Add(string(k), string(v)) })
	req.Header.Del("X-HTTP-Method-Override") // the method checked is the method served
	req.Host = string(c.Request().Host())
	req.ContentLength = int64(c.Request().Header.ContentLength())
	if req.ContentLength < 0 {
		req.ContentLength = -1
	}
	rw := &fiberWriter{c: c, header: http.Header{}}
	h.ServeHTTP(rw, req)
	rw.WriteHeader(http.StatusOK)
	return nil
}

// fiberWriter is an http.ResponseWriter over a Fiber response.
type fiberWriter struct {
	c      *fiber.Ctx
	header http.Header
	wrote  bool
}

func (f *fiberWriter) Header() http.Header { return f.header }

func (f *fiberWriter) WriteHeader(status int) {
	if f.wrote {
		return
	}
	f.wrote = true
	for k, vs := range f.header {
		if k == "Content-Length" {
			continue // fasthttp counts the body itself
		}
		for _, v := range vs {
			if k == "Location" {
				if u, err := url.Parse(v); err == nil {
					v = u.EscapedPath()
				}
			}
			f.c.Response().Header.Add(k, v)
		}
	}
	f.c.Status(status)
}

func (f *fiberWriter) Write(b []byte) (int, error) {
	f.WriteHeader(http.StatusOK)
	f.c.Response().AppendBody(b)
	return len(b), nil
}
