package catalog_test

import (
	"slices"
	"testing"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

func TestProductsForSync(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Đồng bộ", true)
		live := f.product(owner, c.ID, "Đang bán", catalog.ProductActive)
		draft := f.product(owner, c.ID, "Bản nháp", catalog.ProductDraft)

		got, err := f.s.ProductsForSync(f.ctx, []string{live.ID, draft.ID, "gone"})
		if err != nil || len(got) != 2 {
			t.Fatalf("sync load = %d, %v", len(got), err)
		}
		byID := map[string]catalog.Product{got[0].ID: got[0], got[1].ID: got[1]}
		if !byID[live.ID].Purchasable() || byID[draft.ID].Purchasable() {
			t.Fatal("Purchasable disagrees with the product states")
		}
		if p := byID[live.ID]; !slices.Equal(p.Category.Path, []string{"thuc-pham", "dac-san-kho"}) || len(p.Variants) != 2 {
			t.Fatalf("category path = %v", p.Category.Path)
		}
		ids, err := f.s.ProductIDsAfter(f.ctx, "", 1)
		if err != nil || len(ids) != 1 {
			t.Fatalf("ids = %v, %v", ids, err)
		}
		rest, _ := f.s.ProductIDsAfter(f.ctx, ids[0], 10)
		if len(rest) != 1 || rest[0] == ids[0] {
			t.Fatalf("next ids = %v", rest)
		}
	})
}
