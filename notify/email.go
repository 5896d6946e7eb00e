package notify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strconv"
	"time"

	mail "github.com/wneessen/go-mail"
)

// Email is the email channel, for Hội staff only (sellers and buyers are
// reached on Zalo and by SMS), sent over SMTP with github.com/wneessen/go-mail.
type Email struct {
	host, user, pass, from string
	port                   int
	ssl                    bool
	tls                    mail.TLSPolicy
	timeout                time.Duration
}

// NewEmail returns the email channel for an SMTP URL:
// smtp://user:pass@host:587?from=ganh@example.vn (STARTTLS when offered),
// smtps://… (TLS from the start), or smtp+insecure://… (plain, for a local
// relay and tests).
func NewEmail(rawURL string, timeout time.Duration) (*Email, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("GANH_SMTP_URL is not a URL")
	}
	e := &Email{host: u.Hostname(), from: u.Query().Get("from"), timeout: timeout, tls: mail.TLSOpportunistic}
	if e.timeout <= 0 {
		e.timeout = 15 * time.Second
	}
	if e.from == "" {
		return nil, fmt.Errorf("GANH_SMTP_URL needs ?from=<sender address>")
	}
	e.port = 587
	switch u.Scheme {
	case "smtp":
	case "smtps":
		e.ssl, e.port = true, 465
	case "smtp+insecure":
		e.tls, e.port = mail.NoTLS, 25
	default:
		return nil, fmt.Errorf("GANH_SMTP_URL must be smtp://, smtps:// or smtp+insecure://")
	}
	if p := u.Port(); p != "" {
		if e.port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("GANH_SMTP_URL port: %w", err)
		}
	}
	if u.User != nil {
		e.user = u.User.Username()
		e.pass, _ = u.User.Password()
	}
	return e, nil
}

// Name is "email".
func (e *Email) Name() string { return "email" }

// Address is a staff account's email.
func (e *Email) Address(_ context.Context, r Recipient) (string, error) {
	if !r.Staff {
		return "", nil
	}
	return r.Email, nil
}

// Send mails m. Its Message-ID is derived from the dedup key, so a copy a
// retry sends again is recognised as the same message by mail clients.
func (e *Email) Send(ctx context.Context, m Message) error {
	msg := mail.NewMsg()
	if err := msg.From(e.from); err != nil {
		return Permanent(err)
	}
	if err := msg.To(m.Address); err != nil {
		return Permanent(err)
	}
	sum := sha256.Sum256([]byte(m.DedupKey))
	msg.SetMessageIDWithValue(hex.EncodeToString(sum[:16]) + "@ganh")
	msg.Subject(m.Title)
	body := m.Body
	if m.Link != "" {
		body += "\n\n" + m.Link
	}
	msg.SetBodyString(mail.TypeTextPlain, body+"\n")
	opts := []mail.Option{mail.WithPort(e.port), mail.WithTimeout(e.timeout), mail.WithTLSPolicy(e.tls)}
	if e.ssl {
		opts = append(opts, mail.WithSSL())
	}
	if e.user != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover), mail.WithUsername(e.user), mail.WithPassword(e.pass))
	}
	c, err := mail.NewClient(e.host, opts...)
	if err != nil {
		return Permanent(err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("email: %w", err)
	}
	return nil
}
