package web

import (
	"strconv"
	"strings"
	"time"

	"github.com/ganh-market/ganh/referrers"
	"github.com/gofiber/fiber/v2"
)

// cookieRef keeps who brought this browser: "CODE.unixSeconds", the code
// of a referrer's link and when it was followed. The time is in the value
// because the server decides when 7 days are up (with its own, injectable
// clock), not the browser: a browser whose clock is wrong, or that keeps
// cookies past Expires, still stops counting on time. It is not signed:
// whoever can forge it could as well follow a ?ref= link.
const cookieRef = "ganh_ref"

// RefWindow is how long a followed link counts for the orders placed on
// that browser.
const RefWindow = 7 * 24 * time.Hour

// recordReferrer is the middleware behind "?ref=CODE on any page": a code
// that names a referrer is kept in cookieRef for RefWindow (a newer link
// replaces an older one); an unknown or malformed code changes nothing.
func (w *Web) recordReferrer(c *fiber.Ctx) error {
	ref := c.Query("ref")
	if ref == "" || w.d.Referrers == nil || c.Method() != fiber.MethodGet {
		return c.Next()
	}
	if code := referrers.NormalizeCode(ref); code != "" {
		r, err := w.d.Referrers.ByCode(c.UserContext(), code)
		if err != nil {
			w.log.Warn("referrer lookup failed", "err", err)
		} else if r != nil {
			// Max-Age, not Expires: the browser counts the 7 days from when
			// it got the cookie, whatever its clock says the date is.
			c.Cookie(&fiber.Cookie{
				Name: cookieRef, Value: r.Code + "." + strconv.FormatInt(w.now().Unix(), 10), Path: "/",
				MaxAge: int(RefWindow / time.Second), HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: w.isSecure(c),
			})
		}
	}
	return c.Next()
}

// referrerCode is the code this browser's cookie carries while it is less
// than RefWindow old, or "".
func (w *Web) referrerCode(c *fiber.Ctx) string {
	code, at, ok := strings.Cut(c.Cookies(cookieRef), ".")
	if !ok {
		return ""
	}
	secs, err := strconv.ParseInt(at, 10, 64)
	if err != nil {
		return ""
	}
	age := w.now().Sub(time.Unix(secs, 0))
	if age < 0 || age > RefWindow {
		return ""
	}
	return referrers.NormalizeCode(code) // a new string: nothing aliases Fiber's buffer
}

// now is the pages' clock (Deps.Clock, the wall clock by default).
func (w *Web) now() time.Time {
	if w.d.Clock != nil {
		return w.d.Clock()
	}
	return time.Now()
}
