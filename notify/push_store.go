package notify

import (
	"context"
	"crypto/ecdh"
	"encoding/base64"
	"net/url"
	"strings"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/ganh-market/ganh/apperr"
)

// VAPID is the key pair the marketplace signs Web Push requests with
// (RFC 8292), base64url without padding: the public key is an uncompressed
// P-256 point, the private key its 32-byte scalar.
type VAPID struct {
	Public  string
	Private string
}

type vapidRow struct {
	ID         int `gorm:"primaryKey"`
	PublicKey  string
	PrivateKey string
	CreatedAt  time.Time
}

func (vapidRow) TableName() string { return "push_vapid_keys" }

// LoadVAPID returns the configured key pair when both halves are set, or
// the one kept in the database, generating and keeping it on first start.
// Two processes starting at once keep the first pair written.
func LoadVAPID(ctx context.Context, db *gorm.DB, configured VAPID) (VAPID, error) {
	if configured.Public != "" && configured.Private != "" {
		return configured, nil
	}
	priv, pub, err := webpush.GenerateVAPIDKeys()
	if err != nil {
		return VAPID{}, err
	}
	err = db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).
		Create(&vapidRow{ID: 1, PublicKey: pub, PrivateKey: priv, CreatedAt: time.Now().UTC()}).Error
	if err != nil {
		return VAPID{}, err
	}
	var r vapidRow
	if err := db.WithContext(ctx).Take(&r, 1).Error; err != nil {
		return VAPID{}, err
	}
	return VAPID{Public: r.PublicKey, Private: r.PrivateKey}, nil
}

// subscriptionRow is a row of push_subscriptions.
type subscriptionRow struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	Endpoint  string
	P256dh    string `gorm:"column:p256dh"`
	Auth      string
	CreatedAt time.Time
}

func (subscriptionRow) TableName() string { return "push_subscriptions" }

// Subscription is a browser's PushSubscription as the API takes it.
type Subscription struct {
	Endpoint string `json:"endpoint"`
	Keys     struct {
		P256dh string `json:"p256dh"`
		Auth   string `json:"auth"`
	} `json:"keys"`
}

// maxEndpointLen bounds an endpoint: push services' URLs are a few hundred
// characters.
const maxEndpointLen = 2000

// checkEndpoint admits an https URL (or http when allowHTTP is set, for
// tests and development), with a host.
func checkEndpoint(endpoint string, allowHTTP bool) error {
	u, err := url.Parse(endpoint)
	ok := err == nil && u.Host != "" && u.User == nil && len(endpoint) <= maxEndpointLen &&
		(u.Scheme == "https" || (allowHTTP && u.Scheme == "http"))
	if !ok {
		return apperr.Field("endpoint", "endpoint phải là một địa chỉ https:// của dịch vụ thông báo đẩy.")
	}
	return nil
}

// Subscribe keeps a browser's subscription for a person. The same endpoint
// again (a browser renewing its keys, or signed in as someone else now)
// replaces the old row: an endpoint is one device.
func (s *Service) Subscribe(ctx context.Context, userID string, sub Subscription) error {
	if err := checkEndpoint(sub.Endpoint, s.o.PushAllowHTTP); err != nil {
		return err
	}
	p, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(sub.Keys.P256dh, "="))
	if err == nil {
		_, err = ecdh.P256().NewPublicKey(p)
	}
	if err != nil {
		return apperr.Field("keys.p256dh", "keys.p256dh phải là khoá công khai P-256 (base64url).")
	}
	a, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(sub.Keys.Auth, "="))
	if err != nil || len(a) != 16 {
		return apperr.Field("keys.auth", "keys.auth phải là 16 byte (base64url).")
	}
	row := subscriptionRow{ID: newID(), UserID: userID, Endpoint: sub.Endpoint, P256dh: sub.Keys.P256dh, Auth: sub.Keys.Auth, CreatedAt: s.now()}
	return s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "endpoint"}},
		DoUpdates: clause.AssignmentColumns([]string{"user_id", "p256dh", "auth", "created_at"}),
	}).Create(&row).Error
}

// Unsubscribe forgets a person's subscription; another person's endpoint
// changes nothing.
func (s *Service) Unsubscribe(ctx context.Context, userID, endpoint string) error {
	if endpoint == "" {
		return apperr.Field("endpoint", "Hãy gửi endpoint của đăng ký cần xoá.")
	}
	return s.db.WithContext(ctx).Where("user_id = ? AND endpoint = ?", userID, endpoint).Delete(&subscriptionRow{}).Error
}

// VAPIDPublicKey is the key browsers subscribe with (applicationServerKey),
// "" when Web Push is not set up.
func (s *Service) VAPIDPublicKey() string {
	if p, ok := s.channels["push"].(*Push); ok {
		return p.keys.Public
	}
	return ""
}
