package outbox

import (
	"encoding/json"
	"fmt"

	"gorm.io/gorm"
)

// Keyed is one message of WriteBatch: its key and payload (marshalled to
// JSON; nil for none).
type Keyed struct {
	Key     string
	Payload any
}

// WriteBatch queues several messages of topic in one statement, with the
// transaction of the change, for writers that make a few at once (one event
// per order of a checkout) inside a transaction that holds locks.
func WriteBatch(tx *gorm.DB, topic string, msgs []Keyed) error {
	if len(msgs) == 0 {
		return nil
	}
	rows := make([]Row, len(msgs))
	for i, m := range msgs {
		rows[i] = Row{Topic: topic, Key: m.Key}
		if m.Payload != nil {
			b, err := json.Marshal(m.Payload)
			if err != nil {
				return fmt.Errorf("outbox: payload of %s %s: %w", topic, m.Key, err)
			}
			s := string(b)
			rows[i].Payload = &s
		}
	}
	return create(tx, rows)
}
