package api

import (
	"github.com/ganh-market/ganh/httpx"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Accounts, continued (issue 17): change of password, staff-assisted
// reset, the account's sessions.

type changePasswordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

func (s *server) changePassword(c *fiber.Ctx) error {
	var req changePasswordRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	token := httpx.Token(c)
	if err := s.accounts.ChangePassword(c.UserContext(), httpx.CurrentUser(c).ID, token, req.CurrentPassword, req.NewPassword); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

type resetPasswordRequest struct {
	Phone       string `json:"phone"`
	Code        string `json:"code"`
	NewPassword string `json:"new_password"`
}

func (s *server) resetPassword(c *fiber.Ctx) error {
	var req resetPasswordRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	res, err := s.accounts.ResetPassword(withUserAgent(c), req.Phone, req.Code, req.NewPassword, c.IP())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(toSignedInJSON(res))
}

// adminUserJSON is an account as staff find it.
type adminUserJSON struct {
	userJSON
	Province *string `json:"province"`
}

func (s *server) adminFindUsers(c *fiber.Ctx) error {
	users, err := s.accounts.FindUsers(c.UserContext(), c.Query("q"))
	if err != nil {
		return err
	}
	out := make([]adminUserJSON, len(users))
	for i := range users {
		out[i] = adminUserJSON{userJSON: toUserJSON(&users[i]), Province: users[i].Province}
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.JSON(fiber.Map{"items": out})
}

type resetCodeJSON struct {
	Code      string    `json:"code"`
	ExpiresAt time.Time `json:"expires_at"`
}

func (s *server) issueResetCode(c *fiber.Ctx) error {
	code, err := s.accounts.IssueResetCode(c.UserContext(), httpx.CurrentUser(c), strings.Clone(c.Params("id")), c.IP())
	if err != nil {
		return err
	}
	// Notification channels (Zalo, SMS; issue 14) would send the code here
	// when configured; until then staff read it out over the phone.
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(fiber.StatusCreated).JSON(resetCodeJSON{Code: code.Code, ExpiresAt: code.ExpiresAt})
}

type sessionJSON struct {
	ID         string     `json:"id"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	UserAgent  string     `json:"user_agent"`
	Current    bool       `json:"current"`
}

func (s *server) mySessions(c *fiber.Ctx) error {
	token := httpx.Token(c)
	list, err := s.accounts.Sessions(c.UserContext(), httpx.CurrentUser(c).ID, token)
	if err != nil {
		return err
	}
	out := make([]sessionJSON, len(list))
	for i, x := range list {
		out[i] = sessionJSON(x)
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.JSON(fiber.Map{"items": out})
}

func (s *server) revokeMySession(c *fiber.Ctx) error {
	if err := s.accounts.RevokeSession(c.UserContext(), httpx.CurrentUser(c).ID, c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
