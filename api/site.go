package api

import (
	"net/url"

	"github.com/ganh-market/ganh/media"
	"github.com/gofiber/fiber/v2"
)

// withSite puts the address the request reached the site on into its
// context (media.WithSite), for a site without GANH_PUBLIC_URL: the photos
// it serves itself are linked on that address, so `serve --addr :18200` or
// a phone on the LAN gets photos that load.
func withSite(c *fiber.Ctx) error {
	c.SetUserContext(media.WithSite(c.UserContext(), siteBase(c)))
	return c.Next()
}

// siteBase is scheme://host[:port] of the request: its own, or what a
// trusted proxy (GANH_TRUSTED_PROXIES) says in X-Forwarded-Host and
// X-Forwarded-Proto; Fiber believes those only from a trusted proxy because
// the trusted-proxy check is always on (see New). A host that is not a plain
// host[:port] gives "", and photo URLs stay relative to the page.
func siteBase(c *fiber.Ctx) string {
	host := c.Hostname()
	if !plainHost(host) {
		return ""
	}
	return c.Protocol() + "://" + host // a new string: nothing aliases Fiber's buffers
}

// plainHost says whether h is a DNS name or IP address with an optional
// port, and nothing else (no user, path, query or odd byte).
func plainHost(h string) bool {
	if h == "" || len(h) > 255 {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == ':' || c == '[' || c == ']') {
			return false
		}
	}
	u, err := url.Parse("http://" + h)
	return err == nil && u.Host == h && u.Path == "" && u.User == nil
}
