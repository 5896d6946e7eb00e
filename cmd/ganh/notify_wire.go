package main

import (
	"gorm.io/gorm"

	"github.com/ganh-market/ganh/notify"
	"github.com/ganh-market/ganh/outbox"
)

// wireNotify adds the notification service (inbox, settings, channels) to
// the API and the pages, and its relays to the workers: one for the events,
// one per configured channel.
func (s *services) wireNotify(db *gorm.DB) {
	cfg := s.deps.Config
	n := notify.New(db, notify.Options{MaxAttempts: cfg.Notify.MaxAttempts, PublicURL: cfg.PublicURL, Log: s.log})
	s.notify = n
	s.deps.Notify = n
	for _, r := range n.Relays(outbox.Options{Log: s.log}) {
		s.workers = append(s.workers, r.Run)
	}
}
