package api

import (
	"strings"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/policy"
	"github.com/gofiber/fiber/v2"
)

const (
	localUser  = "ganh.user"
	localToken = "ganh.token"
)

// currentUser is the signed-in caller, or nil for an anonymous one.
func currentUser(c *fiber.Ctx) *accounts.User {
	u, _ := c.Locals(localUser).(*accounts.User)
	return u
}

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
	u, err := s.accounts.Authenticate(c.UserContext(), token)
	if err != nil {
		return err
	}
	c.Locals(localUser, u)
	c.Locals(localToken, strings.Clone(token))
	return c.Next()
}

// requireUser refuses anonymous callers.
func requireUser(c *fiber.Ctx) error {
	if currentUser(c) == nil {
		return apperr.Unauthenticatedf("Xin đăng nhập để tiếp tục.")
	}
	return c.Next()
}

// requireStaff refuses callers who are not Hội staff. Staff paths are public
// knowledge, so a signed-in non-staff caller gets 403, not 404.
func requireStaff(c *fiber.Ctx) error {
	u := currentUser(c)
	if u == nil {
		return apperr.Unauthenticatedf("Xin đăng nhập để tiếp tục.")
	}
	if !policy.Gate(accounts.CallerOf(u), policy.StaffDoor).Allowed() {
		return apperr.Forbiddenf("Chỉ cán bộ Hội mới làm được việc này.")
	}
	return c.Next()
}
