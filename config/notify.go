package config

import "errors"

// Notify configures the notification channels (package notify). The in-app
// inbox needs nothing; a channel without its settings is off and quiet.
type Notify struct {
	// MaxAttempts is how many tries a message gets on a channel before it
	// is kept as failed for staff (GANH_NOTIFY_MAX_ATTEMPTS, 5).
	MaxAttempts int
}

func (r *reader) notify() Notify {
	return Notify{
		MaxAttempts: r.integer("GANH_NOTIFY_MAX_ATTEMPTS", 5),
	}
}

func (n Notify) validate() []error {
	var errs []error
	if n.MaxAttempts < 1 || n.MaxAttempts > 50 {
		errs = append(errs, errors.New("GANH_NOTIFY_MAX_ATTEMPTS must be between 1 and 50"))
	}
	return errs
}
