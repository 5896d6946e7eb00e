package accounts

import (
	"context"
	"errors"
	"time"
	"unicode/utf8"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/throttle"
	"gorm.io/gorm"
)

// The throttles of the doors that take a password, with their defaults:
//
//   - every sign-in from one address: 60 per LoginWindow (15 minutes);
//   - wrong passwords for one phone from one address: 10 per LoginWindow.
//     An address that keeps failing stays refused, even with the right
//     password, while the owner signing in from anywhere else is not: a
//     coop's phone is public, and counting per phone alone let anyone lock
//     its owner out;
//   - wrong passwords for one phone from all addresses: 100 per hour, the
//     ceiling on online guessing (ASVS 2.2.1) against an attacker with many
//     addresses. Reaching it does refuse the owner too, until the hour ends:
//     the price of bounding guesses;
//   - registrations from one address: 20 per LoginWindow.
//
// Every attempt is counted before the password is checked (throttle.Take),
// so parallel attempts cannot all slip under a limit.
type rules struct {
	loginsPerIP, failuresPerPhoneIP, failuresPerPhone, registrationsPerIP throttle.Rule
	photoUploads                                                          throttle.Rule
}

// phoneCeilingWindow is the window of the per-phone ceiling.
const phoneCeilingWindow = time.Hour

func rulesOf(o Options) rules {
	return rules{
		loginsPerIP:        throttle.Rule{Name: "login:ip", Limit: o.LoginAttemptsPerIP, Window: o.LoginWindow},
		failuresPerPhoneIP: throttle.Rule{Name: "login:phone-ip", Limit: o.LoginFailuresPerPhoneIP, Window: o.LoginWindow},
		failuresPerPhone:   throttle.Rule{Name: "login:phone", Limit: o.LoginFailuresPerPhone, Window: phoneCeilingWindow},
		registrationsPerIP: throttle.Rule{Name: "register:ip", Limit: o.RegistrationsPerIP, Window: o.LoginWindow},
		photoUploads:       throttle.Rule{Name: "upload:photo:user", Limit: PhotoUploadsPerWindow, Window: o.LoginWindow},
	}
}

// Login checks a phone and password and issues a token. An unknown phone and
// a wrong password get the same answer after the same work. The attempt is
// counted against the client address, the phone from that address, and the
// phone, before the password is checked; the right password gives back what
// it counted against the phone.
func (s *Service) Login(ctx context.Context, phone, password, clientIP string) (SignedIn, error) {
	norm, err := NormalizePhone(phone)
	if err != nil {
		return SignedIn{}, err
	}
	if utf8.RuneCountInString(password) > MaxPasswordLen {
		return SignedIn{}, errBadCredentials()
	}
	pair := norm + "|" + clientIP
	if err := s.admitLogin(ctx, norm, pair, clientIP); err != nil {
		return SignedIn{}, err
	}

	var u User
	err = s.db.WithContext(ctx).Where("phone = ?", norm).Take(&u).Error
	found := err == nil
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return SignedIn{}, apperr.Wrap(err, "find user")
	}
	hash := u.PasswordHash
	if !found {
		hash = dummyHash()
	}
	ok, err := s.verify(ctx, password, hash)
	if err != nil {
		return SignedIn{}, err
	}
	if !found || !ok {
		return SignedIn{}, errBadCredentials() // the counts taken stand as failures
	}
	if err := s.attempts.Reset(ctx, s.rules.failuresPerPhoneIP, pair); err != nil {
		return SignedIn{}, err
	}
	if err := s.attempts.GiveBack(ctx, s.rules.failuresPerPhone, norm); err != nil {
		return SignedIn{}, err
	}
	return s.issue(s.db.WithContext(ctx), &u)
}

// admitLogin counts a sign-in attempt against each rule in turn and refuses
// it at the first rule it exceeds. The per-phone ceiling comes last, so an
// address already refused for the phone cannot push the phone's ceiling
// (and lock its owner out) by trying on; an attempt the ceiling refuses
// gives back what it counted against its address.
func (s *Service) admitLogin(ctx context.Context, phone, pair, clientIP string) error {
	if clientIP != "" {
		if err := s.take(ctx, s.rules.loginsPerIP, clientIP); err != nil {
			return err
		}
	}
	if err := s.take(ctx, s.rules.failuresPerPhoneIP, pair); err != nil {
		return err
	}
	if err := s.take(ctx, s.rules.failuresPerPhone, phone); err != nil {
		if gerr := s.attempts.GiveBack(ctx, s.rules.failuresPerPhoneIP, pair); gerr != nil {
			return gerr
		}
		return err
	}
	return nil
}

// take counts one sign-in attempt against r; over the limit, it is refused.
func (s *Service) take(ctx context.Context, r throttle.Rule, key string) error {
	ok, err := s.attempts.Take(ctx, r, key)
	if err != nil {
		return err
	}
	if !ok {
		return errTooManyAttempts()
	}
	return nil
}

func errBadCredentials() error {
	return apperr.Unauthenticatedf("Số điện thoại hoặc mật khẩu không đúng.")
}

func errTooManyAttempts() error {
	return apperr.New(apperr.KindRateLimited, apperr.CodeRateLimited, "Bạn đã thử đăng nhập quá nhiều lần. Xin đợi ít phút rồi thử lại.")
}

func errTooManyRegistrations() error {
	return apperr.New(apperr.KindRateLimited, apperr.CodeRateLimited, "Có quá nhiều lượt đăng ký từ mạng của bạn. Xin đợi ít phút rồi thử lại.")
}
