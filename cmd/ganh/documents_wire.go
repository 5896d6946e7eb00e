package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/ganh-market/ganh/catalog"
	"gorm.io/gorm"
)

// renderProductDocuments renders, before the server listens, the public
// product documents that are missing or of another binary's format (the
// read model, catalog.ProductsChanged): after an upgrade, or on a database
// that had products before it. It costs one statement when none is stale.
// A failure stops the start: the public would not see those products.
func renderProductDocuments(ctx context.Context, log *slog.Logger, db *gorm.DB) error {
	start := time.Now()
	n, err := catalog.RenderStaleDocuments(ctx, db)
	if err != nil {
		return fmt.Errorf("render product documents: %w", err)
	}
	if n > 0 {
		log.Info("product documents rendered", "count", n, "took", time.Since(start))
	}
	return nil
}
