package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/web/i18n"
	"github.com/gofiber/fiber/v2"
)

// handler is a page handler; an error it returns becomes an error page.
type handler func(c *fiber.Ctx) error

// page wraps a page handler: it resolves the session, refuses a POST
// without its CSRF token (a friendly 403 page), and renders any error as a
// Vietnamese page: never a stack trace, never problem+json.
func (w *Web) page(h handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		w.loadSession(c)
		if c.Method() == fiber.MethodPost && !w.checkCSRF(c) {
			return w.errorPage(c, http.StatusForbidden, "error.csrf")
		}
		if err := h(c); err != nil {
			return w.fail(c, err)
		}
		return nil
	}
}

// ErrorPage shows an error that reached the app's error handler outside the
// API as a page (api.Deps.ErrorPage): text refused before any route, a
// body too large.
func (w *Web) ErrorPage(c *fiber.Ctx, err error) error {
	w.loadSession(c)
	return w.fail(c, err)
}

// fail turns a handler's error into a page.
func (w *Web) fail(c *fiber.Ctx, err error) error {
	// Resolve is where a passed deadline becomes "unavailable" and Fiber's
	// own errors become ours, with the API's statuses; what follows is only
	// how a page shows each kind.
	e, status := httpx.Resolve(c, err)
	switch e.Kind {
	case apperr.KindUnauthenticated:
		return seeOther(c, loginURL(c))
	case apperr.KindNotFound:
		return w.errorPage(c, status, "error.notfound")
	case apperr.KindForbidden:
		return w.messagePage(c, status, "error.forbidden.title", e.Message)
	case apperr.KindBadRequest:
		if apperr.As(err) == nil {
			// Fiber's own refusal says nothing a person can act on.
			return w.errorPage(c, status, "error.badrequest")
		}
		return w.messagePage(c, status, "error.invalid.title", withFields(e))
	case apperr.KindInvalid, apperr.KindConflict, apperr.KindUnsupportedMedia:
		return w.messagePage(c, status, "error.invalid.title", withFields(e))
	case apperr.KindRateLimited:
		return w.messagePage(c, status, "error.ratelimited.title", e.Message)
	case apperr.KindTooLarge:
		return w.errorPage(c, status, "error.toolarge")
	case apperr.KindUnavailable:
		return w.errorPage(c, status, "error.unavailable")
	case apperr.KindTimeout:
		return w.errorPage(c, status, "error.timeout")
	}
	// Redact: a database message may quote the value it refused.
	w.log.ErrorContext(c.UserContext(), "page failed", "error", database.Redact(err.Error()), "method", c.Method(), "path", c.Path())
	return w.errorPage(c, http.StatusInternalServerError, "error.internal")
}

// withFields is an error's message followed by those of its fields.
func withFields(e *apperr.Error) string {
	msg := e.Message
	for _, f := range e.Fields {
		msg += " " + f.Message
	}
	return msg
}

// errorData is what error.html shows.
type errorData struct {
	Status  int
	Title   string
	Message string
}

// errorPage renders the page of a catalogue error (key.title, key.text).
func (w *Web) errorPage(c *fiber.Ctx, status int, key string) error {
	return w.messagePage(c, status, key+".title", i18n.T(key+".text"))
}

// messagePage renders an error page with a message already in Vietnamese
// (apperr messages are written for people).
func (w *Web) messagePage(c *fiber.Ctx, status int, titleKey, msg string) error {
	v := &view{Title: i18n.T(titleKey), D: errorData{Status: status, Title: i18n.T(titleKey), Message: msg}}
	if err := w.render(c, status, "error", v); err != nil {
		w.log.Error("render error page", "error", err.Error())
		c.Status(status)
		c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		return c.SendString(i18n.T(titleKey))
	}
	return nil
}

// notFound answers paths nothing else took: a page for people, but the
// API's own problem+json for /api/ paths and other mounts after this one.
func (w *Web) notFound(c *fiber.Ctx) error {
	err := c.Next()
	var fe *fiber.Error
	if err == nil || !errors.As(err, &fe) || fe.Code != http.StatusNotFound || strings.HasPrefix(c.Path(), "/api/") {
		return err
	}
	w.loadSession(c)
	return w.errorPage(c, http.StatusNotFound, "error.notfound")
}

// loginURL sends a signed-out person to sign in and back here afterwards.
func loginURL(c *fiber.Ctx) string {
	next := c.OriginalURL()
	if c.Method() != fiber.MethodGet {
		next = c.Get(fiber.HeaderReferer)
		if u, err := url.Parse(next); err == nil {
			next = u.RequestURI()
		}
	}
	return pathLogin + "?tiep=" + url.QueryEscape(safeNext(next))
}

// hasKey says whether the catalogue has key.
func hasKey(key string) bool { return i18n.Lang(i18n.Default).Has(key) }
