package main

import (
	"context"
	"log/slog"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
	"gorm.io/gorm"
)

// matchLegacyCommunes gives coops and orders stored before communes were
// checked the code of an exact match (migration 00016 added the columns
// empty). It runs at every start, as cheap as the rows left unmatched; a
// failure is logged and the server starts anyway: the rows keep their text.
func matchLegacyCommunes(ctx context.Context, log *slog.Logger, db *gorm.DB) {
	coops, left, err := catalog.NewService(db).MatchLegacyCommunes(ctx)
	if err != nil {
		log.Warn("matching the communes of coops failed", "error", err)
		return
	}
	ords, err := orders.NewService(db, reports.Rollups{}).MatchLegacyCommunes(ctx)
	if err != nil {
		log.Warn("matching the communes of orders failed", "error", err)
		return
	}
	if coops > 0 || ords > 0 || left > 0 {
		log.Info("communes matched to the 2025 list", "coops", coops, "orders", ords, "coops_for_review", left)
	}
}
