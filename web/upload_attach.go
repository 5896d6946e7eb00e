package web

import (
	"io"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// uploadField is the product form's hidden field naming the photo its
// script uploaded in the background (/tai-anh/); the script then leaves
// the file field out, so the photo crosses the slow link once.
const uploadField = "upload"

// formPhoto adds the photo the product form carries: the file sent with
// it, or else the finished background upload it names. ok is false when
// the form has neither.
func (w *Web) formPhoto(c *fiber.Ctx, coopID, productID string) (ok bool, err error) {
	if file, ok := photoFile(c); ok {
		return true, w.addPhoto(c, productID, file)
	}
	f := photoForm(c)
	if f == nil || f.Value(uploadField) == "" || w.d.Uploads == nil {
		return false, nil
	}
	return true, w.attachUpload(c, coopID, productID, f.Value(uploadField))
}

// attachUpload makes her finished upload id the product's next photo,
// through the same photo flow (rights, budget, pipeline) as a file sent
// with the form, and removes it once kept or refused for good. An upload
// that is not hers, was made for another coop or product, or has not
// finished is a field error: she chooses the photo again.
func (w *Web) attachUpload(c *fiber.Ctx, coopID, productID, id string) error {
	ctx := c.UserContext()
	info, err := w.d.Uploads.Info(ctx, id)
	o := info.Owner
	if err != nil || o.User != httpx.CurrentUser(c).ID || o.Coop != coopID || (o.Product != "" && o.Product != productID) {
		return apperr.Field("file", tr("photo.upload.gone"))
	}
	if !info.Done() {
		return apperr.Field("file", tr("photo.upload.unfinished"))
	}
	var r io.ReadCloser
	_, err = w.photos.AddProductPhoto(ctx, httpx.Actor(c), productID, func() (io.Reader, error) {
		r, err = w.d.Uploads.Open(ctx, id)
		return r, err
	})
	if r != nil {
		_ = r.Close()
	}
	if k := apperr.KindOf(err); err == nil || (k != apperr.KindInternal && k != apperr.KindUnavailable && k != apperr.KindRateLimited) {
		if rerr := w.d.Uploads.Remove(ctx, id); rerr != nil {
			w.log.Warn("remove an attached upload", "error", rerr.Error())
		}
	}
	return err
}
