package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/kernel"
	"github.com/gofiber/fiber/v2"
)

// loginPage shows the sign-in form; tiep is where to go afterwards.
func (w *Web) loginPage(c *fiber.Ctx) error {
	if httpx.CurrentUser(c) != nil {
		return seeOther(c, w.landing(c, safeNext(c.Query("tiep"))))
	}
	v := &view{Title: tr("login.title"), Form: map[string]string{"tiep": safeNext(strings.Clone(c.Query("tiep")))}}
	return w.render(c, http.StatusOK, "login", v)
}

// loginSubmit signs in with phone and password and sets the session cookie.
func (w *Web) loginSubmit(c *fiber.Ctx) error {
	form := formValues(c, "phone", "tiep")
	form["tiep"] = safeNext(form["tiep"])
	s, err := w.d.Accounts.Login(withUserAgent(c), form["phone"], c.FormValue("password"), strings.Clone(c.IP()))
	if err != nil {
		return w.credentialsRefused(c, err, "login", &view{Title: tr("login.title"), Form: form})
	}
	w.signIn(c, s)
	return seeOther(c, w.landing(c, form["tiep"]))
}

// landing is where a person goes after signing in: back where they were,
// or their own part of the site.
func (w *Web) landing(c *fiber.Ctx, next string) string {
	if next != "" {
		return next
	}
	u := httpx.CurrentUser(c)
	switch {
	case u == nil:
		return pathHome
	case u.IsStaff():
		return pathStaff
	case u.Role == kernel.RoleSeller:
		return pathSeller
	}
	return pathHome
}

// registerPage shows the form to open an account.
func (w *Web) registerPage(c *fiber.Ctx) error {
	v := &view{Title: tr("register.title"), Form: map[string]string{"tiep": safeNext(strings.Clone(c.Query("tiep")))}}
	return w.render(c, http.StatusOK, "register", v)
}

// registerSubmit opens a shopper account and signs it in.
func (w *Web) registerSubmit(c *fiber.Ctx) error {
	form := formValues(c, "name", "phone", "email", "tiep")
	form["tiep"] = safeNext(form["tiep"])
	in := accounts.RegisterInput{Name: form["name"], Phone: form["phone"], Email: form["email"], Password: c.FormValue("password")}
	s, err := w.d.Accounts.Register(withUserAgent(c), in, c.IP())
	if err != nil {
		v := &view{Title: tr("register.title"), Form: form}
		byField, list, ok := formErrors(err, nil)
		if !ok {
			e := apperr.As(err)
			if e == nil || e.Kind != apperr.KindConflict {
				return err
			}
			byField = map[string]string{"phone": e.Message}
		}
		v.Errors, v.ErrorList = byField, list
		return w.render(c, http.StatusUnprocessableEntity, "register", v)
	}
	w.signIn(c, s)
	w.setFlash(c, "flash.registered")
	return seeOther(c, w.landing(c, form["tiep"]))
}

// logout revokes the session's token and clears the cookie.
func (w *Web) logout(c *fiber.Ctx) error {
	if tok := httpx.Token(c); tok != "" {
		if err := w.d.Accounts.Logout(c.UserContext(), tok); err != nil {
			return err
		}
	}
	w.clearCookie(c, cookieSession)
	httpx.SetUser(c, nil, "")
	return seeOther(c, pathHome)
}

// withUserAgent is the request's context carrying its User-Agent, which
// the session a sign-in opens keeps to name the device in the account's
// list of sessions.
func withUserAgent(c *fiber.Ctx) context.Context {
	return accounts.WithUserAgent(c.UserContext(), c.Get(fiber.HeaderUserAgent))
}

// credentialsRefused shows a form that takes a secret (sign-in, reset code)
// again with why it was refused: field errors by their fields; a wrong
// secret or a throttle as one message, the same for every cause so the page
// tells nothing the API would not. Anything else is a real error.
func (w *Web) credentialsRefused(c *fiber.Ctx, err error, template string, v *view) error {
	switch e := apperr.As(err); {
	case e == nil:
		return err
	case e.Kind == apperr.KindInvalid:
		v.Errors, v.ErrorList, _ = formErrors(err, nil)
	case e.Kind == apperr.KindUnauthenticated || e.Kind == apperr.KindRateLimited:
		v.ErrorList = []string{e.Message}
	default:
		return err
	}
	return w.render(c, http.StatusUnprocessableEntity, template, v)
}
