// Package httpx holds what the two front-ends, the JSON API (api) and the
// pages (web), both need from a request: who is calling, the checks every
// guarded route makes, and the one table from error kinds to HTTP statuses.
// Each front-end keeps only its own rendering: problem+json for the API, a
// page for people. It imports no front-end, and no domain package imports it.
package httpx

import (
	"context"
	"strings"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"github.com/gofiber/fiber/v2"
)

// Locals keys of the signed-in caller, the same for a bearer token and a
// session cookie: the access log names the user of either.
const (
	localUser  = "ganh.user"
	localToken = "ganh.token"
)

// Authenticator resolves a session token; *accounts.Service is one.
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (*accounts.User, error)
}

// SignIn resolves token with acc and, when it works, keeps its user as the
// request's caller. The error is the front-end's to show (the API answers
// 401; the pages drop a stale cookie quietly).
func SignIn(c *fiber.Ctx, acc Authenticator, token string) error {
	u, err := acc.Authenticate(c.UserContext(), token)
	if err != nil {
		return err
	}
	SetUser(c, u, token)
	return nil
}

// SetUser keeps u and its token as the request's caller; a nil u signs the
// request out. The token is copied: it may be a view of a header or cookie
// buffer that Fiber reuses after the handler.
func SetUser(c *fiber.Ctx, u *accounts.User, token string) {
	if u == nil {
		c.Locals(localUser, nil)
		c.Locals(localToken, "")
		return
	}
	c.Locals(localUser, u)
	c.Locals(localToken, strings.Clone(token))
}

// CurrentUser is the signed-in caller, or nil for an anonymous one.
func CurrentUser(c *fiber.Ctx) *accounts.User {
	u, _ := c.Locals(localUser).(*accounts.User)
	return u
}

// Token is the session token of the signed-in caller, or "".
func Token(c *fiber.Ctx) string {
	t, _ := c.Locals(localToken).(string)
	return t
}

// Actor is the caller as the domain services see it: the same for a page
// and for the API, so the same authorization rules hold.
func Actor(c *fiber.Ctx) kernel.Caller { return accounts.CallerOf(CurrentUser(c)) }

// RequireUser refuses an anonymous caller: the API answers 401, the pages
// send the visitor to sign in and back.
func RequireUser(c *fiber.Ctx) error {
	if CurrentUser(c) == nil {
		return apperr.Unauthenticatedf("Xin đăng nhập để tiếp tục.")
	}
	return nil
}

// RequireStaff refuses anyone but Hội staff. Staff paths are public
// knowledge, so a signed-in caller who is not staff is refused (403), not
// told the path does not exist.
func RequireStaff(c *fiber.Ctx) error {
	u := CurrentUser(c)
	if u == nil {
		return RequireUser(c)
	}
	if !policy.Gate(accounts.CallerOf(u), policy.StaffDoor).Allowed() {
		return apperr.Forbiddenf("Chỉ cán bộ Hội mới làm được việc này.")
	}
	return nil
}

// SignedIn and StaffOnly are RequireUser and RequireStaff as route
// middleware, for routes whose whole handler needs them.
var (
	SignedIn  fiber.Handler = guard(RequireUser)
	StaffOnly fiber.Handler = guard(RequireStaff)
)

func guard(check func(*fiber.Ctx) error) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if err := check(c); err != nil {
			return err
		}
		return c.Next()
	}
}
