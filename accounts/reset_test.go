package accounts_test

import (
	"context"
	"github.com/ganh-market/ganh/kernel"
	"sync"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/database/dbtest"
	"gorm.io/gorm"
)

// TestMayIssueResetCode is the rule's table: who may issue a code for whom.
func TestMayIssueResetCode(t *testing.T) {
	hue, ninhBinh := "hue", "ninh-binh"
	staff := &accounts.User{ID: "s", Role: kernel.RoleStaff}
	scoped := &accounts.User{ID: "h", Role: kernel.RoleStaff, Province: &hue}
	admin := &accounts.User{ID: "a", Role: kernel.RoleAdmin}
	scopedAdmin := &accounts.User{ID: "sa", Role: kernel.RoleAdmin, Province: &hue}
	seller := &accounts.User{ID: "x", Role: kernel.RoleSeller}
	shopper := &accounts.User{ID: "y", Role: kernel.RoleShopper}
	colleague := &accounts.User{ID: "c", Role: kernel.RoleStaff}
	for _, c := range []struct {
		name          string
		by, target    *accounts.User
		coopProvinces []string
		want          bool
	}{
		{"staff, any seller", staff, seller, []string{ninhBinh}, true},
		{"staff, a shopper", staff, shopper, nil, true},
		{"scoped, a seller of her province", scoped, seller, []string{hue}, true},
		{"scoped, a shopper without a coop", scoped, shopper, nil, true},
		{"scoped, a seller elsewhere", scoped, seller, []string{ninhBinh}, false},
		{"scoped, a seller with one coop elsewhere", scoped, seller, []string{hue, ninhBinh}, false},
		{"staff, a colleague", staff, colleague, nil, false},
		{"admin, a colleague", admin, colleague, nil, true},
		{"scoped admin, a colleague", scopedAdmin, colleague, nil, false},
		{"a seller", seller, shopper, nil, false},
		{"nobody", nil, shopper, nil, false},
	} {
		if got := accounts.MayIssueResetCode(c.by, c.target, c.coopProvinces); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestResetCodeWorksOnceUnderRace: two devices sending the same code at
// once get one session between them.
func TestResetCodeWorksOnceUnderRace(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := accounts.NewService(db, accounts.Options{})
		staff, err := s.CreateUser(ctx, accounts.RegisterInput{Phone: "0918000001", Password: "mật khẩu cán bộ", Name: "Cán bộ"}, kernel.RoleStaff)
		if err != nil {
			t.Fatal(err)
		}
		u := register(t, s, "0918000002")
		code, err := s.IssueResetCode(ctx, staff, u.User.ID, "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		results := make([]error, 4)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, results[i] = s.ResetPassword(ctx, "0918000002", code.Code, "bánh cuốn Thanh Trì", "10.0.0.2")
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range results {
			if err == nil {
				ok++
			} else {
				wantCode(t, err, "unauthenticated")
			}
		}
		if ok != 1 {
			t.Fatalf("%d resets succeeded with one code: %v", ok, results)
		}
	})
}
