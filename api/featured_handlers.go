package api

import (
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

func (s *server) featured(c *fiber.Ctx) error {
	f, err := s.catalog.Featured(c.UserContext(), httpx.Actor(c))
	if err != nil {
		return err
	}
	return sendPublic(c, f)
}

func (s *server) featuredEntries(c *fiber.Ctx) error {
	f, err := s.catalog.FeaturedEntries(c.UserContext(), httpx.Actor(c))
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
	f, err := s.catalog.SetFeatured(c.UserContext(), httpx.Actor(c), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, f)
}
