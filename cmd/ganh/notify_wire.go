package main

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/notify"
	"github.com/ganh-market/ganh/outbox"
)

// wireNotify adds the notification service (inbox, settings, channels) to
// the API and the pages, and its relays to the workers: one for the events,
// one per configured channel. Web Push is always on: its VAPID keys come
// from the configuration or are generated once and kept in the database.
func (s *services) wireNotify(ctx context.Context, db *gorm.DB) error {
	cfg := s.deps.Config
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
	n := notify.New(db, notify.Options{
		Channels: channels, MaxAttempts: nc.MaxAttempts, PublicURL: cfg.PublicURL,
		PushAllowHTTP: nc.PushAllowHTTP, Log: s.log,
	})
	s.notify = n
	s.deps.Notify = n
	for _, r := range n.Relays(outbox.Options{Log: s.log}) {
		s.workers = append(s.workers, r.Run)
	}
	return nil
}
