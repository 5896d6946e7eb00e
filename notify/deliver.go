package notify

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/outbox"
)

// Message statuses.
const (
	statusPending = "pending"
	statusSent    = "sent"
	statusFailed  = "failed"
)

// Message is one delivery on one channel, as the channel sends it.
type Message struct {
	ID       string
	DedupKey string
	Kind     string
	Channel  string
	UserID   string
	// Address is what Channel.Address returned for the recipient.
	Address string
	Title   string
	Body    string
	// Link is absolute when the service knows the public URL.
	Link string
	// Data is the notification's `data` JSON.
	Data      string
	CreatedAt time.Time
}

// messageRow is a row of notification_messages (migration 00013).
type messageRow struct {
	ID         string `gorm:"primaryKey"`
	DedupKey   string
	EventID    string
	Kind       string
	Channel    string
	UserID     *string
	Address    string
	Title      string
	Body       string
	Link       string
	Data       string
	Status     string
	Attempts   int
	LastError  string
	CreatedAt  time.Time
	FinishedAt *time.Time
}

func (messageRow) TableName() string { return "notification_messages" }

// maxErrorLen bounds a kept error: enough for staff to act on.
const maxErrorLen = 500

// sendsAtOnce bounds the sends of one batch in flight together: a push
// service or a provider answers in tens of milliseconds, and one at a time
// would cap a channel at a few dozen messages a second.
const sendsAtOnce = 8

// deliverer is the outbox handler of one channel's messages. The outbox
// hands a message to one relay at a time (its key is the message id); a
// message already sent or failed is skipped, so a replay sends nothing.
// A batch's rows are read in one query, sent up to sendsAtOnce at a time,
// and the sent ones marked in one statement.
func (s *Service) deliverer(ch Channel) outbox.Handler {
	return func(ctx context.Context, batch []outbox.Message) map[int64]error {
		ids := make([]string, len(batch))
		for i, m := range batch {
			ids[i] = m.Key
		}
		var rows []messageRow
		if err := s.db.WithContext(ctx).Where("id IN ? AND status = ?", ids, statusPending).Find(&rows).Error; err != nil {
			return outbox.FailAll(batch, err)
		}
		byID := make(map[string]*messageRow, len(rows))
		for i := range rows {
			byID[rows[i].ID] = &rows[i]
		}
		var (
			mu     sync.Mutex
			wg     sync.WaitGroup
			failed = map[int64]error{}
			sent   []string
			slots  = make(chan struct{}, sendsAtOnce)
		)
		for _, m := range batch {
			r := byID[m.Key]
			if r == nil {
				continue // sent, failed, or its person deleted with it
			}
			byID[m.Key] = nil // the same message twice in a batch is sent once
			slots <- struct{}{}
			wg.Go(func() {
				defer func() { <-slots }()
				ok, err := s.deliver(ctx, ch, r)
				mu.Lock()
				defer mu.Unlock()
				if ok {
					sent = append(sent, r.ID)
				}
				if err != nil {
					failed[m.ID] = err
				}
			})
		}
		wg.Wait()
		if len(sent) > 0 {
			// Marked even if the relay is stopping: the sends happened.
			err := s.db.WithContext(context.WithoutCancel(ctx)).Model(&messageRow{}).
				Where("id IN ? AND status = ?", sent, statusPending).
				Updates(map[string]any{"status": statusSent, "attempts": gorm.Expr("attempts + 1"), "last_error": "", "finished_at": s.now()}).Error
			if err != nil {
				return outbox.FailAll(batch, err)
			}
		}
		return failed
	}
}

// deliver sends r once. It says whether the send succeeded (the caller marks
// it), and returns the error to retry; a failure for good is marked here.
func (s *Service) deliver(ctx context.Context, ch Channel, r *messageRow) (bool, error) {
	start := time.Now()
	err := ch.Send(ctx, s.messageOf(*r))
	s.metrics.observe(ch.Name(), err, time.Since(start), s.now().Sub(r.CreatedAt))
	if err == nil {
		return true, nil
	}
	db := s.db.WithContext(context.WithoutCancel(ctx))
	msg := truncate(err.Error(), maxErrorLen)
	if IsPermanent(err) || r.Attempts+1 >= s.o.MaxAttempts {
		s.o.Log.Warn("notify: message failed for good", "channel", ch.Name(), "message_id", r.ID, "attempts", r.Attempts+1, "error", msg)
		return false, db.Model(&messageRow{}).Where("id = ? AND status = ?", r.ID, statusPending).
			Updates(map[string]any{"status": statusFailed, "attempts": r.Attempts + 1, "last_error": msg, "finished_at": s.now()}).Error
	}
	if uerr := db.Model(&messageRow{}).Where("id = ?", r.ID).
		Updates(map[string]any{"attempts": r.Attempts + 1, "last_error": msg}).Error; uerr != nil {
		return false, errors.Join(err, uerr)
	}
	// Reported to the relay, which retries after its backoff with jitter.
	return false, fmt.Errorf("%s: %w", ch.Name(), err)
}

// errGone is a recipient address that no longer exists (a push
// subscription the service answered 404 or 410 for).
var errGone = errors.New("the address no longer exists")

func (s *Service) messageOf(r messageRow) Message {
	m := Message{ID: r.ID, DedupKey: r.DedupKey, Kind: r.Kind, Channel: r.Channel, Address: r.Address,
		Title: r.Title, Body: r.Body, Link: s.o.PublicURL + r.Link, Data: r.Data, CreatedAt: r.CreatedAt}
	if r.UserID != nil {
		m.UserID = *r.UserID
	}
	return m
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
