package web

import (
	"strings"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// Cookie names. The session cookie carries the same opaque token accounts
// issues to API clients; nothing else about the user is kept client-side.
const (
	cookieSession = "ganh_session"
	cookieCSRF    = "ganh_csrf"
	cookieCart    = "ganh_cart"
	cookieFlash   = "ganh_flash"
)

// Locals keys of the web pages.
const (
	localSteward = "web.steward"
	localCart    = "web.cart"
)

// loadSession resolves the session cookie. A token that no longer works
// (expired, revoked) is dropped quietly: the person is simply signed out.
func (w *Web) loadSession(c *fiber.Ctx) {
	token := c.Cookies(cookieSession)
	if token == "" {
		return
	}
	if err := httpx.SignIn(c, w.d.Accounts, token); err != nil {
		w.clearCookie(c, cookieSession)
	}
}

// isSecure says whether cookies must carry the Secure flag.
func (w *Web) isSecure(c *fiber.Ctx) bool { return w.secure || c.Protocol() == "https" }

// setCookie sets an HttpOnly, SameSite=Lax cookie for the whole site;
// expires zero makes a session cookie.
func (w *Web) setCookie(c *fiber.Ctx, name, value string, expires time.Time) {
	ck := &fiber.Cookie{
		Name: name, Value: value, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: w.isSecure(c),
	}
	if !expires.IsZero() {
		ck.Expires = expires
	}
	c.Cookie(ck)
}

// clearCookie removes a cookie.
func (w *Web) clearCookie(c *fiber.Ctx, name string) {
	c.Cookie(&fiber.Cookie{
		Name: name, Value: "", Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: w.isSecure(c), Expires: time.Unix(1, 0), MaxAge: -1,
	})
}

// signIn sets the session cookie for a token accounts just issued. The CSRF
// token changes with it, since it is derived from the session.
func (w *Web) signIn(c *fiber.Ctx, s accounts.SignedIn) {
	w.setCookie(c, cookieSession, s.Token, s.ExpiresAt)
	httpx.SetUser(c, s.User, s.Token)
}

// setFlash leaves a one-time message (a catalogue key) for the next page.
func (w *Web) setFlash(c *fiber.Ctx, key string) {
	w.setCookie(c, cookieFlash, key, time.Time{})
}

// takeFlash reads and clears the one-time message. Only catalogue keys are
// accepted, so a forged cookie cannot put words on the page.
func takeFlash(c *fiber.Ctx) string {
	key := strings.Clone(c.Cookies(cookieFlash)) // shown on the page being rendered
	if key == "" {
		return ""
	}
	c.Cookie(&fiber.Cookie{Name: cookieFlash, Value: "", Path: "/", Expires: time.Unix(1, 0), MaxAge: -1})
	if !strings.HasPrefix(key, "flash.") || !hasKey(key) {
		return ""
	}
	return key
}
