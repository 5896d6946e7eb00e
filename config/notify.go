package config

import "errors"

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
}

func (r *reader) notify() Notify {
	return Notify{
		MaxAttempts:     r.integer("GANH_NOTIFY_MAX_ATTEMPTS", 5),
		VAPIDPublicKey:  r.str("GANH_VAPID_PUBLIC_KEY", ""),
		VAPIDPrivateKey: Secret(r.str("GANH_VAPID_PRIVATE_KEY", "")),
		VAPIDSubscriber: r.str("GANH_VAPID_SUBSCRIBER", ""),
		PushAllowHTTP:   r.boolean("GANH_PUSH_ALLOW_HTTP", false),
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
