package api

import (
	"net/http"
	"strings"

	"github.com/ganh-market/ganh/media"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
)

// mountMediaFiles serves the photo files of a store that has no web server
// of its own (media.DiskStore) under media.DiskURLPath, where its URLs
// point. The handler decides what may be served (processed images only, by
// valid key, with immutable cache headers and nosniff); nothing outside the
// store's folder can be named. With an object store, browsers fetch photos
// from it directly and h is nil.
func mountMediaFiles(app *fiber.App, h http.Handler) {
	if h == nil {
		return
	}
	app.Get(strings.TrimSuffix(media.DiskURLPath, "/")+"/*", adaptor.HTTPHandler(h))
}
