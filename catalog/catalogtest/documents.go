package catalogtest

import (
	"context"
	"testing"

	"github.com/ganh-market/ganh/catalog"
	"gorm.io/gorm"
)

// CheckDocuments fails the test, when it ends, if a product's stored public
// document (the read model) is missing or differs from what the database
// composes from the product's rows then: some write forgot
// catalog.ProductsChanged. Call it where a package's tests set up a
// database, so every test that writes the catalog proves the rule.
func CheckDocuments(t testing.TB, db *gorm.DB) {
	t.Cleanup(func() {
		stale, err := catalog.StaleDocuments(context.Background(), db)
		if err != nil {
			t.Errorf("check product documents: %v", err)
		} else if len(stale) > 0 {
			t.Errorf("%d product documents are stale or missing (a write without catalog.ProductsChanged): %v", len(stale), stale)
		}
	})
}
