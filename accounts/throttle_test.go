package accounts_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database/dbtest"
	"gorm.io/gorm"
)

// concurrentLogins tries n sign-ins at once, the i-th from address(i), and
// counts the answers by code.
func concurrentLogins(s *accounts.Service, n int, phone, password string, address func(i int) string) map[string]int {
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		got = map[string]int{}
	)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Login(context.Background(), phone, password, address(i))
			code := "ok"
			if err != nil {
				code = apperr.CodeOf(err)
			}
			mu.Lock()
			got[code]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return got
}

// TestConcurrentWrongPasswordsStopAtTheLimit: the failures of one phone are
// counted before the password is checked, so 30 wrong passwords sent at
// once get at most 10 answers of "wrong password" and 429 for the rest,
// from one address as from many (the per-phone ceiling).
func TestConcurrentWrongPasswordsStopAtTheLimit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		s := accounts.NewService(db, accounts.Options{})
		register(t, s, "0912345678")
		got := concurrentLogins(s, 30, "0912345678", "sai mật khẩu", func(int) string { return "10.0.0.1" })
		t.Logf("30 concurrent wrong passwords from one address: %v", got)
		if got[apperr.CodeUnauthenticated] > 10 || got[apperr.CodeRateLimited] < 20 || got["ok"] != 0 {
			t.Fatalf("30 concurrent wrong passwords from one address: %v, want at most 10 unauthenticated, the rest rate_limited", got)
		}

		ceiling := accounts.NewService(db, accounts.Options{LoginFailuresPerPhone: 5})
		register(t, ceiling, "0987654321")
		got = concurrentLogins(ceiling, 30, "0987654321", "sai mật khẩu", func(i int) string { return fmt.Sprintf("10.1.0.%d", i) })
		t.Logf("30 concurrent wrong passwords from 30 addresses, ceiling 5: %v", got)
		if got[apperr.CodeUnauthenticated] > 5 || got[apperr.CodeRateLimited] < 25 {
			t.Fatalf("30 concurrent wrong passwords from 30 addresses, ceiling 5: %v", got)
		}
	})
}

// TestLockoutIsNotAWeapon: a stranger who knows a seller's public phone
// and fails ten times is blocked, but the owner, from her own address, still
// signs in with her password.
func TestLockoutIsNotAWeapon(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := accounts.NewService(db, accounts.Options{})
		register(t, s, "0912345678")
		for i := 0; i < 10; i++ {
			_, err := s.Login(ctx, "0912345678", "đoán mò", "203.0.113.9")
			wantCode(t, err, apperr.CodeUnauthenticated)
		}
		_, err := s.Login(ctx, "0912345678", "đoán mò", "203.0.113.9")
		wantCode(t, err, apperr.CodeRateLimited)
		// Even the right password from the attacker's address stays blocked.
		_, err = s.Login(ctx, "0912345678", goodPassword, "203.0.113.9")
		wantCode(t, err, apperr.CodeRateLimited)
		if _, err := s.Login(ctx, "0912345678", goodPassword, "198.51.100.7"); err != nil {
			t.Fatalf("the owner, from her own address, was refused: %v", err)
		}
	})
}

// TestRegistrationsThrottledPerAddress: one address may open only so many
// accounts in a window; other addresses are not held back by it.
func TestRegistrationsThrottledPerAddress(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := accounts.NewService(db, accounts.Options{RegistrationsPerIP: 3})
		in := func(i int) accounts.RegisterInput {
			return accounts.RegisterInput{Phone: fmt.Sprintf("09123456%02d", i), Password: goodPassword, Name: "Lan"}
		}
		for i := 0; i < 3; i++ {
			if _, err := s.Register(ctx, in(i), "203.0.113.9"); err != nil {
				t.Fatal(err)
			}
		}
		_, err := s.Register(ctx, in(3), "203.0.113.9")
		wantCode(t, err, apperr.CodeRateLimited)
		if _, err := s.Register(ctx, in(3), "198.51.100.7"); err != nil {
			t.Fatalf("another address was refused: %v", err)
		}
		var n int64
		db.Model(&accounts.User{}).Count(&n)
		if n != 4 {
			t.Fatalf("%d accounts, want 4", n)
		}
	})
}
