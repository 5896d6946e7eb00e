package main

import (
	"context"
	"time"

	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
	"gorm.io/gorm"
)

// wireOrders adds checkout and orders, and the hourly cleanup of
// idempotency keys older than 24 hours.
func (s *services) wireOrders(db *gorm.DB) {
	cfg := s.deps.Config
	ord := orders.NewService(db, reports.Rollups{}, orders.WithGuestLookupLimit(cfg.OrderLookupFailuresPerIP, cfg.LoginWindow))
	s.orders = ord
	s.deps.Orders = ord
	s.workers = append(s.workers, every(time.Hour, func(ctx context.Context) {
		if err := ord.Cleanup(ctx); err != nil {
			s.log.Warn("cleanup of idempotency keys failed", "error", err)
		}
	}))
}
