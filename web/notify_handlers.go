package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/notify"
)

// pathNotifications is the inbox page; the bell in the header links to it.
const pathNotifications = "/thong-bao"

// unreadCount is the bell's figure for the signed-in person, 0 when the
// inbox is not available or cannot be read (the page still renders).
func (w *Web) unreadCount(c *fiber.Ctx) int64 {
	u := httpx.CurrentUser(c)
	if u == nil || w.d.Notify == nil {
		return 0
	}
	n, err := w.d.Notify.UnreadCount(c.UserContext(), u.ID)
	if err != nil {
		w.log.Warn("unread notifications count failed", "error", err)
		return 0
	}
	return n
}

// signedInWithInbox is the person of a notifications page.
func (w *Web) signedInWithInbox(c *fiber.Ctx) (string, error) {
	u := httpx.CurrentUser(c)
	if u == nil {
		return "", apperr.Unauthenticatedf("Xin đăng nhập để xem thông báo.")
	}
	if w.d.Notify == nil {
		return "", fiber.ErrNotFound
	}
	return u.ID, nil
}

// notificationsPage lists the person's notifications, newest first.
func (w *Web) notificationsPage(c *fiber.Ctx) error {
	uid, err := w.signedInWithInbox(c)
	if err != nil {
		return err
	}
	page, err := w.d.Notify.Inbox(c.UserContext(), uid, false, kernel.PageRequest{Cursor: strings.Clone(c.Query("sau"))})
	if err != nil {
		return err
	}
	return w.render(c, fiber.StatusOK, "notifications", &view{Title: tr("notify.title"), D: page})
}

// notificationOpen marks a notification read and goes to what it is about.
func (w *Web) notificationOpen(c *fiber.Ctx) error {
	uid, err := w.signedInWithInbox(c)
	if err != nil {
		return err
	}
	n, err := w.d.Notify.Notification(c.UserContext(), uid, strings.Clone(c.Params("id")))
	if err != nil {
		return err
	}
	if err := w.d.Notify.MarkRead(c.UserContext(), uid, []string{n.ID}, false); err != nil {
		return err
	}
	next := safeNext(n.Link)
	if next == "" {
		next = pathNotifications
	}
	return seeOther(c, next)
}

// notificationsReadAll marks every notification read.
func (w *Web) notificationsReadAll(c *fiber.Ctx) error {
	uid, err := w.signedInWithInbox(c)
	if err != nil {
		return err
	}
	if err := w.d.Notify.MarkRead(c.UserContext(), uid, nil, true); err != nil {
		return err
	}
	w.setFlash(c, "flash.notify.read")
	return seeOther(c, pathNotifications)
}

// settingsPage shows the person's channels, with the ones the marketplace
// has not configured marked so.
func (w *Web) notificationSettingsPage(c *fiber.Ctx) error {
	uid, err := w.signedInWithInbox(c)
	if err != nil {
		return err
	}
	st, err := w.d.Notify.Settings(c.UserContext(), uid)
	if err != nil {
		return err
	}
	return w.render(c, fiber.StatusOK, "notification_settings", &view{Title: tr("notify.settings.title"), D: settingsView(st)})
}

// channelRow is one channel on the settings page.
type channelRow struct {
	Name      string
	On        bool
	Available bool
}

func settingsView(st notify.Settings) []channelRow {
	out := make([]channelRow, 0, len(notify.Channels))
	for _, name := range notify.Channels {
		row := channelRow{Name: name, On: st.Channels[name]}
		for _, a := range st.Available {
			row.Available = row.Available || a == name
		}
		out = append(out, row)
	}
	return out
}

// notificationSettingsSave stores the checked channels; an unchecked box is
// a channel turned off.
func (w *Web) notificationSettingsSave(c *fiber.Ctx) error {
	uid, err := w.signedInWithInbox(c)
	if err != nil {
		return err
	}
	in := notify.SettingsInput{Channels: map[string]bool{}}
	for _, name := range notify.Channels {
		in.Channels[name] = c.FormValue("kenh_"+name) == "1"
	}
	if _, err := w.d.Notify.SetSettings(c.UserContext(), uid, in); err != nil {
		return err
	}
	w.setFlash(c, "flash.notify.settings")
	return seeOther(c, pathNotifications+"/cai-dat")
}

// staffNotifications lists the deliveries kept as failed (staff).
func (w *Web) staffNotifications(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	if w.d.Notify == nil {
		return fiber.ErrNotFound
	}
	page, err := w.d.Notify.FailedMessages(c.UserContext(), kernel.PageRequest{Cursor: strings.Clone(c.Query("sau"))})
	if err != nil {
		return err
	}
	return w.render(c, fiber.StatusOK, "staff_notifications", &view{Title: tr("staff.notify.title"), D: page})
}
