package privacy_test

import (
	"context"
	"encoding/json"
	"github.com/ganh-market/ganh/kernel"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/privacy"
	"github.com/ganh-market/ganh/privacy/privacytest"
	"github.com/ganh-market/ganh/reports"
	"gorm.io/gorm"
)

// totals is what the staff reports show over all time.
func totals(t *testing.T, db *gorm.DB) string {
	t.Helper()
	staff := kernel.Caller{UserID: "reporter", Role: kernel.RoleStaff}
	svc := reports.NewService(db)
	o, err := svc.Overview(context.Background(), staff, reports.Range{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := svc.Sales(context.Background(), staff, reports.SalesQuery{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal([]any{o, s})
	return string(b)
}

// TestEraseLeavesNoTrace: after erasure no column of any table holds the
// person's phone (in any form), name or email, the orders and reviews are
// still there (anonymised) and the reports total the same; the phone can
// register again.
func TestEraseLeavesNoTrace(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		acc := accounts.NewService(db, accounts.Options{})
		p := newPerson(t, db, acc)
		if err := reports.Rebuild(ctx, db); err != nil {
			t.Fatal(err)
		}
		before := totals(t, db)
		needles := []string{p.Phone, "0916000001", "0916 000 001", p.Name, "rieng.tu@example.vn"}
		if len(privacytest.Traces(t, db, p.Phone)) == 0 || len(privacytest.Traces(t, db, p.Name)) == 0 {
			t.Fatal("the fixture holds no trace to erase: the scan proves nothing")
		}
		svc := privacy.NewService(db, acc)

		err := svc.Erase(ctx, p.ID, "không phải mật khẩu", "10.0.0.9")
		if e := apperr.As(err); e == nil || e.Kind != apperr.KindInvalid || e.Fields[0].Field != "password" {
			t.Fatalf("wrong password: %v", err)
		}
		if err := svc.Erase(ctx, p.ID, "mật khẩu riêng tư", "10.0.0.9"); err != nil {
			t.Fatal(err)
		}
		for _, n := range needles {
			if found := privacytest.Traces(t, db, n); len(found) > 0 {
				t.Errorf("%q is still in %v", n, found)
			}
		}
		if after := totals(t, db); after != before {
			t.Errorf("reports changed:\n%s\n%s", before, after)
		}
		var kept []struct {
			ID, BuyerName, BuyerPhone, ShipStreet string
			UserID                                *string
		}
		db.Raw("SELECT id, buyer_name, buyer_phone, ship_street, user_id FROM orders ORDER BY id").Scan(&kept)
		want := map[string]string{"ord1": "", "ord2": "12 Hàng Bạc", "ord3": ""} // delivered, pending, cancelled
		if len(kept) != 3 {
			t.Fatalf("orders kept: %+v", kept)
		}
		for _, o := range kept {
			if o.BuyerName != privacy.ErasedBuyerName || o.BuyerPhone != "" || o.UserID != nil || o.ShipStreet != want[o.ID] {
				t.Errorf("order %+v", o)
			}
		}
		var reviewer string
		db.Raw("SELECT reviewer_name FROM reviews WHERE id = 'rev1'").Scan(&reviewer)
		if reviewer != privacy.ErasedBuyerName {
			t.Errorf("review by %q", reviewer)
		}
		if _, err := acc.Authenticate(ctx, p.Token); err == nil {
			t.Error("her token still works")
		}
		var audit int64
		db.Model(&accounts.AuditEntry{}).Where("action = ? AND subject_id = ?", privacy.AuditAccountErased, p.ID).Count(&audit)
		if audit != 1 {
			t.Error("the erasure is not audited")
		}
		if _, err := acc.Register(ctx, accounts.RegisterInput{Phone: p.Phone, Password: "mật khẩu mới tinh", Name: "Người mới"}, ""); err != nil {
			t.Fatalf("the phone cannot register again: %v", err)
		}
	})
}

// TestEraseOwnerConflict: the owner of a coop is refused with 409 and
// nothing changes, until ownership moves to a member; then she can go.
func TestEraseOwnerConflict(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		acc := accounts.NewService(db, accounts.Options{})
		p := newPerson(t, db, acc)
		var owner accounts.User
		if err := db.Where("phone = ?", "+84916000002").Take(&owner).Error; err != nil {
			t.Fatal(err)
		}
		svc := privacy.NewService(db, acc)
		err := svc.Erase(ctx, owner.ID, "mật khẩu chủ htx", "")
		if e := apperr.As(err); e == nil || e.Kind != apperr.KindConflict {
			t.Fatalf("owner: %v", err)
		}
		if _, err := acc.UserByID(ctx, owner.ID); err != nil {
			t.Fatal("the refused erasure deleted the account")
		}
		cat := catalog.NewService(db)
		if _, err := cat.MoveOwnership(ctx, kernel.Caller{UserID: owner.ID, Role: kernel.RoleSeller}, "coop1", p.ID); err != nil {
			t.Fatal(err)
		}
		if err := svc.Erase(ctx, owner.ID, "mật khẩu chủ htx", ""); err != nil {
			t.Fatalf("after the move: %v", err)
		}
	})
}
