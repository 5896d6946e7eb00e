package web

import (
	"encoding/json"
	"net/http"

	"github.com/gofiber/fiber/v2"
)

// The installable app: "Thêm vào màn hình chính" gives the seller an icon
// that opens her orders (the manifest's start_url; sellerHome sends a
// seller of one coop there), and a service worker (assets/sw.js) keeps
// the pages she has seen for when the network is gone, with an offline
// page for the rest. It never answers the cart, checkout, sign-in or any
// POST from its cache.
const (
	pathManifest = "/manifest.webmanifest"
	pathWorker   = "/sw.js"
	pathOffline  = "/ngoai-tuyen"
	appStartURL  = pathSeller + "?mo=don-hang"
)

func (w *Web) appRoutes(app *fiber.App) {
	app.Get(pathManifest, w.manifest)
	app.Get(pathWorker, w.serviceWorker)
	app.Get(pathOffline, w.offlinePage)
}

// manifest describes the app to the browser that installs it.
func (w *Web) manifest(c *fiber.Ctx) error {
	type icon struct {
		Src     string `json:"src"`
		Sizes   string `json:"sizes"`
		Type    string `json:"type"`
		Purpose string `json:"purpose"`
	}
	body, err := json.Marshal(map[string]any{
		"name": tr("app.name"), "short_name": tr("app.short"), "description": tr("app.description"),
		"lang": "vi", "dir": "ltr", "id": "/", "scope": "/", "start_url": appStartURL, "display": "standalone",
		"background_color": "#fffaf3", "theme_color": "#8f2a17",
		"icons": []icon{
			{Src: w.assets.url("icon-192.png"), Sizes: "192x192", Type: "image/png", Purpose: "any"},
			{Src: w.assets.url("icon-512.png"), Sizes: "512x512", Type: "image/png", Purpose: "any maskable"},
		},
	})
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/manifest+json")
	c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	return c.Send(body)
}

// serviceWorker serves assets/sw.js from the root, so its scope is the
// whole site; browsers check it for a new version on each visit.
func (w *Web) serviceWorker(c *fiber.Ctx) error {
	a := w.assets.byName["sw.js"]
	c.Set(fiber.HeaderContentType, "text/javascript; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return c.Send(a.body)
}

// offlinePage is what the service worker shows for a page it has not
// kept. It is cached once, at install, for anyone: so it shows no session.
func (w *Web) offlinePage(c *fiber.Ctx) error {
	return w.render(c, http.StatusOK, "offline", &view{Title: tr("offline.title")})
}
