package api

import (
	"context"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/kernel"
	"github.com/gofiber/fiber/v2"
)

// userJSON is a user as the API shows it: never the password hash.
type userJSON struct {
	ID        string      `json:"id"`
	Phone     string      `json:"phone"`
	Name      string      `json:"name"`
	Email     string      `json:"email"`
	Role      kernel.Role `json:"role"`
	CreatedAt time.Time   `json:"created_at"`
}

func toUserJSON(u *accounts.User) userJSON {
	return userJSON{ID: u.ID, Phone: u.Phone, Name: u.Name, Email: u.Email, Role: u.Role, CreatedAt: u.CreatedAt}
}

type signedInJSON struct {
	User      userJSON  `json:"user"`
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expires_at"`
}

func toSignedInJSON(s accounts.SignedIn) signedInJSON {
	return signedInJSON{User: toUserJSON(s.User), Token: s.Token, ExpiresAt: s.ExpiresAt}
}

type registerRequest struct {
	Phone    string `json:"phone"`
	Password string `json:"password"`
	Name     string `json:"name"`
	Email    string `json:"email"`
}

func (s *server) register(c *fiber.Ctx) error {
	var req registerRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in := accounts.RegisterInput{Phone: req.Phone, Password: req.Password, Name: req.Name, Email: req.Email}
	res, err := s.accounts.Register(withUserAgent(c), in, c.IP())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(fiber.StatusCreated).JSON(toSignedInJSON(res))
}

type loginRequest struct {
	Phone    string `json:"phone"`
	Password string `json:"password"`
}

func (s *server) login(c *fiber.Ctx) error {
	var req loginRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	res, err := s.accounts.Login(withUserAgent(c), req.Phone, req.Password, c.IP())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(toSignedInJSON(res))
}

func (s *server) logout(c *fiber.Ctx) error {
	token := httpx.Token(c)
	if err := s.accounts.Logout(c.UserContext(), token); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// MemberCoop is one cooperative the caller belongs to, as /me lists it.
type MemberCoop struct {
	ID         string `json:"id"`
	Slug       string `json:"slug"`
	Name       string `json:"name"`
	MemberRole string `json:"member_role"`
}

type meJSON struct {
	userJSON
	// Province is the one a Hội staff member is scoped to; null otherwise.
	Province *string      `json:"province"`
	Coops    []MemberCoop `json:"coops"`
}

func (s *server) me(c *fiber.Ctx) error {
	u := httpx.CurrentUser(c)
	coops := []MemberCoop{}
	if s.memberCoops != nil {
		var err error
		if coops, err = s.memberCoops(c.UserContext(), u.ID); err != nil {
			return err
		}
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.JSON(meJSON{userJSON: toUserJSON(u), Province: u.Province, Coops: coops})
}

// withUserAgent is the request's context carrying its User-Agent, for the
// session a sign-in opens (shown in the account's list of sessions).
func withUserAgent(c *fiber.Ctx) context.Context {
	return accounts.WithUserAgent(c.UserContext(), c.Get(fiber.HeaderUserAgent))
}
