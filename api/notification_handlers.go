package api

import (
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/notify"
	"github.com/gofiber/fiber/v2"
)

// The notification calls of API.md ("Notifications"): the caller's inbox,
// their channel settings, and the deliveries staff must look at. Without a
// notify service they answer 503.

func (s *server) requireNotify() error {
	if s.notify == nil {
		return apperr.New(apperr.KindUnavailable, apperr.CodeUnavailable, "Thông báo tạm thời chưa dùng được.")
	}
	return nil
}

func (s *server) listNotifications(c *fiber.Ctx) error {
	if err := s.requireNotify(); err != nil {
		return err
	}
	pr, err := pageRequest(c)
	if err != nil {
		return err
	}
	unread := false
	switch query(c, "unread") {
	case "", "false":
	case "true":
		unread = true
	default:
		return apperr.Field("unread", "unread phải là true hoặc false.")
	}
	page, err := s.notify.Inbox(c.UserContext(), httpx.CurrentUser(c).ID, unread, pr)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, page)
}

func (s *server) unreadNotifications(c *fiber.Ctx) error {
	if err := s.requireNotify(); err != nil {
		return err
	}
	n, err := s.notify.UnreadCount(c.UserContext(), httpx.CurrentUser(c).ID)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, fiber.Map{"count": n})
}

type readInput struct {
	IDs []string `json:"ids"`
	All bool     `json:"all"`
}

func (s *server) readNotifications(c *fiber.Ctx) error {
	if err := s.requireNotify(); err != nil {
		return err
	}
	var in readInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := s.notify.MarkRead(c.UserContext(), httpx.CurrentUser(c).ID, in.IDs, in.All); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *server) notificationSettings(c *fiber.Ctx) error {
	if err := s.requireNotify(); err != nil {
		return err
	}
	st, err := s.notify.Settings(c.UserContext(), httpx.CurrentUser(c).ID)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, st)
}

func (s *server) setNotificationSettings(c *fiber.Ctx) error {
	if err := s.requireNotify(); err != nil {
		return err
	}
	var in notify.SettingsInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	st, err := s.notify.SetSettings(c.UserContext(), httpx.CurrentUser(c).ID, in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, st)
}

func (s *server) failedNotifications(c *fiber.Ctx) error {
	if err := s.requireNotify(); err != nil {
		return err
	}
	pr, err := pageRequest(c)
	if err != nil {
		return err
	}
	page, err := s.notify.FailedMessages(c.UserContext(), pr)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, page)
}

func (s *server) vapidPublicKey(c *fiber.Ctx) error {
	key := ""
	if s.notify != nil {
		key = s.notify.VAPIDPublicKey()
	}
	if key == "" {
		return apperr.New(apperr.KindUnavailable, apperr.CodeUnavailable, "Thông báo đẩy chưa được bật.")
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	return c.JSON(fiber.Map{"key": key})
}

func (s *server) subscribePush(c *fiber.Ctx) error {
	if err := s.requireNotify(); err != nil {
		return err
	}
	var in notify.Subscription
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := s.notify.Subscribe(c.UserContext(), httpx.CurrentUser(c).ID, in); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusCreated)
}

func (s *server) unsubscribePush(c *fiber.Ctx) error {
	if err := s.requireNotify(); err != nil {
		return err
	}
	var in struct {
		Endpoint string `json:"endpoint"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := s.notify.Unsubscribe(c.UserContext(), httpx.CurrentUser(c).ID, in.Endpoint); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
