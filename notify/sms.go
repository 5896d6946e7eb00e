package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// SMS is the brandname SMS channel over eSMS.vn's documented API for
// customer-care messages: POST {base}/MainService.svc/json/SendMultipleMessage_V4_post_json/
// with {ApiKey, SecretKey, Phone, Content, Brandname, SmsType: "2",
// IsUnicode, RequestId}; success is "CodeResult": "100". RequestId is the
// message's dedup key, which eSMS uses to drop a duplicate request.
type SMS struct {
	base, apiKey, secret, brand string
	unicode                     bool
	client                      *http.Client
}

// SMSOptions configure the SMS channel.
type SMSOptions struct {
	// BaseURL is the provider's API (https://rest.esms.vn).
	BaseURL   string
	APIKey    string
	SecretKey string
	Brandname string
	// Unicode sends Vietnamese with its diacritics; off (the default, the
	// cheaper and more widely delivered kind) strips them.
	Unicode bool
	Timeout time.Duration
}

// NewSMS returns the SMS channel.
func NewSMS(o SMSOptions) *SMS {
	if o.BaseURL == "" {
		o.BaseURL = "https://rest.esms.vn"
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	return &SMS{base: strings.TrimRight(o.BaseURL, "/"), apiKey: o.APIKey, secret: o.SecretKey, brand: o.Brandname,
		unicode: o.Unicode, client: &http.Client{Timeout: o.Timeout}}
}

// Name is "sms".
func (s *SMS) Name() string { return "sms" }

// Address is the phone as 0…, the form the provider takes.
func (s *SMS) Address(_ context.Context, r Recipient) (string, error) {
	if p := phone84(r.Phone); p != "" {
		return "0" + p[2:], nil
	}
	return "", nil
}

// smsPermanent are eSMS result codes another try cannot fix: bad
// credentials, a locked account, a brandname or SMS type not registered,
// a bad phone number.
var smsPermanent = []string{"101", "102", "104", "118", "119", "131", "177"}

// Send sends the message's body and link as one text.
func (s *SMS) Send(ctx context.Context, m Message) error {
	text := m.Body
	if m.Link != "" {
		text += " " + m.Link
	}
	isUnicode := "1"
	if !s.unicode {
		text, isUnicode = withoutDiacritics(text), "0"
	}
	var ans struct {
		CodeResult   string
		ErrorMessage string
	}
	err := postJSON(ctx, s.client, s.base+"/MainService.svc/json/SendMultipleMessage_V4_post_json/", nil, map[string]string{
		"ApiKey": s.apiKey, "SecretKey": s.secret, "Phone": m.Address, "Content": text,
		"Brandname": s.brand, "SmsType": "2", "IsUnicode": isUnicode, "RequestId": m.DedupKey,
	}, &ans)
	if err != nil {
		return fmt.Errorf("sms: %w", err)
	}
	if ans.CodeResult != "100" {
		err := fmt.Errorf("sms: code %s %s", ans.CodeResult, ans.ErrorMessage)
		if slices.Contains(smsPermanent, ans.CodeResult) {
			return Permanent(err)
		}
		return err
	}
	return nil
}

// withoutDiacritics writes Vietnamese in plain ASCII letters, as
// non-Unicode SMS needs: "Đơn hàng mới" → "Don hang moi".
func withoutDiacritics(s string) string {
	s = strings.NewReplacer("đ", "d", "Đ", "D").Replace(s)
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// dataStrings flattens a notification's data to strings, for providers
// whose parameters are text.
func dataStrings(raw string) map[string]string {
	var d map[string]any
	_ = json.Unmarshal([]byte(raw), &d)
	out := make(map[string]string, len(d))
	for k, v := range d {
		out[k] = fmt.Sprint(v)
	}
	return out
}
