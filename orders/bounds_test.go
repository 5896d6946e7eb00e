package orders_test

import (
	"net/http"
	"testing"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/catalogtest"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/google/uuid"
)

// TestCheckoutBounds: the probe's cart (too many lines, too many units) is
// a 422 naming the field and writes nothing; the largest cart the bounds
// allow is placed with exact totals; the database refuses orders and lines
// beyond the bounds written behind the service's back.
func TestCheckoutBounds(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		sh := f.coop("HTX Trầm Hương", 30000, 0, false)
		p := f.maxProduct(sh, "Trầm hương", orders.MaxQuantity)
		full := make([]orders.LineInput, len(p.Variants))
		for i, v := range p.Variants {
			full[i] = line(v.ID, orders.MaxQuantity)
		}

		tooMany := append(full[:len(full):len(full)], line(uuid.NewString(), 1))
		_, err := f.checkout(kernel.Anonymous, uuid.NewString(), guestInput("0912008000", tooMany...))
		wantField(t, err, "items")
		tooMuch := append([]orders.LineInput{}, full...)
		tooMuch[7].Quantity = orders.MaxQuantity + 1
		_, err = f.checkout(kernel.Anonymous, uuid.NewString(), guestInput("0912008000", tooMuch...))
		wantField(t, err, "items[7].quantity")
		if n := f.count("SELECT COUNT(*) FROM orders"); n != 0 {
			t.Fatalf("%d orders written", n)
		}
		if n := f.count("SELECT COUNT(*) FROM idempotency_keys"); n != 0 {
			t.Fatalf("%d keys left behind", n)
		}

		res := f.mustCheckout(kernel.Anonymous, guestInput("0912008000", full...))
		o := res.Orders[0]
		if o.SubtotalVND != orders.MaxSubtotalVND || o.TotalVND != orders.MaxSubtotalVND+30000 || res.TotalVND != orders.MaxSubtotalVND+30000 {
			t.Fatalf("totals: subtotal %d total %d checkout %d, want %d", o.SubtotalVND, o.TotalVND, res.TotalVND, orders.MaxSubtotalVND)
		}
		if o.Items[0].LineTotalVND != orders.MaxQuantity*catalog.MaxPriceVND {
			t.Fatalf("line total %d", o.Items[0].LineTotalVND)
		}

		var orderID string
		f.db.Raw("SELECT id FROM orders WHERE code = ?", o.Code).Scan(&orderID)
		for _, sql := range []string{
			"UPDATE orders SET subtotal_vnd = subtotal_vnd + 1, total_vnd = total_vnd + 1 WHERE id = ?",
			"UPDATE orders SET shipping_vnd = 1000000001, total_vnd = subtotal_vnd + 1000000001 WHERE id = ?",
			"UPDATE order_items SET unit_price_vnd = 1000000001, line_total_vnd = 1000000001 * quantity WHERE order_id = ?",
		} {
			if err := f.db.Exec(sql, orderID).Error; err == nil {
				t.Errorf("the database accepted %s", sql)
			}
		}
	})
}

// TestPriceBeyondTheBoundIsNotPurchasable: a variant priced above the bound
// before the bound existed cannot be bought (the seller must fix it); it is
// refused by name, not with a failure of the database's own check.
func TestPriceBeyondTheBoundIsNotPurchasable(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		sh := f.coop("HTX Cũ", 30000, 0, false)
		p := f.product(sh, "Sản phẩm cũ", 100000, 10)
		drop := "DROP TRIGGER product_variants_money_bound_update"
		if database.DialectOf(f.db) == database.Postgres {
			drop = "ALTER TABLE product_variants DROP CONSTRAINT product_variants_money_bound"
		}
		if err := f.db.Exec(drop).Error; err != nil {
			t.Fatal(err)
		}
		if err := f.db.Exec("UPDATE product_variants SET price_vnd = 1000000000000 WHERE id = ?", p.Variants[0].ID).Error; err != nil {
			t.Fatal(err)
		}
		if err := catalog.ProductsChanged(f.db, p.ID); err != nil { // as the catalog's own writes do
			t.Fatal(err)
		}
		res, err := f.checkout(kernel.Anonymous, uuid.NewString(), guestInput("0912008001", line(p.Variants[0].ID, 1)))
		if err != nil || res.Status != http.StatusConflict || decodeRefusal(t, res).Code != orders.CodeNotPurchasable {
			t.Fatalf("want 409 not_purchasable: %v %v", res, err)
		}
		_, err = f.s.Quote(f.ctx, kernel.Anonymous, orders.QuoteInput{Items: []orders.LineInput{line(p.Variants[0].ID, 1)}})
		wantCode(t, err, orders.CodeNotPurchasable)
	})
}

// maxProduct lists a product with as many variants as a cart has lines,
// each at the price bound, with stock units each.
func (f *fixture) maxProduct(sh shop, name string, stock int) *catalog.Product {
	f.t.Helper()
	p, err := f.cat.CreateProduct(f.ctx, sh.owner, sh.coop.ID, catalog.ProductInput{Name: name, Description: "Quý hiếm.", Category: "dac-san-kho",
		Unit: "kg", Status: catalog.ProductActive, Variants: catalogtest.Variants(orders.MaxLines, catalog.MaxPriceVND, stock)})
	if err != nil {
		f.t.Fatalf("create product: %v", err)
	}
	return p
}
