package api

import (
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// featuredQuery is what GET /featured reads: the cache key holds the
// province, whose list differs.
var featuredQuery = []string{"province"}

// The featured lists: ?province= names a province's lists, none the
// national ones (issue 16).

func (s *server) featured(c *fiber.Ctx) error {
	f, err := s.catalog.Featured(c.UserContext(), httpx.Actor(c), query(c, "province"))
	if err != nil {
		return err
	}
	return sendPublic(c, f)
}

func (s *server) featuredEntries(c *fiber.Ctx) error {
	f, err := s.catalog.FeaturedEntries(c.UserContext(), httpx.Actor(c), query(c, "province"))
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, f)
}

func (s *server) setFeatured(c *fiber.Ctx) error {
	var in catalog.FeaturedInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	f, err := s.catalog.SetFeatured(c.UserContext(), httpx.Actor(c), query(c, "province"), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, f)
}
