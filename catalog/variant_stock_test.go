package catalog_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/catalogtest"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
	"gorm.io/gorm"
)

// TestStockEditNeverResurrectsASale: a seller loads her variant (stock 10),
// a buyer takes 3, and she saves. A save that expected 10 is refused with
// the current 7 and changes nothing; a save without a stock (she only fixed
// the price) leaves the 7 alone; a save expecting 7 sets the new figure.
func TestStockEditNeverResurrectsASale(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Tồn kho", true)
		p := f.product(owner, c.ID, "Nước mắm", catalog.ProductActive)
		v := p.Variants[0]
		shown := v.Stock // 10, as the form showed it

		res, err := orders.NewService(db, reports.Rollups{}).Checkout(ctx, kernel.Anonymous, orders.CheckoutRequest{Key: "sale", Input: orders.CheckoutInput{
			Items: []orders.LineInput{{VariantID: v.ID, Quantity: 3}}, Buyer: &orders.BuyerInput{Name: "Mai", Phone: "0912009001"},
			ShippingAddress: &orders.Address{Province: "ha-noi", Commune: "Phường Ba Đình", Street: "1 Hùng Vương"}}})
		if err != nil || res.Status != http.StatusCreated {
			t.Fatalf("sale: %v %v", res, err)
		}

		stock, price := shown+5, int64(99000)
		_, err = f.s.UpdateVariant(ctx, owner, p.ID, v.ID, catalog.VariantPatch{Stock: &stock, ExpectedStock: &shown, PriceVND: &price})
		wantKind(t, err, apperr.KindConflict)
		if e := apperr.As(err); e == nil || e.Code != apperr.CodeConflict || e.Extra["stock"] != shown-3 {
			t.Fatalf("the conflict must carry the current stock %d: %+v", shown-3, e)
		}
		if got := variantOf(t, f, p.ID, v.ID); got.Stock != shown-3 || got.PriceVND != v.PriceVND {
			t.Fatalf("a refused save changed the variant: %+v", got)
		}

		// She only changed the price: the stock is not written back.
		if _, err := f.s.UpdateVariant(ctx, owner, p.ID, v.ID, catalog.VariantPatch{PriceVND: &price}); err != nil {
			t.Fatal(err)
		}
		if got := variantOf(t, f, p.ID, v.ID); got.Stock != shown-3 || got.PriceVND != price {
			t.Fatalf("price save: %+v", got)
		}

		current := shown - 3
		if _, err := f.s.UpdateVariant(ctx, owner, p.ID, v.ID, catalog.VariantPatch{Stock: &stock, ExpectedStock: &current}); err != nil {
			t.Fatal(err)
		}
		if got := variantOf(t, f, p.ID, v.ID); got.Stock != stock {
			t.Fatalf("stock save: %+v", got)
		}
		bad := -1
		_, err = f.s.UpdateVariant(ctx, owner, p.ID, v.ID, catalog.VariantPatch{Stock: &stock, ExpectedStock: &bad})
		wantField(t, err, "expected_stock")
	})
}

func variantOf(t *testing.T, f *fixture, productID, variantID string) catalog.Variant {
	t.Helper()
	return catalogtest.VariantNow(t, f.s, productID, variantID)
}
