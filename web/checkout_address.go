package web

import (
	"net/url"
	"strings"

	"github.com/ganh-market/ganh/addresses"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// addressBook is what the address book gives the checkout form: whether it
// filled the address in, and the saved addresses to switch to.
type addressBook struct {
	Filled  bool
	Choices []savedChoice
}

// savedChoice is one saved address offered above the checkout form: a link
// that shows the form filled with it (no script needed).
type savedChoice struct {
	URL, Label string
	Current    bool
}

// fillSavedAddress puts one of the signed-in shopper's saved addresses into
// the checkout form: the one ?dia-chi= names, else the default; with
// several saved, the others are offered as links.
func (w *Web) fillSavedAddress(c *fiber.Ctx, form map[string]string) (addressBook, error) {
	if w.d.Addresses == nil || httpx.CurrentUser(c) == nil {
		return addressBook{}, nil
	}
	list, err := w.d.Addresses.List(c.UserContext(), httpx.Actor(c))
	if err != nil || len(list) == 0 {
		return addressBook{}, err
	}
	chosen := list[0] // the default comes first
	if id := strings.Clone(c.Query("dia-chi")); id != "" {
		for _, a := range list {
			if a.ID == id {
				chosen = a
			}
		}
	}
	book := addressBook{Filled: true}
	if len(list) > 1 {
		for _, a := range list {
			book.Choices = append(book.Choices, savedChoice{URL: pathCheckout + "?dia-chi=" + url.QueryEscape(a.ID),
				Label: addressLine(a), Current: a.ID == chosen.ID})
		}
	}
	form["name"], form["phone"] = chosen.RecipientName, localPhone(chosen.Phone)
	form["province"], form["commune"], form["street"] = chosen.Province, chosen.CommuneCode, chosen.Street
	return book, nil
}

// addressLine is a saved address in one line, as the checkout offers it.
func addressLine(a addresses.Address) string {
	return a.RecipientName + " · " + a.Street + ", " + a.CommuneName + ", " + a.ProvinceName
}
