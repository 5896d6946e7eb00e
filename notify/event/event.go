// Package event is what the domain packages write when something happens that
// a person must hear about. It is a leaf (it knows only the outbox), so
// orders and catalog can write events without depending on the channels that
// deliver them; package notify turns the events into messages.
package event

import (
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/ganh-market/ganh/outbox"
)

// Topic is the outbox topic of every notification event.
const Topic = "notify"

// Kind names what happened; it is the `kind` of a notification (API.md).
type Kind string

// The kinds of API.md, "Notifications".
const (
	OrderPlaced    Kind = "order_placed"
	OrderStatus    Kind = "order_status"
	OrderPaid      Kind = "order_paid"
	OrderCancelled Kind = "order_cancelled"
	CoopApproved   Kind = "coop_approved"
	CoopRejected   Kind = "coop_rejected"
	CoopSuspended  Kind = "coop_suspended"
	ProductHidden  Kind = "product_hidden"
	LowStock       Kind = "low_stock"
	// PaymentUnmatched: money reached the coop's account for one of its
	// orders but did not pay it (short, the order cancelled or paid
	// already, a COD order); Reason is why (orders.Reason…).
	PaymentUnmatched Kind = "payment_unmatched"
)

// Kinds lists every kind, in the order of API.md.
var Kinds = []Kind{OrderPlaced, OrderStatus, OrderPaid, OrderCancelled, CoopApproved, CoopRejected, CoopSuspended, ProductHidden, LowStock, PaymentUnmatched}

// LowStockAt is the stock at or under which a variant's coop is warned, once
// when a sale takes it there.
const LowStockAt = 3

// Event is one thing that happened, as written in the transaction that made
// it happen. It carries what the messages show as it was at that moment
// (names, totals); who receives them is worked out when they are sent, so
// no phone number or name of a person sits in the outbox.
type Event struct {
	// ID identifies the event; with a recipient and a channel it is the
	// dedup key of a message, so a replayed event never reaches anyone twice.
	ID   string    `json:"id"`
	Kind Kind      `json:"kind"`
	At   time.Time `json:"at"`

	CoopID   string `json:"coop_id"`
	CoopSlug string `json:"coop_slug,omitempty"`
	CoopName string `json:"coop_name,omitempty"`

	OrderID   string `json:"order_id,omitempty"`
	OrderCode string `json:"order_code,omitempty"`
	TotalVND  int64  `json:"total_vnd,omitempty"`
	// Status is the order's new status (order_status).
	Status string `json:"status,omitempty"`
	// Reason is why an order was cancelled, a coop rejected or suspended,
	// or a product hidden.
	Reason string `json:"reason,omitempty"`

	ProductID   string `json:"product_id,omitempty"`
	ProductName string `json:"product_name,omitempty"`
	VariantID   string `json:"variant_id,omitempty"`
	VariantName string `json:"variant_name,omitempty"`
	Stock       *int   `json:"stock,omitempty"`
}

// Write queues e with the transaction of the change that caused it: the
// event exists exactly when the change committed. Events of one coop share
// an outbox key, so they are handled in the order they were written.
func Write(tx *gorm.DB, e Event) error { return WriteAll(tx, e) }

// WriteAll queues several events in one statement.
func WriteAll(tx *gorm.DB, es ...Event) error {
	msgs := make([]outbox.Keyed, len(es))
	now := time.Now().UTC()
	for i, e := range es {
		if e.CoopID == "" {
			return fmt.Errorf("notify event %s without a coop", e.Kind)
		}
		if e.ID == "" {
			e.ID = uuid.Must(uuid.NewV7()).String()
		}
		if e.At.IsZero() {
			e.At = now
		}
		msgs[i] = outbox.Keyed{Key: e.CoopID, Payload: e}
	}
	return outbox.WriteBatch(tx, Topic, msgs)
}
