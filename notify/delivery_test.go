package notify_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/ganh-market/ganh/kernel"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/notify"
)

// phoneChannel stands for a provider reached by phone (it is the far side
// of a channel, not our code): it reaches accounts and guests by phone and
// answers each send with what fail says for that attempt.
type phoneChannel struct {
	name string
	mu   sync.Mutex
	// fail decides the answer of the n-th send of a message (from 1).
	fail  func(n int) error
	tries map[string]int
	sent  []notify.Message
}

func newPhoneChannel(name string, fail func(n int) error) *phoneChannel {
	return &phoneChannel{name: name, fail: fail, tries: map[string]int{}}
}

func (p *phoneChannel) Name() string { return p.name }

func (p *phoneChannel) Address(_ context.Context, r notify.Recipient) (string, error) {
	return r.Phone, nil
}

func (p *phoneChannel) Send(_ context.Context, m notify.Message) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tries[m.DedupKey]++
	if err := p.fail(p.tries[m.DedupKey]); err != nil {
		return err
	}
	p.sent = append(p.sent, m)
	return nil
}

// sentTo lists the messages sent to phone, of kind if kind is set.
func (p *phoneChannel) sentTo(phone, kind string) []notify.Message {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []notify.Message
	for _, m := range p.sent {
		if m.Address == phone && (kind == "" || m.Kind == kind) {
			out = append(out, m)
		}
	}
	return out
}

// TestFailTwiceThenSucceedDeliversOnce: a channel that fails twice then
// succeeds sends the message once; the row ends sent after three tries.
func TestFailTwiceThenSucceedDeliversOnce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		sms := newPhoneChannel("sms", func(n int) error {
			if n <= 2 {
				return errors.New("provider busy")
			}
			return nil
		})
		f := newFixture(t, db, notify.Options{Channels: []notify.Channel{sms}, PublicURL: "https://ganh.vn"})
		sh := f.shop("HTX Gốm Bát Tràng")
		p := f.product(sh, "Bát men lam", 50)
		placed := f.checkout(kernel.Anonymous, "0987654321", 1, p)
		f.run()
		guest := "+84987654321"
		waitFor(t, "the owner's sms marked sent", func() bool {
			var n int64
			db.Raw("SELECT COUNT(*) FROM notification_messages WHERE kind = 'order_placed' AND address = ? AND status = 'sent'", phoneOf(f, sh.owner)).Scan(&n)
			return n == 1
		})
		got := sms.sentTo(phoneOf(f, sh.owner), "order_placed")
		if len(got) != 1 || !strings.Contains(got[0].Body, placed[0].Code) || !strings.HasPrefix(got[0].Link, "https://ganh.vn/ban-hang/") {
			t.Fatalf("owner's messages: %+v", got)
		}
		var st struct {
			Status   string
			Attempts int
		}
		db.Raw("SELECT status, attempts FROM notification_messages WHERE address = ? AND kind = 'order_placed'", phoneOf(f, sh.owner)).Scan(&st)
		if st.Status != "sent" || st.Attempts != 3 {
			t.Fatalf("message row %+v, want sent after 3 attempts", st)
		}
		if n := len(sms.sentTo(guest, "")); n != 0 {
			t.Fatalf("the guest got %d messages for her own order_placed", n)
		}
	})
}

func phoneOf(f *fixture, a kernel.Caller) string {
	var phone string
	f.db.Raw("SELECT phone FROM users WHERE id = ?", a.UserID).Scan(&phone)
	return phone
}

// TestLastTryKeepsMessageFailed: a channel that always fails leaves the
// message failed after MaxAttempts with its error, listed for staff with
// the phone masked; a permanent refusal fails at the first try.
func TestLastTryKeepsMessageFailed(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		zalo := newPhoneChannel("zalo", func(int) error { return errors.New("zalo: error -124 access token invalid") })
		sms := newPhoneChannel("sms", func(int) error { return notify.Permanent(errors.New("sms: number does not exist")) })
		f := newFixture(t, db, notify.Options{Channels: []notify.Channel{zalo, sms}, MaxAttempts: 3})
		sh := f.shop("HTX Lụa Vạn Phúc")
		f.product(sh, "Khăn lụa", 50)
		// A failed try is retried after a backoff of a few milliseconds,
		// so a fixed number of drains may end before the last try is due
		// (it did, once, on a fast machine): drain until no message waits.
		waitFor(t, "both messages to stop being retried", func() bool {
			f.drain()
			var n struct{ Total, Waiting int64 }
			db.Raw("SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE status = 'pending') AS waiting FROM notification_messages").Scan(&n)
			return n.Total >= 2 && n.Waiting == 0
		})
		var rows []struct {
			Channel   string
			Status    string
			Attempts  int
			LastError string
		}
		db.Raw("SELECT channel, status, attempts, last_error FROM notification_messages ORDER BY channel").Scan(&rows)
		if len(rows) != 2 {
			t.Fatalf("messages %+v, want the owner's coop_approved on sms and zalo", rows)
		}
		for _, r := range rows {
			want := map[string]int{"sms": 1, "zalo": 3}[r.Channel]
			if r.Status != "failed" || r.Attempts != want || r.LastError == "" {
				t.Errorf("%s: %+v, want failed after %d attempts with its error", r.Channel, r, want)
			}
		}
		page, err := f.n.FailedMessages(f.ctx, kernel.PageRequest{})
		if err != nil || len(page.Items) != 2 {
			t.Fatalf("failed list %+v %v", page, err)
		}
		owner := phoneOf(f, sh.owner)
		for _, m := range page.Items {
			if strings.Contains(m.Recipient, owner[3:]) || m.Kind != "coop_approved" {
				t.Errorf("failed item %+v shows the phone or the wrong kind", m)
			}
		}
	})
}

// TestChannelTurnedOffIsNotUsed: a person who turned SMS off gets no SMS
// (her inbox still gets the notification); the inbox cannot be turned off.
func TestChannelTurnedOffIsNotUsed(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		sms := newPhoneChannel("sms", func(int) error { return nil })
		f := newFixture(t, db, notify.Options{Channels: []notify.Channel{sms}})
		sh := f.shop("HTX Chiếu cói Kim Sơn")
		p := f.product(sh, "Chiếu cói", 50)
		off := false
		if _, err := f.n.SetSettings(f.ctx, sh.member.UserID, notify.SettingsInput{Inbox: &off}); err == nil {
			t.Fatal("the inbox was turned off")
		}
		st, err := f.n.SetSettings(f.ctx, sh.member.UserID, notify.SettingsInput{Channels: map[string]bool{"sms": false}})
		if err != nil || st.Channels["sms"] || !st.Channels["zalo"] || !st.Inbox || len(st.Available) != 1 {
			t.Fatalf("settings %+v %v", st, err)
		}
		if _, err := f.n.SetSettings(f.ctx, sh.member.UserID, notify.SettingsInput{Channels: map[string]bool{"fax": true}}); err == nil {
			t.Fatal("an unknown channel was taken")
		}
		f.checkout(kernel.Anonymous, "0987654321", 1, p)
		f.drain()
		if n := len(sms.sentTo(phoneOf(f, sh.member), "")); n != 0 {
			t.Fatalf("member who turned sms off got %d", n)
		}
		if n := len(sms.sentTo(phoneOf(f, sh.owner), "")); n != 2 { // coop_approved, order_placed
			t.Fatalf("owner got %d sms, want 2", n)
		}
		if find(f.inbox(sh.member), "order_placed") == nil {
			t.Fatal("the member's inbox missed the order")
		}
	})
}

// TestTwoWorkersNeverDoubleSend runs two complete sets of notification
// workers (two processes' worth of relays) on one database: every message
// of many checkouts is sent exactly once.
func TestTwoWorkersNeverDoubleSend(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		sms := newPhoneChannel("sms", func(int) error { return nil })
		f := newFixture(t, db, notify.Options{Channels: []notify.Channel{sms}})
		other := newFixture(t, db, notify.Options{Channels: []notify.Channel{sms}})
		var ps []*catalog.Product
		for i := range 4 {
			sh := f.shop(fmt.Sprintf("HTX Số %d", i+1))
			ps = append(ps, f.product(sh, "Sản phẩm", 100))
		}
		f.run()
		other.run()
		const checkouts = 10
		for range checkouts {
			f.checkout(kernel.Anonymous, "0987654321", 1, ps...)
		}
		// 4 coops × 2 members × (coop_approved for owners only + order_placed
		// per checkout) = 4 + 8 × checkouts messages.
		want := 4 + 8*checkouts
		waitFor(t, "every message", func() bool {
			sms.mu.Lock()
			defer sms.mu.Unlock()
			return len(sms.sent) >= want
		})
		time.Sleep(50 * time.Millisecond) // room for a double send to show
		sms.mu.Lock()
		defer sms.mu.Unlock()
		seen := map[string]int{}
		for _, m := range sms.sent {
			seen[m.DedupKey]++
		}
		for key, n := range seen {
			if n != 1 {
				t.Errorf("%s sent %d times", key, n)
			}
		}
		if len(sms.sent) != want || len(seen) != want {
			t.Fatalf("%d sends of %d messages, want %d", len(sms.sent), len(seen), want)
		}
	})
}
