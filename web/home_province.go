package web

import (
	"strings"
	"time"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// The home page's province (issue 16): a visitor picks hers with the
// switcher (?tinh=) and the choice is remembered in a cookie, so her
// province's featured lists show above the national ones on every visit.

// cookieProvince keeps the visitor's chosen province slug.
const cookieProvince = "ganh_tinh"

// provinceCookieTTL is how long the choice is remembered.
const provinceCookieTTL = 365 * 24 * time.Hour

// homeProvince is the province the home page shows: the one just picked
// (remembered, or forgotten when "Cả nước" is picked), else the
// remembered one. A slug that is not a province counts as none.
func (w *Web) homeProvince(c *fiber.Ctx) string {
	if c.Request().URI().QueryArgs().Has("tinh") {
		slug := strings.TrimSpace(strings.Clone(c.Query("tinh")))
		if _, ok := catalog.ProvinceBySlug(slug); !ok {
			w.clearCookie(c, cookieProvince)
			return ""
		}
		w.setCookie(c, cookieProvince, slug, time.Now().Add(provinceCookieTTL))
		return slug
	}
	slug := c.Cookies(cookieProvince)
	if _, ok := catalog.ProvinceBySlug(slug); !ok {
		return ""
	}
	return strings.Clone(slug)
}

// homeLocal fills the chosen province's featured lists into d.
func (w *Web) homeLocal(c *fiber.Ctx, d *homeData) error {
	d.Province = w.homeProvince(c)
	if d.Province == "" {
		return nil
	}
	f, err := w.d.Catalog.Featured(c.UserContext(), httpx.Actor(c), d.Province)
	if err != nil {
		return err
	}
	d.ProvinceName, d.Local = provinceName(d.Province), f
	return nil
}
