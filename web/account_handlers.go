package web

import (
	"net/http"
	"strings"

	"github.com/ganh-market/ganh/httpx"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/gofiber/fiber/v2"
)

// Paths of the account pages (issue 17).
const (
	pathAccount = "/tai-khoan"
	pathReset   = "/khoi-phuc-mat-khau"
	pathPrivacy = "/chinh-sach-bao-mat"
)

// accountData is what the account page shows.
type accountData struct {
	Sessions []accounts.SessionInfo
	// Data says whether the export and erasure are wired.
	Data bool
	// Addresses says whether the address book is wired.
	Addresses bool
}

// accountPage shows the person's own account: change of password, the
// devices signed in, her data (download, erase).
func (w *Web) accountPage(c *fiber.Ctx) error {
	return w.renderAccount(c, http.StatusOK, &view{Title: tr("account.title")})
}

func (w *Web) renderAccount(c *fiber.Ctx, status int, v *view) error {
	if err := httpx.RequireUser(c); err != nil {
		return err
	}
	list, err := w.d.Accounts.Sessions(c.UserContext(), httpx.CurrentUser(c).ID, httpx.Token(c))
	if err != nil {
		return err
	}
	v.D = accountData{Sessions: list, Data: w.d.Privacy != nil, Addresses: w.d.Addresses != nil}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return w.render(c, status, "account", v)
}

// accountPassword changes the password; the other devices are signed out.
func (w *Web) accountPassword(c *fiber.Ctx) error {
	if err := httpx.RequireUser(c); err != nil {
		return err
	}
	err := w.d.Accounts.ChangePassword(c.UserContext(), httpx.CurrentUser(c).ID, httpx.Token(c),
		c.FormValue("current_password"), c.FormValue("new_password"))
	if err != nil {
		byField, list, ok := formErrors(err, nil)
		if !ok {
			if e := apperr.As(err); e == nil || e.Kind != apperr.KindRateLimited {
				return err
			}
			list = []string{apperr.As(err).Message}
		}
		return w.renderAccount(c, http.StatusUnprocessableEntity, &view{Title: tr("account.title"), Errors: byField, ErrorList: list})
	}
	w.setFlash(c, "flash.password.changed")
	return seeOther(c, pathAccount)
}

// accountSessionRevoke signs one device out (one tap on the account page).
func (w *Web) accountSessionRevoke(c *fiber.Ctx) error {
	if err := httpx.RequireUser(c); err != nil {
		return err
	}
	if err := w.d.Accounts.RevokeSession(c.UserContext(), httpx.CurrentUser(c).ID, strings.Clone(c.Params("id"))); err != nil {
		return err
	}
	w.setFlash(c, "flash.session.revoked")
	return seeOther(c, pathAccount)
}

// resetPage is the public form to set a new password with the phone and
// the code a staff member read out.
func (w *Web) resetPage(c *fiber.Ctx) error {
	return w.render(c, http.StatusOK, "reset", &view{Title: tr("reset.title"), Form: map[string]string{}})
}

// resetSubmit sets the new password and signs in on this device.
func (w *Web) resetSubmit(c *fiber.Ctx) error {
	form := formValues(c, "phone", "code")
	s, err := w.d.Accounts.ResetPassword(withUserAgent(c), form["phone"], form["code"], c.FormValue("new_password"), strings.Clone(c.IP()))
	if err != nil {
		return w.credentialsRefused(c, err, "reset", &view{Title: tr("reset.title"), Form: form})
	}
	w.signIn(c, s)
	w.setFlash(c, "flash.password.reset")
	return seeOther(c, w.landing(c, ""))
}
