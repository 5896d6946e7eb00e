package notify

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
	"gorm.io/gorm"
)

// Push is the Web Push channel: every subscribed browser of an account gets
// the message, encrypted per RFC 8291 (aes128gcm) and signed per RFC 8292
// (VAPID), by github.com/SherClockHolmes/webpush-go.
type Push struct {
	db   *gorm.DB
	keys VAPID
	// subscriber is the VAPID contact (the site's https URL or a mailto).
	subscriber string
	client     *http.Client
	ttl        time.Duration
}

// PushOptions configure the Web Push channel.
type PushOptions struct {
	Keys VAPID
	// Subscriber is the contact push services may use: an https URL of
	// the site, or an email address.
	Subscriber string
	// Timeout bounds one push service call (10 s).
	Timeout time.Duration
	// TTL is how long a push service keeps a message for an offline
	// browser (24 h).
	TTL time.Duration
}

// NewPush returns the Web Push channel over the subscriptions in db.
func NewPush(db *gorm.DB, o PushOptions) *Push {
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.TTL <= 0 {
		o.TTL = 24 * time.Hour
	}
	return &Push{db: db, keys: o.Keys, subscriber: o.Subscriber, client: &http.Client{Timeout: o.Timeout}, ttl: o.TTL}
}

// Name is "push".
func (p *Push) Name() string { return "push" }

// Address is the account itself when it has a subscribed browser.
func (p *Push) Address(ctx context.Context, r Recipient) (string, error) {
	if r.guest() {
		return "", nil
	}
	var n int64
	if err := p.db.WithContext(ctx).Model(&subscriptionRow{}).Where("user_id = ?", r.UserID).Count(&n).Error; err != nil {
		return "", err
	}
	if n == 0 {
		return "", nil
	}
	return r.UserID, nil
}

// pushPayload is what the service worker receives (API.md).
type pushPayload struct {
	Kind  string          `json:"kind"`
	Title string          `json:"title"`
	Body  string          `json:"body"`
	Link  string          `json:"link"`
	Data  json.RawMessage `json:"data"`
}

// Send pushes m to every browser of its account. A subscription the push
// service says is gone (404, 410) is removed. The Topic header, derived
// from the dedup key, lets a push service replace a copy still queued when
// a retry sends again.
func (p *Push) Send(ctx context.Context, m Message) error {
	var subs []subscriptionRow
	if err := p.db.WithContext(ctx).Where("user_id = ?", m.UserID).Order("id").Find(&subs).Error; err != nil {
		return err
	}
	if len(subs) == 0 {
		return Permanent(errGone)
	}
	body, err := json.Marshal(pushPayload{Kind: m.Kind, Title: m.Title, Body: m.Body, Link: m.Link, Data: json.RawMessage(m.Data)})
	if err != nil {
		return Permanent(err)
	}
	topic := sha256.Sum256([]byte(m.DedupKey))
	opts := &webpush.Options{
		HTTPClient: p.client, Subscriber: p.subscriber, TTL: int(p.ttl.Seconds()), Urgency: webpush.UrgencyHigh,
		Topic:          base64.RawURLEncoding.EncodeToString(topic[:24]), // 32 characters, the most RFC 8030 allows
		VAPIDPublicKey: p.keys.Public, VAPIDPrivateKey: p.keys.Private,
	}
	var firstErr error
	delivered := 0
	for _, sub := range subs {
		res, err := webpush.SendNotificationWithContext(ctx, body, &webpush.Subscription{
			Endpoint: sub.Endpoint, Keys: webpush.Keys{P256dh: sub.P256dh, Auth: sub.Auth},
		}, opts)
		if err != nil {
			firstErr = cmpErr(firstErr, fmt.Errorf("push service: %w", err))
			continue
		}
		_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 4<<10))
		_ = res.Body.Close()
		switch {
		case res.StatusCode >= 200 && res.StatusCode < 300:
			delivered++
		case res.StatusCode == http.StatusNotFound || res.StatusCode == http.StatusGone:
			if err := p.db.WithContext(context.WithoutCancel(ctx)).Delete(&subscriptionRow{}, "id = ?", sub.ID).Error; err != nil {
				firstErr = cmpErr(firstErr, err)
			}
		default:
			firstErr = cmpErr(firstErr, fmt.Errorf("push service answered %d", res.StatusCode))
		}
	}
	if delivered > 0 || firstErr == nil {
		// Delivered to at least one browser: a retry would repeat it on
		// those; the gone ones are removed.
		if delivered == 0 {
			return Permanent(errGone)
		}
		return nil
	}
	return firstErr
}

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}
