package api

import (
	"github.com/ganh-market/ganh/addresses"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// The signed-in shopper's address book (GET/POST /me/addresses, PATCH and
// DELETE /me/addresses/{id}, POST /me/addresses/{id}/default).

func (s *server) myAddresses(c *fiber.Ctx) error {
	list, err := s.addresses.List(c.UserContext(), httpx.Actor(c))
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, list)
}

func (s *server) addAddress(c *fiber.Ctx) error {
	var in addresses.Input
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	a, err := s.addresses.Add(c.UserContext(), httpx.Actor(c), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusCreated, a)
}

func (s *server) updateAddress(c *fiber.Ctx) error {
	var in addresses.Patch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	a, err := s.addresses.Update(c.UserContext(), httpx.Actor(c), param(c, "id"), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, a)
}

func (s *server) setDefaultAddress(c *fiber.Ctx) error {
	a, err := s.addresses.SetDefault(c.UserContext(), httpx.Actor(c), param(c, "id"))
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, a)
}

func (s *server) removeAddress(c *fiber.Ctx) error {
	if err := s.addresses.Remove(c.UserContext(), httpx.Actor(c), param(c, "id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
