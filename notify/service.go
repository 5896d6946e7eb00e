package notify

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/ganh-market/ganh/notify/event"
	"github.com/ganh-market/ganh/outbox"
)

// Channel delivers messages one way (Web Push, Zalo, SMS, email). The inbox
// is not a channel: every account has it, written by fanout itself.
type Channel interface {
	// Name is the channel's name in settings, metrics and the outbox topic:
	// push, zalo, sms or email.
	Name() string
	// Address is where the channel reaches r ("" when it cannot: no
	// phone, not staff, no subscription). It is kept on the message.
	Address(ctx context.Context, r Recipient) (string, error)
	// Send delivers m. An error wrapped by Permanent is not retried.
	Send(ctx context.Context, m Message) error
}

// kindFilter is a channel that carries only some kinds (Zalo: those with
// an approved template).
type kindFilter interface{ Handles(kind string) bool }

// Channels lists the names a channel may have, in the order settings show.
var Channels = []string{"push", "zalo", "sms", "email"}

// permanent marks a failure that another try cannot fix.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent wraps err so the message fails at once instead of being retried
// (a refused template, a number the provider says does not exist).
func Permanent(err error) error { return permanent{err} }

// IsPermanent says whether err was wrapped by Permanent.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}

// Options tune a Service; the zero value is the production setting with no
// channel but the inbox.
type Options struct {
	// Channels are the configured channels besides the inbox.
	Channels []Channel
	// MaxAttempts is how many tries a message gets before it is kept as
	// failed (5).
	MaxAttempts int
	// PublicURL makes links absolute for channels read outside the site.
	PublicURL string
	// PushAllowHTTP admits http:// push endpoints (GANH_PUSH_ALLOW_HTTP,
	// for tests and development); otherwise only https://.
	PushAllowHTTP bool
	Log           *slog.Logger
	// Now is the clock; tests move it.
	Now func() time.Time
}

// Service turns events into messages and keeps the inbox.
type Service struct {
	db       *gorm.DB
	o        Options
	channels map[string]Channel
	metrics  *Metrics
}

// New returns the notification service over db.
func New(db *gorm.DB, o Options) *Service {
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 5
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &Service{db: db, o: o, channels: map[string]Channel{}, metrics: newMetrics()}
	for _, ch := range o.Channels {
		s.channels[ch.Name()] = ch
	}
	return s
}

func (s *Service) now() time.Time { return s.o.Now().UTC().Truncate(time.Microsecond) }

// topicOf is the outbox topic of a channel's messages.
func topicOf(channel string) string { return event.Topic + "." + channel }

// Relays are the outbox relays that deliver notifications: one for the
// events, one per configured channel, so a slow channel never holds up the
// inbox or another channel. o tunes them all (Name is set per relay).
func (s *Service) Relays(o outbox.Options) []*outbox.Relay {
	mk := func(topic string, h outbox.Handler) *outbox.Relay {
		ro := o
		ro.Name = topic
		return outbox.NewRelay(s.db, map[string]outbox.Handler{topic: h}, ro)
	}
	out := []*outbox.Relay{mk(event.Topic, s.Fanout)}
	for _, name := range Channels {
		if ch, ok := s.channels[name]; ok {
			out = append(out, mk(topicOf(name), s.deliverer(ch)))
		}
	}
	return out
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func isNotFound(err error) bool { return errors.Is(err, gorm.ErrRecordNotFound) }
