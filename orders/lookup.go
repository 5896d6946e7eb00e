package orders

import (
	"context"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/throttle"
)

// A guest reaches an order with its code and the phone it was placed with.
// Phones are easy to know (a neighbour's, a seller's customers'), and codes
// are short, so the lookups of one client address that find nothing are
// counted, whatever door they come by (view, cancel, review, status,
// payment, VietQR): past the limit, that address is refused for the rest of
// the window, even with a right pair. A lookup that finds its order gives
// its count back, so a buyer opening her order many times loses nothing.
// Wrong phone and unknown code stay one answer, so the count is all an
// attacker learns from.

// Defaults of the guest lookup throttle (GANH_ORDER_LOOKUP_FAILURES_PER_IP
// per GANH_LOGIN_WINDOW).
const (
	DefaultGuestLookupLimit  = 20
	DefaultGuestLookupWindow = 15 * time.Minute
)

// WithGuestLookupLimit sets how many guest lookups that find nothing one
// client address may make in a window.
func WithGuestLookupLimit(limit int, window time.Duration) Option {
	return func(s *Service) {
		if limit > 0 && window > 0 {
			s.guestLookups.Limit, s.guestLookups.Window = limit, window
		}
	}
}

// byCode runs find, which reaches the order a code names on behalf of c.
// When c names it with a phone, the lookup is counted against c's client
// address first (outside any transaction: the count must stand whatever
// find does) and given back unless find found nothing.
func (s *Service) byCode(ctx context.Context, c Caller, find func() error) error {
	if c.Phone == "" {
		return find()
	}
	ok, err := s.attempts.Take(ctx, s.guestLookups, c.ClientIP)
	if err != nil {
		return err
	}
	if !ok {
		return apperr.New(apperr.KindRateLimited, apperr.CodeRateLimited,
			"Bạn đã tra cứu sai mã đơn hoặc số điện thoại quá nhiều lần. Xin đợi ít phút rồi thử lại.")
	}
	err = find()
	if apperr.KindOf(err) != apperr.KindNotFound {
		// A failure to give back leaves this address one count higher
		// until the window ends: harmless, and the answer stands.
		_ = s.attempts.GiveBack(context.WithoutCancel(ctx), s.guestLookups, c.ClientIP)
	}
	return err
}

func defaultGuestLookups() throttle.Rule {
	return throttle.Rule{Name: "orders:lookup:ip", Limit: DefaultGuestLookupLimit, Window: DefaultGuestLookupWindow}
}
