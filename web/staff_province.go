package web

import (
	"net/url"
	"strings"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// staffOf names whom u acts for: her province's Hội ("Hội LHPN tỉnh Ninh
// Bình", "… thành phố Hà Nội"), or the national Hội without a province.
func staffOf(u *accounts.User) string {
	if u.Province == nil {
		return tr("staffof.national")
	}
	p, ok := catalog.ProvinceBySlug(*u.Province)
	if !ok {
		return tr("staffof.province", *u.Province)
	}
	if p.Kind == "city" {
		return tr("staffof.city", p.Name)
	}
	return tr("staffof.province", p.Name)
}

// staffSetProvince is the account page's form by which an admin of every
// province gives a staff account its province ("" for every province);
// the accounts service refuses anyone else.
func (w *Web) staffSetProvince(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	province := strings.TrimSpace(strings.Clone(c.FormValue("province")))
	if _, ok := catalog.ProvinceBySlug(province); province != "" && !ok {
		return apperr.Field("province", tr("staff.users.province.bad"))
	}
	u, err := w.d.Accounts.SetStaffProvince(c.UserContext(), httpx.Actor(c), strings.Clone(c.Params("id")), province, strings.Clone(c.IP()))
	if err != nil {
		return err
	}
	w.setFlash(c, "flash.staff.province.saved")
	return seeOther(c, pathStaff+"/tai-khoan?q="+url.QueryEscape(u.Phone))
}
