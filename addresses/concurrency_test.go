package addresses_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/addresses"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
)

// TestConcurrentAddsKeepTheRules: 40 adds at once, half asking to be the
// default, and default moves meanwhile: the book ends with exactly 20
// addresses, one default, and every refused add refused as full.
func TestConcurrentAddsKeepTheRules(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		accounts.UseTestHashCost()
		u, err := accounts.NewService(db, accounts.Options{}).CreateUser(ctx,
			accounts.RegisterInput{Phone: "0913300001", Password: "mật khẩu an toàn", Name: "Lê Thị Mai"}, kernel.RoleShopper)
		if err != nil {
			t.Fatal(err)
		}
		me := kernel.Caller{UserID: u.ID, Role: kernel.RoleShopper}
		svc := addresses.NewService(db)
		seed, err := svc.Add(ctx, me, input(0, false))
		if err != nil {
			t.Fatal(err)
		}

		const adds = 40
		var wg sync.WaitGroup
		errs := make(chan error, adds+10)
		for i := 1; i <= adds; i++ {
			wg.Go(func() {
				_, err := svc.Add(ctx, me, input(i, i%2 == 0))
				errs <- err
			})
		}
		for range 10 {
			wg.Go(func() {
				_, err := svc.SetDefault(ctx, me, seed.ID)
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		full := 0
		for err := range errs {
			switch e := apperr.As(err); {
			case err == nil:
			case e != nil && e.Code == addresses.CodeBookFull:
				full++
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		list, err := svc.List(ctx, me)
		if err != nil {
			t.Fatal(err)
		}
		defaults := 0
		for _, a := range list {
			if a.IsDefault {
				defaults++
			}
		}
		if len(list) != addresses.Max || defaults != 1 || full != adds+1-addresses.Max {
			t.Fatalf("%d addresses (want %d), %d defaults (want 1), %d refused as full (want %d)",
				len(list), addresses.Max, defaults, full, adds+1-addresses.Max)
		}
	})
}

func input(i int, isDefault bool) addresses.Input {
	return addresses.Input{RecipientName: "Lê Thị Mai", Phone: "0913300001", Province: "ninh-binh",
		Commune: "Xã Kim Sơn", Street: fmt.Sprintf("Số %d, thôn Lưu Phương", i), IsDefault: isDefault}
}
