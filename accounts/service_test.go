package accounts_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

const goodPassword = "chiếu cói Kim Sơn"

func register(t *testing.T, s *accounts.Service, phone string) accounts.SignedIn {
	t.Helper()
	res, err := s.Register(context.Background(), accounts.RegisterInput{Phone: phone, Password: goodPassword, Name: "Nguyễn Thị Lan"}, "192.0.2.1")
	if err != nil {
		t.Fatalf("register: %v", err)
	}
	return res
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := apperr.CodeOf(err); got != code {
		t.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}

func TestRegisterLoginLogout(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := accounts.NewService(db, accounts.Options{})
		reg := register(t, s, "0912 345 678")
		if reg.User.Phone != "+84912345678" || reg.User.Role != kernel.RoleShopper {
			t.Fatalf("registered %+v", reg.User)
		}
		var stored string
		db.Raw("SELECT token_hash FROM sessions").Scan(&stored)
		if stored == reg.Token || len(stored) != 64 {
			t.Fatalf("token stored as %q, want its SHA-256 only", stored)
		}

		t.Run("DuplicatePhone", func(t *testing.T) {
			_, err := s.Register(ctx, accounts.RegisterInput{Phone: "+84 912-345-678", Password: goodPassword, Name: "Lan"}, "192.0.2.1")
			wantCode(t, err, apperr.CodeConflict)
		})
		t.Run("Authenticate", func(t *testing.T) {
			u, err := s.Authenticate(ctx, reg.Token)
			if err != nil || u.ID != reg.User.ID {
				t.Fatalf("Authenticate = %v, %v", u, err)
			}
		})
		t.Run("LoginThenLogoutRevokesOnlyThatToken", func(t *testing.T) {
			in, err := s.Login(ctx, "84912345678", goodPassword, "127.0.0.1")
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Logout(ctx, in.Token); err != nil {
				t.Fatal(err)
			}
			_, err = s.Authenticate(ctx, in.Token)
			wantCode(t, err, apperr.CodeUnauthenticated)
			if _, err := s.Authenticate(ctx, reg.Token); err != nil {
				t.Fatalf("the other token was revoked too: %v", err)
			}
		})
		t.Run("WrongPasswordAndUnknownPhoneLookAlike", func(t *testing.T) {
			_, err1 := s.Login(ctx, "0912345678", "mật khẩu sai rồi", "")
			_, err2 := s.Login(ctx, "0987654321", goodPassword, "")
			wantCode(t, err1, apperr.CodeUnauthenticated)
			wantCode(t, err2, apperr.CodeUnauthenticated)
			if apperr.As(err1).Message != apperr.As(err2).Message {
				t.Fatalf("messages differ: %q vs %q", apperr.As(err1).Message, apperr.As(err2).Message)
			}
		})
		t.Run("BadTokens", func(t *testing.T) {
			for _, tok := range []string{"", "gnh_", "gnh_nope", reg.Token + "x", "Bearer " + reg.Token} {
				_, err := s.Authenticate(ctx, tok)
				wantCode(t, err, apperr.CodeUnauthenticated)
			}
		})
	})
}

func TestTokenExpiry(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := accounts.NewService(db, accounts.Options{TokenTTL: time.Hour})
		now := time.Now().UTC()
		s.SetClock(func() time.Time { return now })
		reg := register(t, s, "0912345678")
		cases := []struct {
			name  string
			after time.Duration
			ok    bool
		}{
			{"Fresh", 0, true},
			{"JustBefore", time.Hour - time.Second, true},
			{"AtExpiry", time.Hour, false},
			{"Later", 48 * time.Hour, false},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				s.SetClock(func() time.Time { return now.Add(c.after) })
				_, err := s.Authenticate(ctx, reg.Token)
				if (err == nil) != c.ok {
					t.Fatalf("Authenticate after %v: %v, want ok=%v", c.after, err, c.ok)
				}
			})
		}
		s.SetClock(func() time.Time { return now.Add(49 * time.Hour) })
		if err := s.Cleanup(ctx); err != nil {
			t.Fatal(err)
		}
		var n int64
		db.Model(&accounts.Session{}).Count(&n)
		if n != 0 {
			t.Fatalf("%d expired sessions left after cleanup", n)
		}
	})
}

func TestLoginThrottle(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := accounts.NewService(db, accounts.Options{LoginFailuresPerPhoneIP: 3, LoginAttemptsPerIP: 5, LoginWindow: time.Minute})
		now := time.Now().UTC()
		s.SetClock(func() time.Time { return now })
		register(t, s, "0912345678")

		t.Run("PerPhoneAndAddress", func(t *testing.T) {
			for i := 0; i < 3; i++ {
				_, err := s.Login(ctx, "0912345678", "sai mật khẩu", "10.0.0.1")
				wantCode(t, err, apperr.CodeUnauthenticated)
			}
			// The address that failed is refused even the right password;
			// another address is not.
			_, err := s.Login(ctx, "0912345678", goodPassword, "10.0.0.1")
			wantCode(t, err, apperr.CodeRateLimited)
			if _, err := s.Login(ctx, "0912345678", goodPassword, "10.0.0.2"); err != nil {
				t.Fatalf("from another address: %v", err)
			}
			s.SetClock(func() time.Time { return now.Add(2 * time.Minute) })
			if _, err := s.Login(ctx, "0912345678", goodPassword, "10.0.0.1"); err != nil {
				t.Fatalf("after the window: %v", err)
			}
		})
		t.Run("PerAddress", func(t *testing.T) {
			s.SetClock(func() time.Time { return now.Add(10 * time.Minute) })
			phones := []string{"0911111111", "0922222222", "0933333333", "0944444444", "0955555555"}
			for _, p := range phones {
				_, err := s.Login(ctx, p, "sai mật khẩu", "10.9.9.9")
				wantCode(t, err, apperr.CodeUnauthenticated)
			}
			_, err := s.Login(ctx, "0966666666", "sai mật khẩu", "10.9.9.9")
			wantCode(t, err, apperr.CodeRateLimited)
			_, err = s.Login(ctx, "0966666666", "sai mật khẩu", "10.9.9.10")
			wantCode(t, err, apperr.CodeUnauthenticated)
		})
		t.Run("ConcurrentCountsExactly", func(t *testing.T) {
			s.SetClock(func() time.Time { return now.Add(20 * time.Minute) })
			var wg sync.WaitGroup
			limited := make(chan bool, 12)
			for i := 0; i < 12; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := s.Login(ctx, fmt.Sprintf("09777777%02d", i), "x", "10.1.1.1")
					limited <- apperr.CodeOf(err) == apperr.CodeRateLimited
				}()
			}
			wg.Wait()
			close(limited)
			n := 0
			for l := range limited {
				if l {
					n++
				}
			}
			if n != 7 {
				t.Fatalf("%d of 12 concurrent attempts limited, want 7 (limit 5 per address)", n)
			}
		})
		t.Run("CeilingPerPhone", func(t *testing.T) {
			s := accounts.NewService(db, accounts.Options{LoginFailuresPerPhone: 4})
			s.SetClock(func() time.Time { return now.Add(30 * time.Minute) })
			register(t, s, "0988888888")
			fail := func(i int) {
				_, err := s.Login(ctx, "0988888888", "sai mật khẩu", fmt.Sprintf("10.2.0.%d", i))
				wantCode(t, err, apperr.CodeUnauthenticated)
			}
			for i := 0; i < 3; i++ {
				fail(i)
			}
			// The right password gives back what it counted: it does not
			// bring the ceiling closer.
			if _, err := s.Login(ctx, "0988888888", goodPassword, "10.2.1.1"); err != nil {
				t.Fatal(err)
			}
			fail(3)
			// Four failures from four addresses reach the ceiling: every
			// address is refused until the hour has passed.
			_, err := s.Login(ctx, "0988888888", goodPassword, "10.2.1.1")
			wantCode(t, err, apperr.CodeRateLimited)
			s.SetClock(func() time.Time { return now.Add(91 * time.Minute) })
			if _, err := s.Login(ctx, "0988888888", goodPassword, "10.2.1.1"); err != nil {
				t.Fatalf("after the hour: %v", err)
			}
		})
	})
}

func TestRegisterValidation(t *testing.T) {
	db := dbtest.SQLite(t)
	s := accounts.NewService(db, accounts.Options{})
	cases := []struct {
		name  string
		in    accounts.RegisterInput
		field string
	}{
		{"BadPhone", accounts.RegisterInput{Phone: "12345", Password: goodPassword, Name: "Lan"}, "phone"},
		{"NoName", accounts.RegisterInput{Phone: "0912345678", Password: goodPassword, Name: "  "}, "name"},
		{"ShortPassword", accounts.RegisterInput{Phone: "0912345678", Password: "ngắn", Name: "Lan"}, "password"},
		{"CommonPassword", accounts.RegisterInput{Phone: "0912345678", Password: "iloveyou", Name: "Lan"}, "password"},
		{"BadEmail", accounts.RegisterInput{Phone: "0912345678", Password: goodPassword, Name: "Lan", Email: "lan@"}, "email"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.Register(context.Background(), c.in, "192.0.2.1")
			e := apperr.As(err)
			if e == nil || e.Code != apperr.CodeValidation || len(e.Fields) == 0 || e.Fields[0].Field != c.field {
				t.Fatalf("Register = %v, want validation_failed on %s", err, c.field)
			}
		})
	}
	var n int64
	db.Model(&accounts.User{}).Count(&n)
	if n != 0 {
		t.Fatalf("%d users written by failed registrations", n)
	}
}
