package api

import (
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// bearerToken returns the token of an "Authorization: Bearer …" header.
func bearerToken(c *fiber.Ctx) string {
	h := c.Get(fiber.HeaderAuthorization)
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// authenticate resolves a bearer token when one is sent. A bad token is a
// 401 even on public paths, so a client learns at once that it must sign
// in again instead of silently seeing the anonymous view.
func (s *server) authenticate(c *fiber.Ctx) error {
	token := bearerToken(c)
	if token == "" {
		if c.Get(fiber.HeaderAuthorization) != "" {
			return apperr.Unauthenticatedf("Tiêu đề Authorization phải có dạng: Bearer <token>.")
		}
		return c.Next()
	}
	if err := httpx.SignIn(c, s.accounts, token); err != nil {
		return err
	}
	return c.Next()
}
