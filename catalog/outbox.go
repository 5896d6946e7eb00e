package catalog

import (
	"gorm.io/gorm"

	"github.com/ganh-market/ganh/outbox"
)

// TopicProduct is the outbox topic of a product whose search document may
// have changed; the key is the product id. The follower re-reads the
// product and upserts or deletes its document, so duplicates are harmless.
const TopicProduct = "product"

// EnqueueProductSync queues the products for search sync. Call it with the
// transaction that changes them, so the index can never miss a committed
// change nor see one that was rolled back.
func EnqueueProductSync(tx *gorm.DB, productIDs ...string) error {
	return outbox.WriteKeys(tx, TopicProduct, productIDs...)
}

// enqueueCoopProducts queues every product of a coop in one statement, for
// changes of the coop that every product's document shows (name, province,
// status).
func enqueueCoopProducts(tx *gorm.DB, coopID string) error {
	return enqueueProductsWhere(tx, "coop_id = ?", coopID)
}

// enqueueProductsWhere queues the products matching cond (a constant of this
// package with one parameter) in one INSERT … SELECT.
func enqueueProductsWhere(tx *gorm.DB, cond string, arg any) error {
	return outbox.WriteKeysFrom(tx, TopicProduct, "SELECT id FROM products WHERE "+cond, arg)
}
