package api

import (
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/media"
	"github.com/gofiber/fiber/v2"
)

// Direct uploads spare a seller on a slow rural connection from sending a
// 20 MB photo through the API: the browser POSTs it straight to the object
// store under a fresh incoming/ key, then asks the API to process it. The key
// is recorded as issued to that member for that product (catalog.IssueUpload).

// directUploadTTL is how long a presigned upload stays valid: long enough to
// send 20 MB over a slow mobile link.
const directUploadTTL = 15 * time.Minute

// incomingKeyPrefix is the folder media.NewIncomingKey keys are in. A client
// may name an upload in the complete path by its key, URL-encoded
// (incoming%2F…), or by the part after the folder, which survives proxies
// that mangle encoded slashes.
const incomingKeyPrefix = "incoming/"

// codeDirectUploadUnsupported is the 409 code of a store that cannot take
// uploads from browsers (the disk store of a small install).
const codeDirectUploadUnsupported = "direct_upload_unsupported"

// directUploadJSON tells a browser how to send a photo to the object store:
// a multipart/form-data POST to url with fields (their Content-Type, "image/",
// may be replaced by the file's own image/… type) and the file last in a
// field named "file".
type directUploadJSON struct {
	Method    string            `json:"method"`
	URL       string            `json:"url"`
	Fields    map[string]string `json:"fields"`
	Key       string            `json:"key"`
	ExpiresAt time.Time         `json:"expires_at"`
	// CompleteURL is the API path to POST once the store has the file.
	CompleteURL string `json:"complete_url"`
}

// startDirectUpload answers POST /products/{id}/images/uploads.
func (s *server) startDirectUpload(c *fiber.Ctx) error {
	ctx, a, productID := c.UserContext(), httpx.Actor(c), param(c, "id")
	if err := s.photos.Ready(); err != nil {
		return err
	}
	if err := s.catalog.CheckProductPhoto(ctx, a, productID); err != nil {
		return err
	}
	key := media.NewIncomingKey()
	up, err := s.media.PresignUpload(ctx, key, media.MaxUploadBytes, directUploadTTL)
	if errors.Is(err, media.ErrNotSupported) {
		return apperr.Conflictf(codeDirectUploadUnsupported,
			"Máy chủ này không nhận ảnh tải thẳng lên kho lưu trữ; xin gửi ảnh qua POST /api/v1/products/%s/images (trường file).", productID)
	}
	if err != nil {
		return apperr.Wrap(err, "presign upload")
	}
	if err := s.catalog.IssueUpload(ctx, a, productID, key); err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusCreated, directUploadJSON{
		Method: up.Method, URL: up.URL, Fields: up.Fields, Key: up.Key, ExpiresAt: up.Expires.UTC(),
		CompleteURL: "/api/v1/products/" + url.PathEscape(productID) + "/images/uploads/" +
			strings.TrimPrefix(key, incomingKeyPrefix) + "/complete",
	})
}

// completeDirectUpload answers POST /products/{id}/images/uploads/{key}/complete:
// the uploaded file goes through the same checks as a posted one, becomes
// the product's next photo, and the upload and its record are removed.
func (s *server) completeDirectUpload(c *fiber.Ctx) error {
	if err := s.photos.Ready(); err != nil {
		return err
	}
	key, err := uploadKey(param(c, "key"))
	if err != nil {
		return err
	}
	img, err := s.photos.CompleteDirectUpload(c.UserContext(), httpx.Actor(c), param(c, "id"), key)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusCreated, img)
}

// uploadKey turns the {key} path segment into the object key.
func uploadKey(raw string) (string, error) {
	key, err := url.PathUnescape(raw)
	if err != nil || key == "" {
		return "", apperr.NotFoundf("Không tìm thấy ảnh đã tải lên.")
	}
	if !strings.HasPrefix(key, incomingKeyPrefix) {
		key = incomingKeyPrefix + key
	}
	return key, nil
}
