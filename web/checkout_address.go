package web

import (
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// fillDefaultAddress puts the signed-in shopper's default saved address
// into the checkout form and says whether it did.
func (w *Web) fillDefaultAddress(c *fiber.Ctx, form map[string]string) (bool, error) {
	if w.d.Addresses == nil || httpx.CurrentUser(c) == nil {
		return false, nil
	}
	a, ok, err := w.d.Addresses.Default(c.UserContext(), httpx.Actor(c))
	if err != nil || !ok {
		return false, err
	}
	form["name"], form["phone"] = a.RecipientName, localPhone(a.Phone)
	form["province"], form["commune"], form["street"] = a.Province, a.CommuneCode, a.Street
	return true, nil
}
