package notify_test

import (
	"context"
	"encoding/json"
	"github.com/ganh-market/ganh/kernel"
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"gorm.io/gorm"

	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/notify"
	"github.com/ganh-market/ganh/orders"
)

// provider is a provider's API on a local server: check says what is wrong
// with a request ("" when it has the documented shape), answer gives the
// reply, and every checked body is kept.
type provider struct {
	*httptest.Server
	mu     sync.Mutex
	bodies []map[string]any
	answer string
	delay  time.Duration
	bad    []string
}

func newProvider(t *testing.T, path string, check func(r *http.Request, body map[string]any) string) *provider {
	p := &provider{}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		raw, _ := io.ReadAll(r.Body)
		err := json.Unmarshal(raw, &body)
		p.mu.Lock()
		defer p.mu.Unlock()
		switch {
		case r.Method != http.MethodPost || r.URL.Path != path:
			p.bad = append(p.bad, r.Method+" "+r.URL.Path)
		case r.Header.Get("Content-Type") != "application/json" || err != nil:
			p.bad = append(p.bad, "not JSON")
		default:
			if why := check(r, body); why != "" {
				p.bad = append(p.bad, why)
			}
		}
		p.bodies = append(p.bodies, body)
		if p.delay > 0 {
			time.Sleep(p.delay)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, p.answer)
	}))
	t.Cleanup(p.Close)
	t.Cleanup(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, b := range p.bad {
			t.Errorf("request not in the documented shape: %s", b)
		}
	})
	return p
}

func (p *provider) set(answer string, delay time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.answer, p.delay = answer, delay
}

func message(kind string) notify.Message {
	return notify.Message{ID: "m-1", DedupKey: "e-1/u-1/" + kind, Kind: kind, Address: "84987654321",
		Title: "Đơn hàng mới GN-7K3F9Q", Body: "Đơn hàng GN-7K3F9Q, tổng 85.000 ₫.", Link: "https://ganh.vn/don-hang/GN-7K3F9Q",
		Data: `{"order_code":"GN-7K3F9Q","coop_id":"c-1"}`}
}

// TestZaloZNSAdapter: the request is Zalo's documented template message
// (access_token header; phone 84…, template_id, template_data, tracking_id);
// "error": 0 is success, a refused phone is permanent, a bad token and a
// timeout are retried.
func TestZaloZNSAdapter(t *testing.T) {
	zp := newProvider(t, "/message/template", func(r *http.Request, b map[string]any) string {
		data, _ := b["template_data"].(map[string]any)
		switch {
		case r.Header.Get("access_token") != "zalo-token":
			return "access_token header"
		case b["phone"] != "84987654321" || b["template_id"] != "301020" || b["tracking_id"] != "m-1":
			return "phone, template_id or tracking_id"
		case data == nil || data["order_code"] != "GN-7K3F9Q" || data["title"] == "":
			return "template_data"
		}
		return ""
	})
	z := notify.NewZalo(notify.ZaloOptions{BaseURL: zp.URL, AccessToken: "zalo-token", Templates: map[string]string{"order_placed": "301020"}, Timeout: 200 * time.Millisecond})
	if a, _ := z.Address(context.Background(), notify.Recipient{Phone: "+84987654321"}); a != "84987654321" {
		t.Fatalf("address %q", a)
	}
	if !z.Handles("order_placed") || z.Handles("low_stock") {
		t.Fatal("Handles does not follow the templates")
	}
	ctx := context.Background()
	zp.set(`{"error":0,"message":"Success","data":{"msg_id":"a1"}}`, 0)
	if err := z.Send(ctx, message("order_placed")); err != nil {
		t.Fatalf("success: %v", err)
	}
	zp.set(`{"error":-118,"message":"Zalo account not existed"}`, 0)
	if err := z.Send(ctx, message("order_placed")); err == nil || !notify.IsPermanent(err) {
		t.Fatalf("no Zalo account: %v, want permanent", err)
	}
	zp.set(`{"error":-124,"message":"Access token invalid"}`, 0)
	if err := z.Send(ctx, message("order_placed")); err == nil || notify.IsPermanent(err) {
		t.Fatalf("bad token: %v, want a retry", err)
	}
	zp.set(`{"error":0}`, time.Second)
	if err := z.Send(ctx, message("order_placed")); err == nil || notify.IsPermanent(err) {
		t.Fatalf("timeout: %v, want a retry", err)
	}
}

// TestSMSAdapter: eSMS's documented customer-care request (ApiKey,
// SecretKey, Phone 0…, Content without diacritics, Brandname, SmsType 2,
// IsUnicode 0, RequestId = the dedup key); CodeResult 100 is success, bad
// credentials are permanent, an unknown error and a timeout are retried.
func TestSMSAdapter(t *testing.T) {
	sp := newProvider(t, "/MainService.svc/json/SendMultipleMessage_V4_post_json/", func(_ *http.Request, b map[string]any) string {
		content, _ := b["Content"].(string)
		switch {
		case b["ApiKey"] != "key" || b["SecretKey"] != "secret" || b["Brandname"] != "GANH":
			return "credentials or brandname"
		case b["Phone"] != "0987654321" || b["SmsType"] != "2" || b["IsUnicode"] != "0" || b["RequestId"] != "e-1/u-1/order_placed":
			return "phone, type, unicode or request id"
		case !strings.Contains(content, "Don hang GN-7K3F9Q, tong 85.000") || !strings.Contains(content, "https://ganh.vn/don-hang/GN-7K3F9Q"):
			return "content: " + content
		}
		return ""
	})
	s := notify.NewSMS(notify.SMSOptions{BaseURL: sp.URL, APIKey: "key", SecretKey: "secret", Brandname: "GANH", Timeout: 200 * time.Millisecond})
	if a, _ := s.Address(context.Background(), notify.Recipient{Phone: "+84987654321"}); a != "0987654321" {
		t.Fatalf("address %q", a)
	}
	m := message("order_placed")
	m.Address = "0987654321"
	ctx := context.Background()
	sp.set(`{"CodeResult":"100","CountRegenerate":0,"SMSID":"d5"}`, 0)
	if err := s.Send(ctx, m); err != nil {
		t.Fatalf("success: %v", err)
	}
	sp.set(`{"CodeResult":"101","ErrorMessage":"Authorize Failed"}`, 0)
	if err := s.Send(ctx, m); err == nil || !notify.IsPermanent(err) {
		t.Fatalf("bad credentials: %v, want permanent", err)
	}
	sp.set(`{"CodeResult":"99","ErrorMessage":"Unknown error"}`, 0)
	if err := s.Send(ctx, m); err == nil || notify.IsPermanent(err) {
		t.Fatalf("unknown error: %v, want a retry", err)
	}
	sp.set(`{"CodeResult":"100"}`, time.Second)
	if err := s.Send(ctx, m); err == nil || notify.IsPermanent(err) {
		t.Fatalf("timeout: %v, want a retry", err)
	}
}

// TestGuestIsReachedByPhone: a guest buyer (no account, no inbox) hears of
// the seller's confirmation by SMS, with a link to her order that carries
// her phone, through the whole pipeline.
func TestGuestIsReachedByPhone(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		sp := newProvider(t, "/MainService.svc/json/SendMultipleMessage_V4_post_json/", func(*http.Request, map[string]any) string { return "" })
		sp.set(`{"CodeResult":"100"}`, 0)
		sms := notify.NewSMS(notify.SMSOptions{BaseURL: sp.URL, APIKey: "key", SecretKey: "secret", Brandname: "GANH"})
		f := newFixture(t, db, notify.Options{Channels: []notify.Channel{sms}, PublicURL: "https://ganh.vn"})
		sh := f.shop("HTX Bánh chưng Tranh Khúc")
		p := f.product(sh, "Bánh chưng", 50)
		code := f.checkout(kernel.Anonymous, "0987654321", 1, p)[0].Code
		if _, err := f.ord.SetStatus(f.ctx, orders.Caller{Actor: sh.owner}, code, orders.StatusInput{Status: orders.StatusConfirmed}); err != nil {
			t.Fatal(err)
		}
		f.drain()
		var toGuest []map[string]any
		sp.mu.Lock()
		for _, b := range sp.bodies {
			if b["Phone"] == "0987654321" {
				toGuest = append(toGuest, b)
			}
		}
		sp.mu.Unlock()
		if len(toGuest) != 1 {
			t.Fatalf("guest got %d SMS, want 1 (order_status)", len(toGuest))
		}
		content := toGuest[0]["Content"].(string)
		if !strings.Contains(content, code) || !strings.Contains(content, "https://ganh.vn/don-hang/"+code+"?sdt=0987654321") {
			t.Fatalf("content %q", content)
		}
	})
}

// smtpSink is an SMTP server in the test (github.com/emersion/go-smtp)
// that keeps every message it accepts.
type smtpSink struct {
	mu   sync.Mutex
	mail []sunk
}

type sunk struct {
	from string
	to   []string
	data []byte
}

type sinkSession struct {
	sink *smtpSink
	cur  sunk
}

func (s *sinkSession) Reset()                                      { s.cur = sunk{} }
func (s *sinkSession) Logout() error                               { return nil }
func (s *sinkSession) Mail(from string, _ *smtp.MailOptions) error { s.cur.from = from; return nil }
func (s *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.cur.to = append(s.cur.to, to)
	return nil
}
func (s *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.data = b
	s.sink.mu.Lock()
	s.sink.mail = append(s.sink.mail, s.cur)
	s.sink.mu.Unlock()
	return nil
}

func newSMTPSink(t *testing.T) (*smtpSink, string) {
	sink := &smtpSink{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &sinkSession{sink: sink}, nil }))
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return sink, ln.Addr().String()
}

// TestEmailToStaff: staff are mailed through SMTP (go-mail as the client,
// go-smtp as the receiver) with the title as subject in Vietnamese and the
// link in the body; non-staff have no email address on the channel; a
// refused connection is retried.
func TestEmailToStaff(t *testing.T) {
	sink, addr := newSMTPSink(t)
	e, err := notify.NewEmail("smtp+insecure://"+addr+"?from=ganh@hoi.vn", 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if a, _ := e.Address(ctx, notify.Recipient{UserID: "u", Email: "lan@hoi.vn"}); a != "" {
		t.Fatal("a non-staff account would be mailed")
	}
	if a, _ := e.Address(ctx, notify.Recipient{UserID: "u", Email: "lan@hoi.vn", Staff: true}); a != "lan@hoi.vn" {
		t.Fatalf("staff address %q", a)
	}
	m := message("order_placed")
	m.Address = "lan@hoi.vn"
	if err := e.Send(ctx, m); err != nil {
		t.Fatal(err)
	}
	sink.mu.Lock()
	got := sink.mail
	sink.mu.Unlock()
	if len(got) != 1 || got[0].from != "ganh@hoi.vn" || len(got[0].to) != 1 || got[0].to[0] != "lan@hoi.vn" {
		t.Fatalf("received %+v", got)
	}
	msg, err := mail.ReadMessage(strings.NewReader(string(got[0].data)))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subject != "Đơn hàng mới GN-7K3F9Q" {
		t.Fatalf("subject %q %v", subject, err)
	}
	if !strings.Contains(string(got[0].data), "https://ganh.vn/don-hang/GN-7K3F9Q") || msg.Header.Get("Message-Id") == "" {
		t.Fatalf("body or Message-ID missing:\n%s", got[0].data)
	}
	closed, err := notify.NewEmail("smtp+insecure://127.0.0.1:1?from=ganh@hoi.vn", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if err := closed.Send(ctx, m); err == nil || notify.IsPermanent(err) {
		t.Fatalf("refused connection: %v, want a retry", err)
	}
	if _, err := notify.NewEmail("smtp://mail.example", 0); err == nil || !strings.Contains(err.Error(), "from") {
		t.Fatalf("a URL without a sender: %v", err)
	}
}
