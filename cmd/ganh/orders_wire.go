package main

import (
	"context"
	"time"

	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
	"gorm.io/gorm"
)

// wireOrders builds checkout and orders, which add each delivered order to
// the sales reports' rollups, and adds the hourly cleanup of idempotency
// keys older than 24 hours.
func (s *services) wireOrders(cfg config.Config, db *gorm.DB) *orders.Service {
	ord := orders.NewService(db, reports.Rollups{}, orders.WithGuestLookupLimit(cfg.OrderLookupFailuresPerIP, cfg.LoginWindow),
		orders.WithSePayKey(cfg.Payments.SePayAPIKey.Reveal()))
	s.workers = append(s.workers, every(time.Hour, func(ctx context.Context) {
		if err := ord.Cleanup(ctx); err != nil {
			s.log.Warn("cleanup of idempotency keys failed", "error", err)
		}
	}))
	return ord
}
