package catalog

import (
	"time"

	"gorm.io/gorm"
)

// TopicProduct is the outbox topic of a product whose search document may
// have changed; aggregate_id is the product id. The follower re-reads the
// product and upserts or deletes its document, so duplicates are harmless.
const TopicProduct = "product"

// OutboxRow is a row of the outbox table. The search worker claims pending
// rows (processed_at IS NULL AND available_at <= now) in id order.
type OutboxRow struct {
	ID          int64 `gorm:"primaryKey;autoIncrement"`
	Topic       string
	AggregateID string
	CreatedAt   time.Time
	AvailableAt time.Time
	Attempts    int
	LastError   *string
	ProcessedAt *time.Time
}

// TableName is the outbox table of migration 00003.
func (OutboxRow) TableName() string { return "outbox" }

// EnqueueProductSync queues the products for search sync. Call it with the
// transaction that changes them, so the index can never miss a committed
// change nor see one that was rolled back.
func EnqueueProductSync(tx *gorm.DB, productIDs ...string) error {
	if len(productIDs) == 0 {
		return nil
	}
	now := time.Now().UTC()
	rows := make([]OutboxRow, len(productIDs))
	for i, id := range productIDs {
		rows[i] = OutboxRow{Topic: TopicProduct, AggregateID: id, CreatedAt: now, AvailableAt: now}
	}
	return tx.Create(&rows).Error
}

// enqueueCoopProducts queues every product of a coop in one statement, for
// changes of the coop that every product's document shows (name, province,
// status).
func enqueueCoopProducts(tx *gorm.DB, coopID string, now time.Time) error {
	return enqueueProductsWhere(tx, now, "coop_id = ?", coopID)
}

// enqueueProductsWhere queues the products matching cond (a constant of this
// package with one parameter) in one INSERT … SELECT.
func enqueueProductsWhere(tx *gorm.DB, now time.Time, cond string, arg any) error {
	return tx.Exec(`INSERT INTO outbox (topic, aggregate_id, created_at, available_at, attempts)
		SELECT ?, id, ?, ?, 0 FROM products WHERE `+cond, TopicProduct, now, now, arg).Error
}
