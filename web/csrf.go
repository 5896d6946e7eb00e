package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strings"
	"time"

	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// csrfField is the hidden form field every POST form carries.
const csrfField = "_csrf"

// csrfToken is the token forms of this request carry. For a signed-in
// person it is an HMAC of their session token, which an attacker's page can
// neither read nor guess, and which any instance can recompute without
// shared state. Before sign-in it is a random value also kept in a cookie
// (double-submit): a cross-site form cannot know it.
func (w *Web) csrfToken(c *fiber.Ctx) string {
	if tok := httpx.Token(c); tok != "" {
		return sessionCSRF(tok)
	}
	if v, ok := c.Locals(cookieCSRF).(string); ok {
		return v
	}
	v := strings.Clone(c.Cookies(cookieCSRF)) // kept in Locals and the page
	if !validRandom(v) {
		v = randomToken()
		w.setCookie(c, cookieCSRF, v, time.Now().Add(7*24*time.Hour))
	}
	c.Locals(cookieCSRF, v)
	return v
}

// checkCSRF says whether a POST carries the token of its session.
func (w *Web) checkCSRF(c *fiber.Ctx) bool { return w.validCSRF(c, c.FormValue(csrfField)) }

// validCSRF says whether got is the token of the request's session.
func (w *Web) validCSRF(c *fiber.Ctx, got string) bool {
	if got == "" {
		return false
	}
	var want string
	if tok := httpx.Token(c); tok != "" {
		want = sessionCSRF(tok)
	} else {
		want = c.Cookies(cookieCSRF)
		if !validRandom(want) {
			return false
		}
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func sessionCSRF(token string) string {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte("ganh web csrf v1"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// randomToken is 32 random bytes, URL-safe.
func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// validRandom says whether s has the shape randomToken makes.
func validRandom(s string) bool {
	if len(s) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}
