package api

import (
	"unicode/utf8"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/places"
	"github.com/gofiber/fiber/v2"
)

// maxPlaceQuery bounds ?q= of the commune type-ahead; the longest name is
// far shorter.
const maxPlaceQuery = 100

// listProvinces answers GET /provinces: the 34 provinces, from the binary.
func (s *server) listProvinces(c *fiber.Ctx) error {
	return sendPublic(c, places.Provinces())
}

// listCommunes answers GET /provinces/{slug}/communes[?q=]: the province's
// communes, or those whose name holds every word of q without regard to
// diacritics (the type-ahead of the place picker).
func (s *server) listCommunes(c *fiber.Ctx) error {
	slug := param(c, "slug")
	if _, ok := places.ProvinceBySlug(slug); !ok {
		return apperr.NotFoundf("Không có tỉnh, thành phố này trong danh sách 34 tỉnh, thành.")
	}
	q := query(c, "q")
	if utf8.RuneCountInString(q) > maxPlaceQuery {
		return apperr.Field("q", "Tối đa 100 ký tự.")
	}
	list := places.Search(slug, q)
	if list == nil {
		list = []places.Commune{}
	}
	return sendPublic(c, list)
}
