package catalog_test

import (
	"strings"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

func TestApplyForCoop(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner := f.user(kernel.RoleShopper)

		c, err := f.s.ApplyForCoop(f.ctx, owner, coopInput("Hợp tác xã Cói Kim Sơn"))
		if err != nil {
			t.Fatal(err)
		}
		if c.Status != catalog.CoopPending || c.Slug != "hop-tac-xa-coi-kim-son" || c.Phone != "+84912345678" {
			t.Fatalf("coop = %+v", c)
		}
		if c.Bank == nil || c.Bank.AccountName != "NGUYEN THI HOA" {
			t.Fatalf("owner should see the bank account: %+v", c.Bank)
		}
		var role string
		f.db.Raw("SELECT role FROM users WHERE id = ?", owner.UserID).Scan(&role)
		if role != "seller" {
			t.Fatalf("owner role = %q, want seller", role)
		}
		mine, err := f.s.CoopsOfUser(f.ctx, owner.UserID)
		if err != nil || len(mine) != 1 || mine[0].MemberRole != kernel.MemberOwner || mine[0].Slug != c.Slug {
			t.Fatalf("CoopsOfUser = %+v, %v", mine, err)
		}

		t.Run("SlugUniqueAndStable", func(t *testing.T) {
			other := f.user(kernel.RoleShopper)
			c2, err := f.s.ApplyForCoop(f.ctx, other, coopInput("Hợp tác xã Cói  Kim Sơn"))
			if err != nil || c2.Slug != "hop-tac-xa-coi-kim-son-2" {
				t.Fatalf("second slug = %v, %v", c2, err)
			}
			name := "HTX Cói Kim Sơn mới"
			c3, err := f.s.UpdateCoop(f.ctx, owner, c.ID, catalog.CoopPatch{Name: &name})
			if err != nil || c3.Slug != c.Slug || c3.Name != name {
				t.Fatalf("after rename = %+v, %v", c3, err)
			}
		})
		t.Run("ErrValidation", func(t *testing.T) {
			in := coopInput("HTX")
			in.Province, in.Kind, in.Phone = "ha-giang", "llc", "12345"
			neg := int64(0)
			in.FreeShippingOverVND = &neg
			in.Bank.BIN = "97043"
			_, err := f.s.ApplyForCoop(f.ctx, owner, in)
			for _, field := range []string{"province", "kind", "phone", "free_shipping_over_vnd", "bank.bin"} {
				wantField(t, err, field)
			}
		})
		t.Run("ErrAnonymous", func(t *testing.T) {
			_, err := f.s.ApplyForCoop(f.ctx, kernel.Anonymous, coopInput("HTX Ẩn danh"))
			wantKind(t, err, apperr.KindUnauthenticated)
		})
	})
}

func TestCoopVisibilityAndPrivateFields(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff, stranger := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff), f.user(kernel.RoleShopper)
		c := f.coop(owner, staff, "Tổ hợp tác Thêu ren Văn Lâm", false)

		for name, a := range map[string]kernel.Caller{"kernel.Anonymous": kernel.Anonymous, "Stranger": stranger} {
			if _, err := f.s.Coop(f.ctx, a, c.Slug); apperr.KindOf(err) != apperr.KindNotFound {
				t.Fatalf("%s sees a pending coop: %v", name, err)
			}
		}
		for name, a := range map[string]kernel.Caller{"Owner": owner, "Staff": staff} {
			got, err := f.s.Coop(f.ctx, a, c.Slug)
			if err != nil || got.Bank == nil {
				t.Fatalf("%s: %+v, %v", name, got, err)
			}
		}
		if _, err := f.s.ApproveCoop(f.ctx, staff, c.ID, ""); err != nil {
			t.Fatal(err)
		}
		pub, err := f.s.Coop(f.ctx, kernel.Anonymous, c.ID)
		if err != nil || pub.Bank != nil {
			t.Fatalf("public coop = %+v, %v (bank must stay private)", pub, err)
		}
		page, err := f.s.Coops(f.ctx, kernel.Anonymous, catalog.CoopFilter{Q: "theu ren", Province: "ninh-binh"}, kernel.PageRequest{})
		if err != nil || len(page.Items) != 1 || page.Items[0].Bank != nil {
			t.Fatalf("search coops = %+v, %v", page, err)
		}
		page, _ = f.s.Coops(f.ctx, kernel.Anonymous, catalog.CoopFilter{Province: "ha-noi"}, kernel.PageRequest{})
		if len(page.Items) != 0 {
			t.Fatalf("province filter ignored: %+v", page.Items)
		}
	})
}

func TestCoopLifecycle(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Dê núi Hoa Lư", false)
		f.product(owner, c.ID, "Thịt dê núi", catalog.ProductActive)

		_, err := f.s.SuspendCoop(f.ctx, staff, c.ID, "Vi phạm")
		wantKind(t, err, apperr.KindConflict) // pending → suspended is not a move
		_, err = f.s.RejectCoop(f.ctx, staff, c.ID, "  ")
		wantField(t, err, "reason")
		_, err = f.s.ApproveCoop(f.ctx, owner, c.ID, "")
		wantKind(t, err, apperr.KindForbidden)

		before := count(t, f.db, "SELECT COUNT(*) FROM outbox WHERE topic = 'product'")
		got, err := f.s.RejectCoop(f.ctx, staff, c.ID, "Thiếu giấy phép kinh doanh")
		if err != nil || got.Status != catalog.CoopRejected || got.StatusReason != "Thiếu giấy phép kinh doanh" {
			t.Fatalf("reject = %+v, %v", got, err)
		}
		if after := count(t, f.db, "SELECT COUNT(*) FROM outbox WHERE topic = 'product'"); after != before+1 {
			t.Fatalf("outbox rows %d → %d, want one per product", before, after)
		}
		for _, step := range []struct {
			move func() (*catalog.Coop, error)
			want catalog.CoopStatus
		}{
			{func() (*catalog.Coop, error) {
				return f.s.ApproveCoop(f.ctx, staff, c.ID, "Đã bổ sung giấy phép")
			}, catalog.CoopApproved},
			{func() (*catalog.Coop, error) { return f.s.SuspendCoop(f.ctx, staff, c.ID, "Hàng giả") }, catalog.CoopSuspended},
			{func() (*catalog.Coop, error) { return f.s.ApproveCoop(f.ctx, staff, c.ID, "") }, catalog.CoopApproved},
		} {
			got, err := step.move()
			if err != nil || got.Status != step.want {
				t.Fatalf("move to %s: %+v, %v", step.want, got, err)
			}
		}
		_, err = f.s.ApproveCoop(f.ctx, staff, c.ID, "")
		wantKind(t, err, apperr.KindConflict)

		hist, err := f.s.CoopHistory(f.ctx, owner, c.ID)
		if err != nil || len(hist) != 5 || hist[1].To != catalog.CoopRejected || hist[1].Reason == "" || hist[1].By == nil || *hist[1].By != staff.UserID {
			t.Fatalf("history = %+v, %v", hist, err)
		}
	})
}

func TestMembers(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff, helper := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff), f.user(kernel.RoleShopper)
		c := f.coop(owner, staff, "HTX Rượu nếp Kim Sơn", true)

		m, err := f.s.AddMember(f.ctx, owner, c.ID, catalog.MemberInput{Phone: f.phoneOf(helper), Role: kernel.MemberMember})
		if err != nil || m.UserID != helper.UserID {
			t.Fatalf("add member = %+v, %v", m, err)
		}
		_, err = f.s.AddMember(f.ctx, owner, c.ID, catalog.MemberInput{Phone: f.phoneOf(helper), Role: kernel.MemberMember})
		wantKind(t, err, apperr.KindConflict)
		_, err = f.s.AddMember(f.ctx, owner, c.ID, catalog.MemberInput{Phone: "0987 000 111", Role: kernel.MemberMember})
		wantField(t, err, "phone")
		_, err = f.s.AddMember(f.ctx, owner, c.ID, catalog.MemberInput{Phone: f.phoneOf(f.user(kernel.RoleSeller)), Role: kernel.MemberSteward})
		wantField(t, err, "role")
		_, err = f.s.AddMember(f.ctx, owner, c.ID, catalog.MemberInput{Phone: f.phoneOf(staff), Role: kernel.MemberOwner})
		wantField(t, err, "role")
		if _, err = f.s.AddMember(f.ctx, owner, c.ID, catalog.MemberInput{Phone: f.phoneOf(staff), Role: kernel.MemberSteward}); err != nil {
			t.Fatal(err)
		}

		// A plain member works on products but does not manage the coop.
		f.product(helper, c.ID, "Rượu nếp cái hoa vàng", catalog.ProductDraft)
		_, err = f.s.AddMember(f.ctx, helper, c.ID, catalog.MemberInput{Phone: f.phoneOf(owner), Role: kernel.MemberMember})
		wantKind(t, err, apperr.KindForbidden)
		wantKind(t, f.s.RemoveMember(f.ctx, helper, c.ID, owner.UserID), apperr.KindForbidden)

		wantKind(t, f.s.RemoveMember(f.ctx, staff, c.ID, owner.UserID), apperr.KindConflict)
		if err := f.s.RemoveMember(f.ctx, owner, c.ID, helper.UserID); err != nil {
			t.Fatal(err)
		}
		wantKind(t, f.s.RemoveMember(f.ctx, owner, c.ID, helper.UserID), apperr.KindNotFound)
		members, err := f.s.Members(f.ctx, owner, c.ID)
		if err != nil || len(members) != 2 || members[0].Role != kernel.MemberOwner {
			t.Fatalf("members = %+v, %v", members, err)
		}
		// Removed, the helper no longer sees drafts or may write.
		_, err = f.s.CreateProduct(f.ctx, helper, c.ID, productInput("Rượu ngô", catalog.ProductDraft))
		wantKind(t, err, apperr.KindNotFound)
	})
}

func TestAuditLog(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Mắm tép Hà Nam", true)
		p := f.product(owner, c.ID, "Mắm tép chưng thịt", catalog.ProductDraft)
		price := int64(99000)
		if _, err := f.s.UpdateVariant(f.ctx, owner, p.ID, p.Variants[0].ID, catalog.VariantPatch{PriceVND: &price}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.HideProduct(f.ctx, staff, p.ID, "Ảnh không đúng sản phẩm"); err != nil {
			t.Fatal(err)
		}
		page, err := f.s.Audit(f.ctx, owner, c.ID, kernel.PageRequest{Limit: 2})
		if err != nil || len(page.Items) != 2 || page.NextCursor == nil {
			t.Fatalf("audit page 1 = %+v, %v", page, err)
		}
		hide, upd := page.Items[0], page.Items[1]
		if hide.Action != "product.hide" || hide.ActorRole != "staff" || hide.Actor == nil || hide.Actor.ID != staff.UserID {
			t.Fatalf("newest entry = %+v", hide)
		}
		ch := upd.Changes["price_vnd"]
		if upd.Action != "variant.update" || upd.ActorRole != "owner" || ch.Before != float64(120000) || ch.After != float64(99000) {
			t.Fatalf("variant entry = %+v", upd)
		}
		rest, err := f.s.Audit(f.ctx, staff, c.ID, kernel.PageRequest{Limit: 100, Cursor: *page.NextCursor})
		if err != nil || len(rest.Items) != 3 || rest.NextCursor != nil {
			t.Fatalf("audit rest = %+v, %v", rest, err)
		}
		if last := rest.Items[len(rest.Items)-1]; last.Action != "coop.apply" {
			t.Fatalf("oldest entry = %+v", last)
		}
		_, err = f.s.Audit(f.ctx, owner, c.ID, kernel.PageRequest{Cursor: "%%%"})
		wantField(t, err, "cursor")
	})
}

// TestConcurrentSlugs: applications with the same name at the same moment
// all succeed, each with its own slug, on both engines.
func TestConcurrentSlugs(t *testing.T) {
	dbtest.Run(t, testConcurrentSlugs)
}

func testConcurrentSlugs(t *testing.T, db *gorm.DB) {
	f := newFixture(t, db)
	const n = 6
	owners := make([]kernel.Caller, n)
	for i := range owners {
		owners[i] = f.user(kernel.RoleShopper)
	}
	slugs := make(chan string, n)
	errs := make(chan error, n)
	for _, o := range owners {
		go func() {
			c, err := f.s.ApplyForCoop(f.ctx, o, coopInput("Hợp tác xã Trùng Tên"))
			if err != nil {
				errs <- err
				return
			}
			slugs <- c.Slug
		}()
	}
	seen := map[string]bool{}
	for range n {
		select {
		case err := <-errs:
			t.Fatal(err)
		case s := <-slugs:
			if seen[s] {
				t.Fatalf("slug %s given twice", s)
			}
			seen[s] = true
		}
	}
	for s := range seen {
		if !strings.HasPrefix(s, "hop-tac-xa-trung-ten") {
			t.Fatalf("slugs = %v", seen)
		}
	}
	if !seen["hop-tac-xa-trung-ten"] || !seen["hop-tac-xa-trung-ten-2"] {
		t.Fatalf("slugs = %v", seen)
	}
}
