package catalog_test

import (
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
)

// TestStaffProvinceScope: staff given a province (the network issue) see
// and act on the coops of that province only, through the one policy.
func TestStaffProvinceScope(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, other := f.user(kernel.RoleShopper), f.user(kernel.RoleShopper)
		here, err := f.s.ApplyForCoop(f.ctx, owner, coopInput("Hợp tác xã Cói Kim Sơn"))
		if err != nil {
			t.Fatal(err)
		}
		in := coopInput("Hợp tác xã Miến Cự Đà")
		in.Province, in.Commune = "ha-noi", "Phường Hoàn Kiếm"
		away, err := f.s.ApplyForCoop(f.ctx, other, in) // one open application per person
		if err != nil {
			t.Fatal(err)
		}
		scoped := f.user(kernel.RoleStaff)
		scoped.Province = "ninh-binh"

		if c, err := f.s.Coop(f.ctx, scoped, here.ID); err != nil || c.Bank == nil {
			t.Fatalf("own province: %+v, %v", c, err)
		}
		if _, err := f.s.Coop(f.ctx, scoped, away.ID); apperr.CodeOf(err) != apperr.CodeNotFound {
			t.Fatalf("pending coop of another province: %v", err)
		}
		if _, err := f.s.Members(f.ctx, scoped, away.ID); apperr.CodeOf(err) != apperr.CodeNotFound {
			t.Fatalf("members elsewhere: %v", err)
		}
		name := "Tên mới"
		if _, err := f.s.UpdateCoop(f.ctx, scoped, away.ID, catalog.CoopPatch{Name: &name}); apperr.CodeOf(err) != apperr.CodeNotFound {
			t.Fatalf("update elsewhere: %v", err)
		}
		if _, err := f.s.ApproveCoop(f.ctx, scoped, away.ID, ""); apperr.CodeOf(err) != apperr.CodeNotFound {
			t.Fatalf("approve elsewhere: %v", err)
		}
		if list, err := f.s.AdminCoops(f.ctx, scoped, catalog.CoopFilter{}, kernel.PageRequest{}); err != nil || len(list.Items) != 1 || list.Items[0].ID != here.ID {
			t.Fatalf("staff list: %+v, %v", list.Items, err)
		}
		list, err := f.s.Coops(f.ctx, scoped, catalog.CoopFilter{}, kernel.PageRequest{})
		if err != nil || len(list.Items) != 1 || list.Items[0].ID != here.ID {
			t.Fatalf("list = %+v, %v", list.Items, err)
		}
		if c, err := f.s.ApproveCoop(f.ctx, scoped, here.ID, ""); err != nil || c.Status != catalog.CoopApproved {
			t.Fatalf("approve in own province: %+v, %v", c, err)
		}

		national := f.user(kernel.RoleStaff)
		if _, err := f.s.ApproveCoop(f.ctx, national, away.ID, ""); err != nil {
			t.Fatalf("staff of every province: %v", err)
		}
	})
}
