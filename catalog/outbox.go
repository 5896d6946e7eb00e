package catalog

import "gorm.io/gorm"

// TopicProduct is the outbox topic of a product whose search document may
// have changed; the key is the product id. The follower re-reads the
// product and upserts or deletes its document, so duplicates are harmless.
// ProductsChanged writes it.
const TopicProduct = "product"

// coopProductsChanged is ProductsChanged for every product of a coop, for
// changes of the coop that every product's document shows (name, province,
// status).
func coopProductsChanged(tx *gorm.DB, coopID string) error {
	return productsChangedWhere(tx, "p.coop_id = ?", coopID)
}
