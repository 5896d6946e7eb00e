package notify_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/notify/pushtest"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/notify"
)

// newBrowserKeys makes the keys a browser makes when it subscribes.
func newBrowserKeys(t *testing.T) pushtest.Browser {
	b, err := pushtest.NewBrowser()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkVAPID verifies an RFC 8292 Authorization header: "vapid t=<JWT>,
// k=<public key>", the JWT signed ES256 by that key, for the endpoint's
// origin, not expired, with a contact.
func checkVAPID(header, origin, wantKey string) error {
	rest, ok := strings.CutPrefix(header, "vapid ")
	if !ok {
		return fmt.Errorf("not vapid: %q", header)
	}
	var token, key string
	for _, part := range strings.Split(rest, ",") {
		part = strings.TrimSpace(part)
		if v, ok := strings.CutPrefix(part, "t="); ok {
			token = v
		}
		if v, ok := strings.CutPrefix(part, "k="); ok {
			key = v
		}
	}
	if key != wantKey {
		return fmt.Errorf("k=%s, want the marketplace's key", key)
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return fmt.Errorf("token %q", token)
	}
	raw, err := base64.RawURLEncoding.DecodeString(key)
	if err != nil {
		return err
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), raw)
	if err != nil {
		return fmt.Errorf("bad public key: %w", err)
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(sig) != 64 {
		return fmt.Errorf("signature %d bytes: %v", len(sig), err)
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if !ecdsa.Verify(pub, digest[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
		return fmt.Errorf("signature does not verify")
	}
	claimsJSON, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return err
	}
	var claims struct {
		Aud string `json:"aud"`
		Exp int64  `json:"exp"`
		Sub string `json:"sub"`
	}
	if err := json.Unmarshal(claimsJSON, &claims); err != nil {
		return err
	}
	if claims.Aud != origin || claims.Exp < time.Now().Unix() || claims.Sub == "" {
		return fmt.Errorf("claims %+v, want aud %s", claims, origin)
	}
	return nil
}

// pushService is a push service on a local httptest server: it keeps what
// it receives and answers status.
type pushService struct {
	*httptest.Server
	mu       sync.Mutex
	received []*http.Request
	bodies   [][]byte
	status   int
}

func newPushService(t *testing.T) *pushService {
	ps := &pushService{status: http.StatusCreated}
	ps.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		ps.mu.Lock()
		ps.received = append(ps.received, r)
		ps.bodies = append(ps.bodies, b)
		status := ps.status
		ps.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(ps.Close)
	return ps
}

func (ps *pushService) count() int {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return len(ps.received)
}

// TestWebPushEndToEnd: a seller's browser subscribed with keys the test
// made; after a checkout the local push service receives the push with
// Content-Encoding aes128gcm, a TTL and a VAPID Authorization that
// verifies with the marketplace's public key; the body decrypts with the
// browser's private key to {kind, title, body, link, data} naming the order.
// Then the service answers 410: the subscription is removed.
func TestWebPushEndToEnd(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		keys, err := notify.LoadVAPID(t.Context(), db, notify.VAPID{})
		if err != nil || keys.Public == "" {
			t.Fatalf("vapid keys %v", err)
		}
		again, err := notify.LoadVAPID(t.Context(), db, notify.VAPID{})
		if err != nil || again != keys {
			t.Fatal("the generated VAPID keys were not kept")
		}
		push := notify.NewPush(db, notify.PushOptions{Keys: keys, Subscriber: "https://ganh.vn"})
		f := newFixture(t, db, notify.Options{Channels: []notify.Channel{push}, PushAllowHTTP: true, PublicURL: "https://ganh.vn"})
		if f.n.VAPIDPublicKey() != keys.Public {
			t.Fatal("the service does not show the public key")
		}
		sh := f.shop("HTX Thổ cẩm Mai Châu")
		p := f.product(sh, "Túi thổ cẩm", 50)
		ps := newPushService(t)
		browser := newBrowserKeys(t)
		if err := f.n.Subscribe(f.ctx, sh.member.UserID, browser.Subscription(ps.URL+"/push/abc")); err != nil {
			t.Fatal(err)
		}
		code := f.checkout(kernel.Anonymous, "0987654321", 1, p)[0].Code
		f.run()
		waitFor(t, "the push", func() bool { return ps.count() > 0 })
		ps.mu.Lock()
		r, body := ps.received[0], ps.bodies[0]
		ps.mu.Unlock()
		if r.Header.Get("Content-Encoding") != "aes128gcm" || r.Header.Get("TTL") != "86400" || r.URL.Path != "/push/abc" {
			t.Fatalf("push request headers %v path %s", r.Header, r.URL.Path)
		}
		if err := checkVAPID(r.Header.Get("Authorization"), ps.URL, keys.Public); err != nil {
			t.Fatalf("VAPID: %v", err)
		}
		plain, err := browser.Decrypt(body)
		if err != nil {
			t.Fatalf("decrypt: %v", err)
		}
		var msg struct {
			Kind, Title, Body, Link string
			Data                    map[string]any
		}
		if err := json.Unmarshal(plain, &msg); err != nil {
			t.Fatalf("payload %s: %v", plain, err)
		}
		if msg.Kind != "order_placed" || !strings.Contains(msg.Title, code) || msg.Data["order_code"] != code ||
			msg.Link != "https://ganh.vn/ban-hang/"+sh.coop.Slug+"/don-hang" {
			t.Fatalf("payload %+v", msg)
		}

		// The browser unsubscribed: the push service answers 410 and the
		// subscription goes.
		ps.mu.Lock()
		ps.status = http.StatusGone
		ps.mu.Unlock()
		f.checkout(kernel.Anonymous, "0987654321", 1, p)
		waitFor(t, "the subscription removed", func() bool {
			var n int64
			db.Raw("SELECT COUNT(*) FROM push_subscriptions").Scan(&n)
			return n == 0
		})
	})
}

// TestPushSubscriptionRules: https only (http only when allowed), keys
// that are a P-256 point and a 16-byte secret; unsubscribing another
// person's endpoint changes nothing.
func TestPushSubscriptionRules(t *testing.T) {
	db := dbtest.SQLite(t)
	f := newFixture(t, db, notify.Options{})
	sh := f.shop("HTX Mật ong Hà Giang")
	k := newBrowserKeys(t)
	for _, endpoint := range []string{"http://push.example/x", "ftp://push.example/x", "https:///x", "không phải url"} {
		if err := f.n.Subscribe(f.ctx, sh.owner.UserID, k.Subscription(endpoint)); err == nil {
			t.Errorf("endpoint %q was taken", endpoint)
		}
	}
	bad := k.Subscription("https://push.example/x")
	bad.Keys.P256dh = base64.RawURLEncoding.EncodeToString([]byte("not a point"))
	if err := f.n.Subscribe(f.ctx, sh.owner.UserID, bad); err == nil {
		t.Error("a bad p256dh was taken")
	}
	bad = k.Subscription("https://push.example/x")
	bad.Keys.Auth = "AAAA"
	if err := f.n.Subscribe(f.ctx, sh.owner.UserID, bad); err == nil {
		t.Error("a bad auth was taken")
	}
	if err := f.n.Subscribe(f.ctx, sh.owner.UserID, k.Subscription("https://push.example/x")); err != nil {
		t.Fatal(err)
	}
	if err := f.n.Unsubscribe(f.ctx, sh.member.UserID, "https://push.example/x"); err != nil {
		t.Fatal(err)
	}
	var n int64
	db.Raw("SELECT COUNT(*) FROM push_subscriptions").Scan(&n)
	if n != 1 {
		t.Fatal("another person removed the subscription")
	}
	if err := f.n.Unsubscribe(f.ctx, sh.owner.UserID, "https://push.example/x"); err != nil {
		t.Fatal(err)
	}
	db.Raw("SELECT COUNT(*) FROM push_subscriptions").Scan(&n)
	if n != 0 {
		t.Fatal("the owner could not unsubscribe")
	}
}
