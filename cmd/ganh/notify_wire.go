package main

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/notify"
	"github.com/ganh-market/ganh/outbox"
)

// wireNotify adds the notification service (inbox, settings, channels) to
// the API and the pages, and its relays to the workers: one for the events,
// one per configured channel. Web Push is always on: its VAPID keys come
// from the configuration or are generated once and kept in the database.
// Zalo ZNS, SMS and email are on when configured, and absent otherwise.
func (s *services) wireNotify(ctx context.Context, cfg config.Config, db *gorm.DB) error {
	nc := cfg.Notify
	keys, err := notify.LoadVAPID(ctx, db, notify.VAPID{Public: nc.VAPIDPublicKey, Private: nc.VAPIDPrivateKey.Reveal()})
	if err != nil {
		return fmt.Errorf("web push keys: %w", err)
	}
	subscriber := nc.VAPIDSubscriber
	if subscriber == "" {
		subscriber = cfg.PublicURL
	}
	channels := []notify.Channel{notify.NewPush(db, notify.PushOptions{Keys: keys, Subscriber: subscriber})}
	if nc.UsesZalo() {
		channels = append(channels, notify.NewZalo(notify.ZaloOptions{
			BaseURL: nc.ZaloBaseURL, AccessToken: nc.ZaloAccessToken.Reveal(), Templates: nc.ZaloTemplates,
		}))
	}
	if nc.UsesSMS() {
		channels = append(channels, notify.NewSMS(notify.SMSOptions{
			BaseURL: nc.SMSBaseURL, APIKey: nc.SMSAPIKey, SecretKey: nc.SMSSecretKey.Reveal(),
			Brandname: nc.SMSBrandname, Unicode: nc.SMSUnicode,
		}))
	}
	if nc.SMTPURL != "" {
		email, err := notify.NewEmail(nc.SMTPURL.Reveal(), 0)
		if err != nil {
			return err
		}
		channels = append(channels, email)
	}
	n := notify.New(db, notify.Options{
		Channels: channels, MaxAttempts: nc.MaxAttempts, PublicURL: cfg.PublicURL,
		PushAllowHTTP: nc.PushAllowHTTP, Log: s.log,
	})
	s.notify = n
	for _, r := range n.Relays(outbox.Options{Log: s.log}) {
		s.workers = append(s.workers, r.Run)
	}
	return nil
}
