package api

import (
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/referrers"
	"github.com/gofiber/fiber/v2"
)

// createReferrer answers POST /admin/referrers: a chapter or member of the
// Hội with a fresh code (staff of its province).
func (s *server) createReferrer(c *fiber.Ctx) error {
	var in referrers.Input
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	r, err := s.referrers.Create(c.UserContext(), httpx.Actor(c), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusCreated, r)
}

// listReferrers answers GET /admin/referrers: those the caller looks after.
func (s *server) listReferrers(c *fiber.Ctx) error {
	list, err := s.referrers.List(c.UserContext(), httpx.Actor(c))
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, fiber.Map{"items": list})
}

// chapterLeaderboard answers GET /admin/reports/chapters?month=YYYY-MM.
func (s *server) chapterLeaderboard(c *fiber.Ctx) error {
	rows, err := s.reports.Leaderboard(c.UserContext(), httpx.Actor(c), query(c, "month"), query(c, "province"))
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, fiber.Map{"month": query(c, "month"), "rows": rows})
}
