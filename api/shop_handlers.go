package api

import (
	"unicode/utf8"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/banks"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// resubmitCoop sends an edited application back to the Hội (issue 13).
func (s *server) resubmitCoop(c *fiber.Ctx) error {
	if len(c.Body()) > 0 {
		var none struct{}
		if err := decodeJSON(c, &none); err != nil {
			return err
		}
	}
	coop, err := s.catalog.ResubmitCoop(c.UserContext(), httpx.Actor(c), param(c, "id"))
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, coop)
}

// bankItem is one bank of GET /banks.
type bankItem struct {
	BIN       string `json:"bin"`
	ShortName string `json:"short_name"`
	Name      string `json:"name"`
}

// maxBankQuery bounds ?q= of GET /banks: a bank's name is typed, not pasted.
const maxBankQuery = 100

// listBanks is the VietQR banks a seller picks hers from, filtered by
// ?q= (words of the name or keywords, diacritics optional). The edge has
// already refused bytes that are not UTF-8 or hold NUL. The answer is the
// bare array API.md names.
func (s *server) listBanks(c *fiber.Ctx) error {
	q := query(c, "q")
	if utf8.RuneCountInString(q) > maxBankQuery {
		return apperr.Field("q", "Tên ngân hàng tìm kiếm tối đa 100 ký tự.")
	}
	found := banks.Search(q)
	items := make([]bankItem, len(found))
	for i, b := range found {
		items[i] = bankItem{BIN: b.BIN, ShortName: b.ShortName, Name: b.Name}
	}
	return sendPublic(c, items)
}

// variantsRequest is the body of PATCH /products/{id}/variants.
type variantsRequest struct {
	Variants []catalog.VariantEdit `json:"variants"`
}

// updateVariants saves every variant of the product's form in one
// transaction: all or nothing.
func (s *server) updateVariants(c *fiber.Ctx) error {
	var in variantsRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p, err := s.catalog.UpdateVariants(c.UserContext(), httpx.Actor(c), param(c, "id"), in.Variants)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, p)
}
