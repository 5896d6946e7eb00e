package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/referrers"
	"github.com/ganh-market/ganh/reports"
	"github.com/gofiber/fiber/v2"
)

// pathReferrers is the staff page of the Hội's chapters and members.
const pathReferrers = pathStaff + "/gioi-thieu"

// staffReferrersData is what the referrers page shows.
type staffReferrersData struct {
	List      []referrers.Referrer
	Provinces []option
	// Base is the site's address, for the sample links.
	Base string
}

var referrerFields = []string{"name", "kind", "province", "commune", "chapter_code", "phone"}

// staffReferrers lists the chapters and members the staff member looks
// after, with the form that adds one.
func (w *Web) staffReferrers(c *fiber.Ctx) error {
	return w.renderReferrers(c, http.StatusOK, &view{Form: map[string]string{"kind": string(referrers.Chapter)}})
}

func (w *Web) renderReferrers(c *fiber.Ctx, status int, v *view) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	if w.d.Referrers == nil {
		return w.errorPage(c, http.StatusServiceUnavailable, "error.unavailable")
	}
	list, err := w.d.Referrers.List(c.UserContext(), httpx.Actor(c))
	if err != nil {
		return err
	}
	selected := v.Form["province"]
	if selected == "" {
		selected = httpx.Actor(c).Province
	}
	v.Title = tr("referrers.title")
	v.D = staffReferrersData{List: list, Provinces: provinceOptions(selected), Base: w.siteBase(c)}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return w.render(c, status, "staff_referrers", v)
}

// staffReferrerCreate adds a chapter or member and shows the list again.
func (w *Web) staffReferrerCreate(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	if w.d.Referrers == nil {
		return w.errorPage(c, http.StatusServiceUnavailable, "error.unavailable")
	}
	form := formValues(c, referrerFields...)
	in := referrers.Input{
		Name: form["name"], Kind: referrers.Kind(form["kind"]), Province: form["province"],
		Commune: form["commune"], ChapterCode: form["chapter_code"],
	}
	userID, err := w.accountByPhone(c, form["phone"])
	if err == nil {
		in.UserID = userID
		_, err = w.d.Referrers.Create(c.UserContext(), httpx.Actor(c), in)
	}
	if err != nil {
		byField, list, ok := formErrors(err, referrerField)
		if !ok {
			return err
		}
		return w.renderReferrers(c, http.StatusUnprocessableEntity, &view{Form: form, Errors: byField, ErrorList: list})
	}
	w.setFlash(c, "flash.referrer.created")
	return seeOther(c, pathReferrers)
}

// leaderboardData is what the chapters' leaderboard shows.
type leaderboardData struct {
	Month string
	Rows  []reports.ChapterScore
}

// staffLeaderboard ranks the chapters for ?thang=YYYY-MM (this month by
// default, in Viet Nam's time).
func (w *Web) staffLeaderboard(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	if w.d.Reports == nil {
		return w.errorPage(c, http.StatusServiceUnavailable, "error.unavailable")
	}
	month := strings.TrimSpace(strings.Clone(c.Query("thang")))
	if _, err := time.Parse("2006-01", month); err != nil {
		month = w.now().In(reports.Location).Format("2006-01")
	}
	rows, err := w.d.Reports.Leaderboard(c.UserContext(), httpx.Actor(c), month, "")
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return w.render(c, http.StatusOK, "staff_leaderboard", &view{Title: tr("leaderboard.title"),
		Form: map[string]string{"thang": month}, D: leaderboardData{Month: month, Rows: rows}})
}

// siteBase is the site's address for absolute links shown on a page.
func (w *Web) siteBase(c *fiber.Ctx) string {
	return sharingBase(c, w.d.Config.PublicURL)
}

// referrerField shows the account a member's code is tied to on the phone
// field the staff member typed it in.
func referrerField(f string) string {
	if f == "user_id" {
		return "phone"
	}
	return f
}

// accountByPhone is the id of the account with that phone number ("" when
// the field is empty): the member whose share links will carry her code.
func (w *Web) accountByPhone(c *fiber.Ctx, phone string) (string, error) {
	if strings.TrimSpace(phone) == "" {
		return "", nil
	}
	norm, err := accounts.NormalizePhone(phone)
	if err != nil {
		return "", apperr.Field("phone", "Số điện thoại chưa đúng.")
	}
	users, err := w.d.Accounts.FindUsers(c.UserContext(), norm)
	if err != nil {
		return "", err
	}
	for _, u := range users {
		if u.Phone == norm {
			return u.ID, nil
		}
	}
	return "", apperr.Field("phone", "Không có tài khoản nào với số điện thoại này.")
}
