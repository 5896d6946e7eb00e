package api

import (
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

func (s *server) listCategories(c *fiber.Ctx) error {
	tree, err := s.catalog.Categories(c.UserContext())
	if err != nil {
		return err
	}
	return sendPublic(c, tree)
}

func (s *server) createCategory(c *fiber.Ctx) error {
	var in catalog.CategoryInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	cat, err := s.catalog.CreateCategory(c.UserContext(), httpx.Actor(c), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusCreated, cat)
}

func (s *server) renameCategory(c *fiber.Ctx) error {
	var in catalog.CategoryPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	cat, err := s.catalog.RenameCategory(c.UserContext(), httpx.Actor(c), param(c, "id"), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, cat)
}
