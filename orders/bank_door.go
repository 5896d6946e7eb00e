package orders

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/throttle"
)

// The door of POST /payments/sepay. SePay authenticates with a shared key
// in "Authorization: Apikey <key>". The key is compared in constant time
// (as hashes, so its length does not show either), and wrong keys are
// counted per client address: past the limit that address is refused,
// even with the right key, for the rest of the window. Right keys cost one
// read of the counter, not a write: SePay delivers many notices.

// Defaults of the wrong-key throttle.
const (
	DefaultBankKeyFailures = 10
	DefaultBankKeyWindow   = 15 * time.Minute
)

// WithSePayKey turns the bank webhook on with its shared key ("" leaves it
// off).
func WithSePayKey(key string) Option {
	return func(s *Service) {
		if key != "" {
			sum := sha256.Sum256([]byte(key))
			s.sepayKey = &sum
		}
	}
}

// BankNoticesOn says whether the bank webhook is configured; without it
// the route does not exist.
func (s *Service) BankNoticesOn() bool { return s.sepayKey != nil }

func bankKeyRule() throttle.Rule {
	return throttle.Rule{Name: "sepay:key:ip", Limit: DefaultBankKeyFailures, Window: DefaultBankKeyWindow}
}

// AuthorizeBankNotice checks the Authorization header of a bank notice
// from clientIP: nil for the right key, unauthenticated for a missing or
// wrong one, rate_limited once the address has sent too many wrong ones.
func (s *Service) AuthorizeBankNotice(ctx context.Context, clientIP, authorization string) error {
	if s.sepayKey == nil {
		return apperr.NotFoundf("Không tìm thấy.")
	}
	limited := apperr.New(apperr.KindRateLimited, apperr.CodeRateLimited, "Sai khoá quá nhiều lần; xin đợi ít phút rồi thử lại.")
	over, err := s.attempts.Over(ctx, bankKeyRule(), clientIP)
	if err != nil {
		return err
	}
	if over {
		return limited
	}
	scheme, key, _ := strings.Cut(strings.TrimSpace(authorization), " ")
	sum := sha256.Sum256([]byte(strings.TrimSpace(key)))
	if strings.EqualFold(scheme, "Apikey") && subtle.ConstantTimeCompare(sum[:], s.sepayKey[:]) == 1 {
		return nil
	}
	ok, err := s.attempts.Take(ctx, bankKeyRule(), clientIP)
	if err != nil {
		return err
	}
	if !ok {
		return limited
	}
	return apperr.Unauthenticatedf("Thiếu khoá hoặc khoá không đúng (Authorization: Apikey …).")
}
