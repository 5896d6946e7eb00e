package outbox

import (
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Row is a row of the outbox table (migrations 00003 and 00011).
type Row struct {
	ID    int64 `gorm:"primaryKey;autoIncrement"`
	Topic string
	// Key is what the row is about (a product id, a notification id);
	// the column keeps its first name.
	Key         string `gorm:"column:aggregate_id"`
	Payload     *string
	CreatedAt   time.Time
	AvailableAt time.Time
	Attempts    int
	LastError   *string
	ProcessedAt *time.Time
	LeasedUntil *time.Time
}

// TableName is the outbox table.
func (Row) TableName() string { return "outbox" }

// Message is a row as a Handler receives it.
type Message struct {
	ID    int64
	Topic string
	Key   string
	// Payload is the JSON given to Write, or nil.
	Payload json.RawMessage
	// Attempts counts the earlier calls that reported this message failed.
	Attempts  int
	CreatedAt time.Time
}

func (r Row) message() Message {
	m := Message{ID: r.ID, Topic: r.Topic, Key: r.Key, Attempts: r.Attempts, CreatedAt: r.CreatedAt}
	if r.Payload != nil {
		m.Payload = json.RawMessage(*r.Payload)
	}
	return m
}

// Write queues one message of topic about key, with payload marshalled to
// JSON (nil for none). Call it with the transaction that makes the change:
// the message exists exactly when the change committed.
func Write(tx *gorm.DB, topic, key string, payload any) error {
	row := Row{Topic: topic, Key: key}
	if payload != nil {
		b, err := json.Marshal(payload)
		if err != nil {
			return fmt.Errorf("outbox: payload of %s %s: %w", topic, key, err)
		}
		s := string(b)
		row.Payload = &s
	}
	return create(tx, []Row{row})
}

// WriteKeys queues one message without payload per key, in one statement.
func WriteKeys(tx *gorm.DB, topic string, keys ...string) error {
	if len(keys) == 0 {
		return nil
	}
	rows := make([]Row, len(keys))
	for i, k := range keys {
		rows[i] = Row{Topic: topic, Key: k}
	}
	return create(tx, rows)
}

func create(tx *gorm.DB, rows []Row) error {
	now := time.Now().UTC()
	for i := range rows {
		rows[i].CreatedAt, rows[i].AvailableAt = now, now
	}
	if err := tx.Create(&rows).Error; err != nil {
		return fmt.Errorf("outbox: write: %w", err)
	}
	return nil
}

// WriteKeysFrom queues one message without payload per key that query (a
// SELECT of one text column, with args) returns, in one INSERT … SELECT:
// for changes that touch many keys the database already knows (every
// product of a cooperative), without loading them.
func WriteKeysFrom(tx *gorm.DB, topic, query string, args ...any) error {
	now := time.Now().UTC()
	// k.* is query's one column: SQLite has no column list for a
	// subquery's alias.
	err := tx.Exec(`INSERT INTO outbox (topic, aggregate_id, created_at, available_at, attempts)
		SELECT ?, k.*, ?, ?, 0 FROM (`+query+`) AS k`,
		append([]any{topic, now, now}, args...)...).Error
	if err != nil {
		return fmt.Errorf("outbox: write: %w", err)
	}
	return nil
}
