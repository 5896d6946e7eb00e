package web

import (
	"io"
	"net/http"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpbody"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// photoFormKey keeps a photo form's fields in the request's locals.
type photoFormKey struct{}

// photoPage wraps the handler of a form that carries a photo (a route named
// httpbody.PhotoRoute, whose body may be 20 MB): like page, but the body is
// streamed, and only as far as it must be. A signed-out visitor is sent to
// sign in before anything is read; then the fields before the file (the
// form puts the CSRF token first and the file last) are read and the token
// checked; the handler checks rights and the photo rules before it reads
// the file (photoFile).
func (w *Web) photoPage(h handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		w.loadSession(c)
		if httpx.CurrentUser(c) == nil {
			return w.fail(c, apperr.Unauthenticatedf(""))
		}
		form, err := httpbody.ReadForm(c, "file")
		if err != nil {
			return w.fail(c, err)
		}
		if !w.validCSRF(c, form.Value(csrfField)) {
			return w.errorPage(c, http.StatusForbidden, "error.csrf")
		}
		c.Locals(photoFormKey{}, form)
		if err := h(c); err != nil {
			return w.fail(c, err)
		}
		return nil
	}
}

// photoForm is the form photoPage read, or nil on other pages.
func photoForm(c *fiber.Ctx) *httpbody.Form {
	f, _ := c.Locals(photoFormKey{}).(*httpbody.Form)
	return f
}

// photoFile returns the photo of the form photoPage read and whether one
// was chosen; reading it streams it from the request.
func photoFile(c *fiber.Ctx) (file io.Reader, ok bool) {
	f := photoForm(c)
	if f == nil || !f.HasFile {
		return nil, false
	}
	return httpbody.NonEmpty(f.File)
}

// addPhoto attaches an uploaded photo through the photo flow the API uses
// too (photos): rules checked before the file is read, metadata stripped,
// orientation applied, variants stored, and removed again if the catalog
// refuses the photo.
func (w *Web) addPhoto(c *fiber.Ctx, productID string, file io.Reader) error {
	_, err := w.photos.AddProductPhoto(c.UserContext(), httpx.Actor(c), productID, func() (io.Reader, error) { return file, nil })
	return err
}
