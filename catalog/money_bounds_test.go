package catalog_test

import (
	"testing"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// TestMoneyBounds: what a cooperative sells costs at most 1,000,000,000 ₫ a
// unit. A price, a "was" price, a shipping fee or a free-shipping threshold
// above it is a 422 naming the field and writes nothing; the bound itself
// is accepted; the database refuses an out-of-range row written behind the
// service's back.
func TestMoneyBounds(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		const attack = int64(1_000_000_000_000)

		in := coopInput("HTX Giá trên trời")
		huge := attack
		in.FreeShippingOverVND, in.ShippingFeeVND = &huge, attack
		_, err := f.s.ApplyForCoop(f.ctx, owner, in)
		wantField(t, err, "free_shipping_over_vnd")
		wantField(t, err, "shipping_fee_vnd")
		if n := count(t, db, "SELECT COUNT(*) FROM coops"); n != 0 {
			t.Fatalf("%d coops written", n)
		}
		c := f.coop(owner, staff, "HTX Giá thật", true)
		over := catalog.MaxPriceVND + 1
		_, err = f.s.UpdateCoop(f.ctx, owner, c.ID, catalog.CoopPatch{FreeShippingOverVND: catalog.Some(over)})
		wantField(t, err, "free_shipping_over_vnd")

		pin := productInput("Vàng ròng", catalog.ProductActive)
		pin.Variants[0].PriceVND = attack
		pin.Variants[1].PriceVND = 100000
		cmp := attack
		pin.Variants[1].CompareAtVND = &cmp
		_, err = f.s.CreateProduct(f.ctx, owner, c.ID, pin)
		wantField(t, err, "variants[0].price_vnd")
		wantField(t, err, "variants[1].compare_at_vnd")
		if n := count(t, db, "SELECT COUNT(*) FROM products"); n != 0 {
			t.Fatalf("%d products written", n)
		}

		pin = productInput("Trầm hương", catalog.ProductActive)
		pin.Variants[0].PriceVND, pin.Variants[0].CompareAtVND = catalog.MaxPriceVND, nil
		p, err := f.s.CreateProduct(f.ctx, owner, c.ID, pin)
		if err != nil {
			t.Fatalf("a price at the bound: %v", err)
		}
		v := p.Variants[0]
		_, err = f.s.UpdateVariant(f.ctx, owner, p.ID, v.ID, catalog.VariantPatch{PriceVND: &over})
		wantField(t, err, "price_vnd")
		_, err = f.s.UpdateVariant(f.ctx, owner, p.ID, p.Variants[1].ID, catalog.VariantPatch{CompareAtVND: catalog.Some(over)})
		wantField(t, err, "compare_at_vnd")

		for _, sql := range []string{
			"UPDATE product_variants SET price_vnd = 1000000000000 WHERE id = ?",
			"UPDATE product_variants SET compare_at_vnd = 1000000000000 WHERE id = ?",
		} {
			if err := db.Exec(sql, v.ID).Error; err == nil {
				t.Errorf("the database accepted %s", sql)
			}
		}
		for _, sql := range []string{
			"UPDATE coops SET free_shipping_over_vnd = 1000000000000 WHERE id = ?",
			"UPDATE coops SET shipping_fee_vnd = 1000000000000 WHERE id = ?",
		} {
			if err := db.Exec(sql, c.ID).Error; err == nil {
				t.Errorf("the database accepted %s", sql)
			}
		}
		if got := variantOf(t, f, p.ID, v.ID); got.PriceVND != catalog.MaxPriceVND {
			t.Fatalf("price %d", got.PriceVND)
		}
	})
}
