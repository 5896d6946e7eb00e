package catalog_test

import (
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
)

// TestResubmitCoop: a rejected application is edited and sent back
// (rejected → pending, reason cleared, in the history and the audit log);
// a pending one may be sent again; an approved one cannot (409); another
// member cannot; and while one application is open its owner cannot open a
// second coop (409 application_open).
func TestResubmitCoop(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff, member := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff), f.user(kernel.RoleShopper)
		c := f.coop(owner, staff, "HTX Gửi lại", false)
		if _, err := f.s.RejectCoop(f.ctx, staff, c.ID, "Thiếu số tài khoản"); err != nil {
			t.Fatal(err)
		}

		_, err := f.s.ApplyForCoop(f.ctx, owner, coopInput("HTX Thứ hai"))
		if apperr.CodeOf(err) != catalog.CodeApplicationOpen {
			t.Fatalf("second application while the first is rejected: %v", err)
		}
		if n := count(t, f.db, "SELECT COUNT(*) FROM coops"); n != 1 {
			t.Fatalf("coops = %d, want 1", n)
		}

		if _, err := f.s.AddMember(f.ctx, owner, c.ID, catalog.MemberInput{Phone: f.phoneOf(member), Role: kernel.MemberMember}); err != nil {
			t.Fatal(err)
		}
		member.Role = kernel.RoleSeller
		wantKind(t, func() error { _, err := f.s.ResubmitCoop(f.ctx, member, c.ID); return err }(), apperr.KindForbidden)

		desc := "Chiếu cói dệt tay, đã bổ sung tài khoản."
		if _, err := f.s.UpdateCoop(f.ctx, owner, c.ID, catalog.CoopPatch{Description: &desc}); err != nil {
			t.Fatalf("a rejected applicant edits: %v", err)
		}
		got, err := f.s.ResubmitCoop(f.ctx, owner, c.ID)
		if err != nil || got.Status != catalog.CoopPending || got.StatusReason != "" {
			t.Fatalf("resubmit = %+v, %v", got, err)
		}
		if _, err := f.s.ResubmitCoop(f.ctx, owner, c.ID); err != nil {
			t.Fatalf("resubmit while pending: %v", err)
		}

		hist, err := f.s.CoopHistory(f.ctx, owner, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := [][2]catalog.CoopStatus{{"", "pending"}, {"pending", "rejected"}, {"rejected", "pending"}, {"pending", "pending"}}
		if len(hist) != len(want) {
			t.Fatalf("history = %+v", hist)
		}
		for i, h := range hist {
			if h.From != want[i][0] || h.To != want[i][1] {
				t.Fatalf("history[%d] = %s→%s, want %s→%s", i, h.From, h.To, want[i][0], want[i][1])
			}
		}
		log, err := f.s.Audit(f.ctx, owner, c.ID, kernel.PageRequest{})
		if err != nil {
			t.Fatal(err)
		}
		var resubmits, updates int
		for _, e := range log.Items {
			switch e.Action {
			case "coop.resubmit":
				resubmits++
				if e.Changes["status"].After != "pending" || e.Actor == nil || e.Actor.ID != owner.UserID {
					t.Fatalf("resubmit entry = %+v", e)
				}
			case "coop.update":
				updates++
				if e.Changes["description"].After != desc {
					t.Fatalf("update entry = %+v", e)
				}
			}
		}
		if resubmits != 2 || updates != 1 {
			t.Fatalf("audit: %d resubmits, %d updates; %+v", resubmits, updates, log.Items)
		}

		if _, err := f.s.ApproveCoop(f.ctx, staff, c.ID, ""); err != nil {
			t.Fatal(err)
		}
		_, err = f.s.ResubmitCoop(f.ctx, owner, c.ID)
		if e := apperr.As(err); e == nil || e.Kind != apperr.KindConflict || e.Code != apperr.CodeConflict {
			t.Fatalf("resubmit an approved coop: %v", err)
		}
		if _, err := f.s.ApplyForCoop(f.ctx, owner, coopInput("HTX Thứ hai")); err != nil {
			t.Fatalf("once approved, a second shop may be opened: %v", err)
		}
	})
}

// TestCoopBankMustBeKnown: a bank is one of the VietQR list, by BIN; an
// unknown BIN is refused with its own code on bank.bin, changing nothing.
func TestCoopBankMustBeKnown(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Ngân hàng", true)
		bad := catalog.Some(catalog.Bank{BIN: "999999", AccountNumber: "0123456789", AccountName: "Nguyen Thi Hoa"})
		_, err := f.s.UpdateCoop(f.ctx, owner, c.ID, catalog.CoopPatch{Bank: bad})
		wantField(t, err, "bank.bin")
		if code := apperr.CodeOf(err); code != catalog.CodeUnknownBank {
			t.Fatalf("code = %q", code)
		}
		got, err := f.s.Coop(f.ctx, owner, c.ID)
		if err != nil || got.Bank == nil || got.Bank.BIN != "970436" {
			t.Fatalf("a refused bank changed the coop: %+v %v", got, err)
		}
		vcb := catalog.Some(catalog.Bank{BIN: "970436", AccountNumber: "1012 345 678", AccountName: "Nguyễn Thị Hoa"})
		if got, err = f.s.UpdateCoop(f.ctx, owner, c.ID, catalog.CoopPatch{Bank: vcb}); err != nil || got.Bank.AccountNumber != "1012345678" {
			t.Fatalf("known bank: %+v %v", got, err)
		}
	})
}

// TestUpdateVariantsInOneSave: two variants edited in one save change
// together, each in the audit log; one bad field or one moved stock saves
// nothing.
func TestUpdateVariantsInOneSave(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Một lần lưu", true)
		p := f.product(owner, c.ID, "Cơm cháy", catalog.ProductActive)
		a, b := p.Variants[0], p.Variants[1]
		ptr := func(n int64) *int64 { return &n }
		iptr := func(n int) *int { return &n }
		name := "Hộp 500 g"

		// One bad price: nothing saved, the problem named by position.
		_, err := f.s.UpdateVariants(f.ctx, owner, p.ID, []catalog.VariantEdit{
			{ID: a.ID, VariantPatch: catalog.VariantPatch{Name: &name, Stock: iptr(3), ExpectedStock: iptr(a.Stock)}},
			{ID: b.ID, VariantPatch: catalog.VariantPatch{PriceVND: ptr(0)}},
		})
		wantField(t, err, "variants[1].price_vnd")
		if got := variantOf(t, f, p.ID, a.ID); got.Name != a.Name || got.Stock != a.Stock {
			t.Fatalf("a refused save changed variant a: %+v", got)
		}

		// A stock that moved: nothing saved, every current stock carried.
		_, err = f.s.UpdateVariants(f.ctx, owner, p.ID, []catalog.VariantEdit{
			{ID: a.ID, VariantPatch: catalog.VariantPatch{Name: &name}},
			{ID: b.ID, VariantPatch: catalog.VariantPatch{Stock: iptr(1), ExpectedStock: iptr(b.Stock + 1)}},
		})
		if e := apperr.As(err); e == nil || e.Kind != apperr.KindConflict || e.Extra["stocks"].(map[string]int)[b.ID] != b.Stock {
			t.Fatalf("moved stock: %v", err)
		}
		if got := variantOf(t, f, p.ID, a.ID); got.Name != a.Name {
			t.Fatalf("a refused save renamed variant a: %+v", got)
		}

		// A variant of another product is not this form's.
		other := f.product(owner, c.ID, "Mắm tép", catalog.ProductActive)
		_, err = f.s.UpdateVariants(f.ctx, owner, p.ID, []catalog.VariantEdit{{ID: other.Variants[0].ID, VariantPatch: catalog.VariantPatch{Name: &name}}})
		wantField(t, err, "variants[0].id")

		got, err := f.s.UpdateVariants(f.ctx, owner, p.ID, []catalog.VariantEdit{
			{ID: a.ID, VariantPatch: catalog.VariantPatch{Name: &name, Stock: iptr(3), ExpectedStock: iptr(a.Stock)}},
			{ID: b.ID, VariantPatch: catalog.VariantPatch{PriceVND: ptr(49000)}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if va, vb := variantOf(t, f, p.ID, a.ID), variantOf(t, f, p.ID, b.ID); va.Name != name || va.Stock != 3 || vb.PriceVND != 49000 || vb.Stock != b.Stock {
			t.Fatalf("after one save: %+v %+v", va, vb)
		}
		if got.PriceVND != 49000 {
			t.Fatalf("lowest price = %d", got.PriceVND)
		}
		if n := count(t, f.db, "SELECT COUNT(*) FROM coop_audit_log WHERE action = 'variant.update' AND subject_id IN (?, ?)", a.ID, b.ID); n != 2 {
			t.Fatalf("audit entries = %d, want 2", n)
		}

		stranger := f.user(kernel.RoleShopper)
		_, err = f.s.UpdateVariants(f.ctx, stranger, p.ID, []catalog.VariantEdit{{ID: a.ID, VariantPatch: catalog.VariantPatch{Name: &name}}})
		wantKind(t, err, apperr.KindNotFound)
	})
}
