package api

import (
	"bufio"
	"context"
	"github.com/ganh-market/ganh/httpx"
	"time"

	"github.com/ganh-market/ganh/database"
	"github.com/gofiber/fiber/v2"
)

// exportTimeout bounds how long writing one export may take. It runs
// after the handler returns (the body streams), so past the request's own
// deadline.
const exportTimeout = 5 * time.Minute

// exportMe streams everything held about the caller as one JSON file
// (Decree 13/2023). The body is written while the rows are read, so an
// account with thousands of orders is never held in memory; a failure
// midway is logged and cuts the file short (the status is already sent).
func (s *server) exportMe(c *fiber.Ctx) error {
	userID := httpx.CurrentUser(c).ID
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="ganh-du-lieu-cua-toi.json"`)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		ctx, cancel := context.WithTimeout(context.Background(), exportTimeout)
		defer cancel()
		if err := s.privacy.Export(ctx, userID, w); err != nil {
			s.log.Error("export failed", "user_id", userID, "error", database.Redact(err.Error()))
		}
	})
	return nil
}

type eraseRequest struct {
	Password string `json:"password"`
}

// eraseMe deletes the caller's account (see privacy.Service.Erase).
func (s *server) eraseMe(c *fiber.Ctx) error {
	var req eraseRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if err := s.privacy.Erase(c.UserContext(), httpx.CurrentUser(c).ID, req.Password, c.IP()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

type moveOwnerRequest struct {
	UserID string `json:"user_id"`
}

// moveOwner gives the coop to another of its members (owner or staff).
func (s *server) moveOwner(c *fiber.Ctx) error {
	var req moveOwnerRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	coop, err := s.catalog.MoveOwnership(c.UserContext(), httpx.Actor(c), param(c, "id"), req.UserID)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, coop)
}
