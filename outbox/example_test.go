package outbox_test

import (
	"context"
	"encoding/json"
	"log/slog"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/outbox"
)

// A follower declares its topic, writes its messages in the writers'
// transactions and runs a relay with a handler for the topic (cmd/ganh adds
// relay.Run to the workers of `ganh serve`). The handler reports only what
// failed; those rows come back after a backoff.
func ExampleNewRelay() {
	const topicOrderPaid = "order.paid"
	type paid struct {
		OrderCode string `json:"order_code"`
	}
	var db *gorm.DB // the application's database
	send := func(context.Context, paid) error { return nil }

	// In the writer, inside the transaction that records the payment:
	_ = db.Transaction(func(tx *gorm.DB) error {
		// … the change itself …
		return outbox.Write(tx, topicOrderPaid, "order-id", paid{OrderCode: "GA-7K2P"})
	})

	// In the follower:
	relay := outbox.NewRelay(db, map[string]outbox.Handler{
		topicOrderPaid: func(ctx context.Context, batch []outbox.Message) map[int64]error {
			failed := map[int64]error{}
			for _, m := range batch {
				var p paid
				if err := json.Unmarshal(m.Payload, &p); err != nil {
					failed[m.ID] = err
					continue
				}
				if err := send(ctx, p); err != nil {
					failed[m.ID] = err
				}
			}
			return failed
		},
	}, outbox.Options{Name: "notifications", Log: slog.Default()})
	go relay.Run(context.Background())
}
