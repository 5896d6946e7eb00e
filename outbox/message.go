package outbox

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ganh-market/ganh/database"
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

// Gather runs fn and writes every message fn queues through tx (Write,
// WriteKeys, WriteBatch) in one INSERT once fn returns nil; when fn fails
// nothing is written. It is for a transaction whose messages come from
// several packages, as a checkout's do (its products for search, its
// notifications), and saves a statement per writer. fn must not roll back
// part of its work (a savepoint) after queuing. WriteKeysFrom is not
// gathered: it writes at once.
func Gather(tx *gorm.DB, fn func(tx *gorm.DB) error) error {
	ctx := tx.Statement.Context
	if ctx == nil {
		ctx = context.Background()
	}
	g := &gathered{}
	if err := fn(tx.WithContext(context.WithValue(ctx, gatherKey{}, g))); err != nil {
		return err
	}
	if len(g.rows) == 0 {
		return nil
	}
	return insert(tx, g.rows)
}

// QueueGathered moves the messages gathered so far by the Gather that
// p's transaction runs in onto p, as one INSERT that runs with p: a
// transaction that ends with a pipeline sends its messages in the same
// round trip. Messages queued afterwards are written when Gather ends, as
// usual. Outside Gather it does nothing.
func QueueGathered(p *database.Pipeline) {
	g := gatheredOf(p.Tx())
	if g == nil || len(g.rows) == 0 {
		return
	}
	rows := g.rows
	g.rows = nil
	p.Create(&rows, nil)
}

// gathered holds the rows queued inside Gather.
type gathered struct{ rows []Row }

type gatherKey struct{}

func create(tx *gorm.DB, rows []Row) error {
	now := time.Now().UTC()
	for i := range rows {
		rows[i].CreatedAt, rows[i].AvailableAt = now, now
	}
	if g := gatheredOf(tx); g != nil {
		g.rows = append(g.rows, rows...)
		return nil
	}
	return insert(tx, rows)
}

// gatheredOf is the Gather tx runs in, or nil.
func gatheredOf(tx *gorm.DB) *gathered {
	if ctx := tx.Statement.Context; ctx != nil {
		g, _ := ctx.Value(gatherKey{}).(*gathered)
		return g
	}
	return nil
}

func insert(tx *gorm.DB, rows []Row) error {
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
