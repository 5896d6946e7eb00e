package api

import (
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// Province-scoped staff (issue 16): an admin gives a staff account its
// province.

type setStaffProvinceRequest struct {
	// Province is a slug of catalog's provinces; null or "" for every province.
	Province *string `json:"province"`
}

func (s *server) setStaffProvince(c *fiber.Ctx) error {
	var req setStaffProvinceRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	province := ""
	if req.Province != nil {
		province = strings.TrimSpace(*req.Province)
	}
	if _, ok := catalog.ProvinceBySlug(province); province != "" && !ok {
		return apperr.Field("province", "Không có tỉnh này.")
	}
	u, err := s.accounts.SetStaffProvince(c.UserContext(), httpx.Actor(c), strings.Clone(c.Params("id")), province, c.IP())
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, adminUserJSON{userJSON: toUserJSON(u), Province: u.Province})
}
