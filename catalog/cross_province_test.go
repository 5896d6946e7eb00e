package catalog_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// snapshot is every catalog row a staff action could change, as text, so a
// refused call can be shown to have changed nothing.
func snapshot(t *testing.T, db *gorm.DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT id, status, status_reason, name, province, updated_at FROM coops ORDER BY id",
		"SELECT id, name, status, hidden, hidden_reason, updated_at FROM products ORDER BY id",
		"SELECT coop_id, user_id, role FROM coop_members ORDER BY coop_id, user_id",
		"SELECT id, coop_id, to_status FROM coop_status_history ORDER BY id",
		"SELECT id FROM coop_audit_log ORDER BY id",
		"SELECT province, coop_id, position FROM featured_coops ORDER BY province, coop_id",
		"SELECT province, product_id, position FROM featured_products ORDER BY province, product_id",
		"SELECT COUNT(*) FROM outbox",
	} {
		var rows []map[string]any
		if err := db.Raw(q).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s\n%v\n", q, rows)
	}
	return b.String()
}

// TestProvinceStaffCrossProvince: a Ninh Bình staff member does every staff
// action to a Sơn La coop and its product, and each is a 404 that changes
// nothing; lists and the desk never show them. Her own province's coop is
// hers to act on.
func TestProvinceStaffCrossProvince(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		national := f.user(kernel.RoleStaff)
		owner := f.user(kernel.RoleShopper)
		in := coopInput("Hợp tác xã Chè Tà Xùa")
		in.Province, in.Commune = "son-la", "Phường Mộc Châu"
		away, err := f.s.ApplyForCoop(f.ctx, owner, in)
		if err != nil {
			t.Fatal(err)
		}
		pending, err := f.s.ApplyForCoop(f.ctx, f.user(kernel.RoleShopper), func() catalog.CoopInput {
			i := coopInput("Hợp tác xã Mận Mộc Châu")
			i.Province, i.Commune = "son-la", "Phường Mộc Châu"
			return i
		}())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.ApproveCoop(f.ctx, national, away.ID, ""); err != nil {
			t.Fatal(err)
		}
		product := f.product(owner, away.ID, "Chè shan tuyết", catalog.ProductActive)
		hidden := f.product(owner, away.ID, "Chè búp khô", catalog.ProductActive)
		if _, err := f.s.HideProduct(f.ctx, national, hidden.ID, "Ảnh không đúng sản phẩm"); err != nil {
			t.Fatal(err)
		}
		scoped := f.user(kernel.RoleStaff)
		scoped.Province = "ninh-binh"
		steward := f.user(kernel.RoleStaff)
		shopper := f.user(kernel.RoleShopper)
		if _, err := f.s.AddMember(f.ctx, owner, away.ID, catalog.MemberInput{Phone: f.phoneOf(shopper), Role: kernel.MemberMember}); err != nil {
			t.Fatal(err)
		}

		name, reason := "Tên mới", "Lý do"
		actions := map[string]func() error{
			"approve": func() error { _, err := f.s.ApproveCoop(f.ctx, scoped, pending.ID, ""); return err },
			"reject":  func() error { _, err := f.s.RejectCoop(f.ctx, scoped, pending.ID, reason); return err },
			"suspend": func() error { _, err := f.s.SuspendCoop(f.ctx, scoped, away.ID, reason); return err },
			"hide":    func() error { _, err := f.s.HideProduct(f.ctx, scoped, product.ID, reason); return err },
			"unhide":  func() error { _, err := f.s.UnhideProduct(f.ctx, scoped, hidden.ID); return err },
			"assign steward": func() error {
				_, err := f.s.AddMember(f.ctx, scoped, away.ID, catalog.MemberInput{Phone: f.phoneOf(steward), Role: kernel.MemberSteward})
				return err
			},
			"remove member": func() error { return f.s.RemoveMember(f.ctx, scoped, away.ID, shopper.UserID) },
			"move owner":    func() error { _, err := f.s.MoveOwnership(f.ctx, scoped, away.ID, shopper.UserID); return err },
			"update coop": func() error {
				_, err := f.s.UpdateCoop(f.ctx, scoped, away.ID, catalog.CoopPatch{Name: &name})
				return err
			},
			"update product": func() error {
				_, err := f.s.UpdateProduct(f.ctx, scoped, product.ID, catalog.ProductPatch{Name: &name})
				return err
			},
			"read pending":  func() error { _, err := f.s.Coop(f.ctx, scoped, pending.ID); return err },
			"read history":  func() error { _, err := f.s.CoopHistory(f.ctx, scoped, pending.ID); return err },
			"read members":  func() error { _, err := f.s.Members(f.ctx, scoped, away.ID); return err },
			"read audit":    func() error { _, err := f.s.Audit(f.ctx, scoped, away.ID, kernel.PageRequest{}); return err },
			"read hidden":   func() error { _, err := f.s.ProductByID(f.ctx, scoped, hidden.ID); return err },
			"curate Sơn La": func() error { _, err := f.s.SetFeatured(f.ctx, scoped, "son-la", catalog.FeaturedInput{}); return err },
			"read Sơn La":   func() error { _, err := f.s.FeaturedEntries(f.ctx, scoped, "son-la"); return err },
			"feature coop": func() error {
				_, err := f.s.SetFeatured(f.ctx, scoped, "ninh-binh", catalog.FeaturedInput{Coops: []catalog.FeaturedCoop{{CoopID: away.ID}}})
				return err
			},
			"feature product": func() error {
				_, err := f.s.SetFeatured(f.ctx, scoped, "ninh-binh", catalog.FeaturedInput{Products: []catalog.FeaturedProduct{{ProductID: product.ID}}})
				return err
			},
			"feature unknown": func() error {
				_, err := f.s.SetFeatured(f.ctx, scoped, "ninh-binh", catalog.FeaturedInput{Products: []catalog.FeaturedProduct{{ProductID: "nope"}}})
				return err
			},
		}
		before := snapshot(t, f.db)
		for what, act := range actions {
			if err := act(); apperr.CodeOf(err) != apperr.CodeNotFound {
				t.Errorf("%s: got %v, want not_found", what, err)
			}
			if after := snapshot(t, f.db); after != before {
				t.Fatalf("%s changed the database:\n%s\n---\n%s", what, before, after)
			}
		}
		if _, err := f.s.SetFeatured(f.ctx, scoped, "", catalog.FeaturedInput{}); apperr.KindOf(err) != apperr.KindForbidden {
			t.Errorf("the national list: %v", err)
		}

		// Her lists and desk hold none of it.
		for _, filter := range []catalog.CoopFilter{{}, {Province: "son-la"}, {Status: catalog.CoopPending}} {
			list, err := f.s.AdminCoops(f.ctx, scoped, filter, kernel.PageRequest{})
			if err != nil || len(list.Items) != 0 {
				t.Errorf("admin coops %+v: %+v, %v", filter, list.Items, err)
			}
		}
		if finds, err := f.s.StaffSearch(f.ctx, scoped, "che"); err != nil || len(finds.Coops)+len(finds.Products) != 0 {
			t.Errorf("desk search: %+v, %v", finds, err)
		}
		if list, err := f.s.HiddenProducts(f.ctx, scoped, kernel.PageRequest{}); err != nil || len(list.Items) != 0 {
			t.Errorf("hidden products: %+v, %v", list.Items, err)
		}

		// The same calls by staff of every province go through.
		if finds, err := f.s.StaffSearch(f.ctx, national, "CHE  shan"); err != nil || len(finds.Products) != 1 || finds.Products[0].ID != product.ID {
			t.Errorf("national desk search: %+v, %v", finds, err)
		}
		if list, err := f.s.HiddenProducts(f.ctx, national, kernel.PageRequest{}); err != nil || len(list.Items) != 1 || list.Items[0].HiddenReason != "Ảnh không đúng sản phẩm" {
			t.Errorf("national hidden products: %+v, %v", list.Items, err)
		}
		if _, err := f.s.SuspendCoop(f.ctx, national, away.ID, reason); err != nil {
			t.Errorf("national suspend: %v", err)
		}

		// And in her own province she acts.
		here := f.coop(f.user(kernel.RoleShopper), scoped, "Hợp tác xã Cói Kim Sơn", true)
		if finds, err := f.s.StaffSearch(f.ctx, scoped, "coi kim"); err != nil || len(finds.Coops) != 1 || finds.Coops[0].ID != here.ID {
			t.Errorf("own desk search: %+v, %v", finds, err)
		}
		if list, err := f.s.AdminCoops(f.ctx, scoped, catalog.CoopFilter{}, kernel.PageRequest{}); err != nil || len(list.Items) != 1 {
			t.Errorf("own admin coops: %+v, %v", list.Items, err)
		}
	})
}

// TestFeaturedByProvince: each province has its own lists beside the
// national ones; a province's staff edit hers, which holds her province's
// coops and products only.
func TestFeaturedByProvince(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		national := f.user(kernel.RoleStaff)
		scoped := f.user(kernel.RoleStaff)
		scoped.Province = "ninh-binh"
		owner := f.user(kernel.RoleShopper)
		here := f.coop(owner, national, "Hợp tác xã Cói Kim Sơn", true)
		p := f.product(owner, here.ID, "Chiếu cói", catalog.ProductActive)
		in := coopInput("Hợp tác xã Chè Tà Xùa")
		in.Province, in.Commune = "son-la", "Phường Mộc Châu"
		away, _ := f.s.ApplyForCoop(f.ctx, f.user(kernel.RoleShopper), in)
		if _, err := f.s.ApproveCoop(f.ctx, national, away.ID, ""); err != nil {
			t.Fatal(err)
		}

		if _, err := f.s.SetFeatured(f.ctx, scoped, "ninh-binh", catalog.FeaturedInput{
			Coops: []catalog.FeaturedCoop{{CoopID: here.ID}}, Products: []catalog.FeaturedProduct{{ProductID: p.ID}},
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.SetFeatured(f.ctx, national, "", catalog.FeaturedInput{Coops: []catalog.FeaturedCoop{{CoopID: away.ID}, {CoopID: here.ID}}}); err != nil {
			t.Fatal(err)
		}
		nb, err := f.s.Featured(f.ctx, kernel.Anonymous, "ninh-binh")
		if err != nil || len(nb.Coops) != 1 || nb.Coops[0].ID != here.ID || len(nb.Products) != 1 {
			t.Fatalf("Ninh Bình list = %+v, %v", nb, err)
		}
		all, err := f.s.Featured(f.ctx, kernel.Anonymous, "")
		if err != nil || len(all.Coops) != 2 || all.Coops[0].ID != away.ID || len(all.Products) != 0 {
			t.Fatalf("national list = %+v, %v", all, err)
		}
		if sl, err := f.s.Featured(f.ctx, kernel.Anonymous, "son-la"); err != nil || len(sl.Coops)+len(sl.Products) != 0 {
			t.Fatalf("Sơn La list = %+v, %v", sl, err)
		}
		if _, err := f.s.Featured(f.ctx, kernel.Anonymous, "atlantis"); apperr.KindOf(err) != apperr.KindInvalid {
			t.Fatalf("unknown province: %v", err)
		}
		entries, err := f.s.FeaturedEntries(f.ctx, scoped, "ninh-binh")
		if err != nil || len(entries.Coops) != 1 || len(entries.Products) != 1 {
			t.Fatalf("her entries = %+v, %v", entries, err)
		}
		// National staff may edit a province's list, with that province's coops only.
		_, err = f.s.SetFeatured(f.ctx, national, "ninh-binh", catalog.FeaturedInput{Coops: []catalog.FeaturedCoop{{CoopID: away.ID}}})
		wantField(t, err, "coops[0].coop_id")
		// Clearing her list leaves the national one.
		if _, err := f.s.SetFeatured(f.ctx, scoped, "ninh-binh", catalog.FeaturedInput{}); err != nil {
			t.Fatal(err)
		}
		if all, _ := f.s.Featured(f.ctx, kernel.Anonymous, ""); len(all.Coops) != 2 {
			t.Fatalf("the national list changed: %+v", all)
		}
	})
}
