package web

import (
	"net/http"
	"strings"

	"github.com/ganh-market/ganh/addresses"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// pathAddresses is the signed-in shopper's address book (issue 15).
const pathAddresses = pathAccount + "/dia-chi"

// addressFields are the inputs of the form that adds an address.
var addressFields = []string{"recipient_name", "phone", "province", "commune", "street", "is_default"}

// addressesData is what the address book shows.
type addressesData struct {
	List  []addresses.Address
	Full  bool
	Place placePicker
}

// addressesPage lists the saved addresses with a form to add one, the
// signed-in person's name and phone filled in.
func (w *Web) addressesPage(c *fiber.Ctx) error {
	if err := httpx.RequireUser(c); err != nil {
		return err
	}
	u := httpx.CurrentUser(c)
	form := map[string]string{"recipient_name": u.Name, "phone": localPhone(u.Phone)}
	return w.renderAddresses(c, http.StatusOK, &view{Form: form})
}

func (w *Web) renderAddresses(c *fiber.Ctx, status int, v *view) error {
	if err := httpx.RequireUser(c); err != nil {
		return err
	}
	if w.d.Addresses == nil {
		return w.notFound(c)
	}
	list, err := w.d.Addresses.List(c.UserContext(), httpx.Actor(c))
	if err != nil {
		return err
	}
	for i := range list { // shown as people write them (0912…)
		list[i].Phone = localPhone(list[i].Phone)
	}
	v.Title = tr("addresses.title")
	v.D = addressesData{List: list, Full: len(list) >= addresses.Max,
		Place: placePickerFor(v.Form["province"], v.Form["commune"])}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return w.render(c, status, "addresses", v)
}

// addressAdd saves a new address (or, from the picker's no-script button,
// shows the form again with the communes of the chosen province).
func (w *Web) addressAdd(c *fiber.Ctx) error {
	if err := httpx.RequireUser(c); err != nil {
		return err
	}
	if w.d.Addresses == nil {
		return w.notFound(c)
	}
	form := formValues(c, addressFields...)
	if placeRefresh(c) {
		return w.renderAddresses(c, http.StatusOK, &view{Form: form})
	}
	in := addresses.Input{RecipientName: form["recipient_name"], Phone: form["phone"], Province: form["province"],
		Commune: form["commune"], Street: form["street"], IsDefault: form["is_default"] != ""}
	if _, err := w.d.Addresses.Add(c.UserContext(), httpx.Actor(c), in); err != nil {
		byField, list, ok := formErrors(err, nil)
		if !ok {
			return err
		}
		return w.renderAddresses(c, http.StatusUnprocessableEntity, &view{Form: form, Errors: byField, ErrorList: list})
	}
	w.setFlash(c, "flash.address.added")
	return seeOther(c, pathAddresses)
}

// addressDefault makes one address the default.
func (w *Web) addressDefault(c *fiber.Ctx) error {
	if err := httpx.RequireUser(c); err != nil {
		return err
	}
	if w.d.Addresses == nil {
		return w.notFound(c)
	}
	if _, err := w.d.Addresses.SetDefault(c.UserContext(), httpx.Actor(c), strings.Clone(c.Params("id"))); err != nil {
		return err
	}
	w.setFlash(c, "flash.address.default")
	return seeOther(c, pathAddresses)
}

// addressDelete removes one address.
func (w *Web) addressDelete(c *fiber.Ctx) error {
	if err := httpx.RequireUser(c); err != nil {
		return err
	}
	if w.d.Addresses == nil {
		return w.notFound(c)
	}
	if err := w.d.Addresses.Remove(c.UserContext(), httpx.Actor(c), strings.Clone(c.Params("id"))); err != nil {
		return err
	}
	w.setFlash(c, "flash.address.deleted")
	return seeOther(c, pathAddresses)
}
