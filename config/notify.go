package config

import (
	"errors"
	"fmt"
	"strings"
)

// Notify configures the notification channels (package notify). The in-app
// inbox needs nothing; a channel without its settings is off and quiet.
type Notify struct {
	// MaxAttempts is how many tries a message gets on a channel before it
	// is kept as failed for staff (GANH_NOTIFY_MAX_ATTEMPTS, 5).
	MaxAttempts int

	// VAPIDPublicKey and VAPIDPrivateKey sign Web Push requests; unset,
	// a pair is generated on first start and kept in the database.
	VAPIDPublicKey  string
	VAPIDPrivateKey Secret
	// VAPIDSubscriber is the contact push services see: an https URL or an
	// email address (GANH_PUBLIC_URL when unset).
	VAPIDSubscriber string
	// PushAllowHTTP admits http:// push endpoints, for tests and
	// development.
	PushAllowHTTP bool

	// Zalo ZNS: on when the access token and at least one template are
	// set. ZaloTemplates maps a kind to its approved template id
	// (GANH_ZALO_ZNS_TEMPLATES=order_placed=123,order_status=456).
	ZaloBaseURL     string
	ZaloAccessToken Secret
	ZaloTemplates   map[string]string

	// Brandname SMS (eSMS.vn's API): on when the key and secret are set.
	SMSBaseURL   string
	SMSAPIKey    string
	SMSSecretKey Secret
	SMSBrandname string
	// SMSUnicode sends diacritics; off strips them, as the cheaper
	// non-Unicode messages need.
	SMSUnicode bool

	// SMTPURL turns email to staff on: smtp://user:pass@host:587?from=…,
	// smtps://… or smtp+insecure://….
	SMTPURL Secret
}

// UsesZalo says whether Zalo ZNS is configured.
func (n Notify) UsesZalo() bool { return n.ZaloAccessToken != "" && len(n.ZaloTemplates) > 0 }

// UsesSMS says whether brandname SMS is configured.
func (n Notify) UsesSMS() bool { return n.SMSAPIKey != "" && n.SMSSecretKey != "" }

func (r *reader) notify() Notify {
	return Notify{
		MaxAttempts:     r.integer("GANH_NOTIFY_MAX_ATTEMPTS", 5),
		VAPIDPublicKey:  r.str("GANH_VAPID_PUBLIC_KEY", ""),
		VAPIDPrivateKey: Secret(r.str("GANH_VAPID_PRIVATE_KEY", "")),
		VAPIDSubscriber: r.str("GANH_VAPID_SUBSCRIBER", ""),
		PushAllowHTTP:   r.boolean("GANH_PUSH_ALLOW_HTTP", false),

		ZaloBaseURL:     r.str("GANH_ZALO_ZNS_BASE_URL", "https://business.openapi.zalo.me"),
		ZaloAccessToken: Secret(r.str("GANH_ZALO_ZNS_ACCESS_TOKEN", "")),
		ZaloTemplates:   r.pairs("GANH_ZALO_ZNS_TEMPLATES"),

		SMSBaseURL:   r.str("GANH_SMS_BASE_URL", "https://rest.esms.vn"),
		SMSAPIKey:    r.str("GANH_SMS_API_KEY", ""),
		SMSSecretKey: Secret(r.str("GANH_SMS_SECRET_KEY", "")),
		SMSBrandname: r.str("GANH_SMS_BRANDNAME", ""),
		SMSUnicode:   r.boolean("GANH_SMS_UNICODE", false),

		SMTPURL: Secret(r.str("GANH_SMTP_URL", "")),
	}
}

func (n Notify) validate() []error {
	var errs []error
	if n.MaxAttempts < 1 || n.MaxAttempts > 50 {
		errs = append(errs, errors.New("GANH_NOTIFY_MAX_ATTEMPTS must be between 1 and 50"))
	}
	if (n.VAPIDPublicKey == "") != (n.VAPIDPrivateKey == "") {
		errs = append(errs, errors.New("set both GANH_VAPID_PUBLIC_KEY and GANH_VAPID_PRIVATE_KEY, or neither"))
	}
	return errs
}

// pairs reads "a=1,b=2" into a map; a pair without "=" is an error.
func (r *reader) pairs(key string) map[string]string {
	out := map[string]string{}
	for _, p := range r.list(key) {
		k, v, ok := strings.Cut(p, "=")
		if !ok || strings.TrimSpace(k) == "" || strings.TrimSpace(v) == "" {
			r.errs = append(r.errs, fmt.Errorf("%s: %q is not kind=value", key, p))
			continue
		}
		out[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return out
}
