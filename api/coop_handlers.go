package api

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/kernel"
	"github.com/gofiber/fiber/v2"
)

func (s *server) applyForCoop(c *fiber.Ctx) error {
	var in catalog.CoopInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	coop, err := s.catalog.ApplyForCoop(c.UserContext(), httpx.Actor(c), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusCreated, coop)
}

func (s *server) listCoops(c *fiber.Ctx) error {
	pr, err := pageRequest(c)
	if err != nil {
		return err
	}
	f := catalog.CoopFilter{Province: query(c, "province"), Q: query(c, "q")}
	page, err := s.catalog.Coops(c.UserContext(), httpx.Actor(c), f, pr)
	if err != nil {
		return err
	}
	return sendPublic(c, page)
}

func (s *server) adminListCoops(c *fiber.Ctx) error {
	pr, err := pageRequest(c)
	if err != nil {
		return err
	}
	f := catalog.CoopFilter{Province: query(c, "province"), Q: query(c, "q"), Status: catalog.CoopStatus(query(c, "status"))}
	switch query(c, "place_review") {
	case "", "false":
	case "true":
		f.PlaceReview = true
	default:
		return apperr.Field("place_review", "Chỉ nhận true hoặc false.")
	}
	page, err := s.catalog.AdminCoops(c.UserContext(), httpx.Actor(c), f, pr)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, page)
}

func (s *server) getCoop(c *fiber.Ctx) error {
	coop, err := s.catalog.Coop(c.UserContext(), httpx.Actor(c), param(c, "id"))
	if err != nil {
		return err
	}
	return sendPublic(c, coop)
}

func (s *server) updateCoop(c *fiber.Ctx) error {
	var in catalog.CoopPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	coop, err := s.catalog.UpdateCoop(c.UserContext(), httpx.Actor(c), param(c, "id"), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, coop)
}

func (s *server) coopHistory(c *fiber.Ctx) error {
	list, err := s.catalog.CoopHistory(c.UserContext(), httpx.Actor(c), param(c, "id"))
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, fiber.Map{"items": list})
}

// reasonRequest is the body of the staff actions on coops and products.
type reasonRequest struct {
	Reason string `json:"reason"`
}

// decodeReason reads an optional {reason} body: approve and unhide may be
// sent without one.
func decodeReason(c *fiber.Ctx) (string, error) {
	var in reasonRequest
	if len(c.Body()) == 0 {
		return "", nil
	}
	err := decodeJSON(c, &in)
	return in.Reason, err
}

// coopAction is approve, reject or suspend.
func coopAction(move func(ctx context.Context, a kernel.Caller, id, reason string) (*catalog.Coop, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		reason, err := decodeReason(c)
		if err != nil {
			return err
		}
		coop, err := move(c.UserContext(), httpx.Actor(c), param(c, "id"), reason)
		if err != nil {
			return err
		}
		return sendPrivate(c, fiber.StatusOK, coop)
	}
}

func (s *server) addMember(c *fiber.Ctx) error {
	var in catalog.MemberInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	m, err := s.catalog.AddMember(c.UserContext(), httpx.Actor(c), param(c, "id"), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusCreated, m)
}

func (s *server) listMembers(c *fiber.Ctx) error {
	list, err := s.catalog.Members(c.UserContext(), httpx.Actor(c), param(c, "id"))
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, fiber.Map{"items": list})
}

func (s *server) removeMember(c *fiber.Ctx) error {
	if err := s.catalog.RemoveMember(c.UserContext(), httpx.Actor(c), param(c, "id"), param(c, "user_id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *server) coopAudit(c *fiber.Ctx) error {
	pr, err := pageRequest(c)
	if err != nil {
		return err
	}
	page, err := s.catalog.Audit(c.UserContext(), httpx.Actor(c), param(c, "id"), pr)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, page)
}
