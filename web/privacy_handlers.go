package web

import (
	"bufio"
	"context"
	"github.com/ganh-market/ganh/httpx"
	"net/http"
	"strings"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database"
	"github.com/gofiber/fiber/v2"
)

// exportTimeout bounds the writing of one export, which streams after the
// handler has returned.
const exportTimeout = 5 * time.Minute

// accountExport downloads everything held about the person as one JSON
// file, streamed as it is read (the same file as GET /api/v1/me/export).
func (w *Web) accountExport(c *fiber.Ctx) error {
	if err := httpx.RequireUser(c); err != nil {
		return err
	}
	if w.d.Privacy == nil {
		return fiber.ErrNotFound
	}
	userID := httpx.CurrentUser(c).ID
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="ganh-du-lieu-cua-toi.json"`)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	c.Context().SetBodyStreamWriter(func(bw *bufio.Writer) {
		ctx, cancel := context.WithTimeout(context.Background(), exportTimeout)
		defer cancel()
		if err := w.d.Privacy.Export(ctx, userID, bw); err != nil {
			w.log.Error("export failed", "user_id", userID, "error", database.Redact(err.Error()))
		}
	})
	return nil
}

// accountErase deletes the person's account after she types her password;
// the owner of a coop is told to hand it over first.
func (w *Web) accountErase(c *fiber.Ctx) error {
	if err := httpx.RequireUser(c); err != nil {
		return err
	}
	if w.d.Privacy == nil {
		return fiber.ErrNotFound
	}
	err := w.d.Privacy.Erase(c.UserContext(), httpx.CurrentUser(c).ID, c.FormValue("erase_password"), strings.Clone(c.IP()))
	if err != nil {
		e := apperr.As(err)
		if e == nil || (e.Kind != apperr.KindInvalid && e.Kind != apperr.KindConflict && e.Kind != apperr.KindRateLimited) {
			return err
		}
		v := &view{Title: tr("account.title")}
		if e.Kind == apperr.KindInvalid && len(e.Fields) > 0 {
			v.Errors = map[string]string{"erase_password": e.Fields[0].Message}
		} else {
			v.ErrorList = []string{e.Message}
		}
		return w.renderAccount(c, http.StatusUnprocessableEntity, v)
	}
	w.clearCookie(c, cookieSession)
	httpx.SetUser(c, nil, "")
	w.setFlash(c, "flash.account.deleted")
	return seeOther(c, pathHome)
}

// privacyPage is the privacy notice: what Gánh keeps, why, for how long,
// and the person's rights (Decree 13/2023/NĐ-CP).
func (w *Web) privacyPage(c *fiber.Ctx) error {
	return w.render(c, http.StatusOK, "privacy", &view{Title: tr("privacy.title"), D: accounts.PrivacyNoticeVersion})
}
