package catalog_test

import (
	"errors"
	"sync"
	"testing"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/outbox"
	"gorm.io/gorm"
)

// counters reads what the catalog keeps of a sale: a variant's stock and
// its product's sold count.
func counters(t *testing.T, db *gorm.DB, variantID string) (stock, sold int) {
	t.Helper()
	var r struct{ Stock, SoldCount int }
	err := db.Raw("SELECT v.stock, p.sold_count FROM product_variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?", variantID).Scan(&r).Error
	if err != nil {
		t.Fatal(err)
	}
	return r.Stock, r.SoldCount
}

// TestTakeAndReturnStock: a sale moves stock and sales together and queues
// the product for search; its return undoes both, and a sold count never
// goes below zero.
func TestTakeAndReturnStock(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		p := f.product(owner, f.coop(owner, staff, "HTX Bán hàng", true).ID, "Chiếu cói", catalog.ProductActive)
		big, small := p.Variants[0].ID, p.Variants[1].ID // stock 10 and 30
		lines := []catalog.StockLine{{VariantID: small, Quantity: 4}, {VariantID: big, Quantity: 2}}
		var queued int64
		f.db.Model(&outbox.Row{}).Where("aggregate_id = ?", p.ID).Count(&queued)

		if err := f.db.Transaction(func(tx *gorm.DB) error { return catalog.TakeStock(tx, lines) }); err != nil {
			t.Fatal(err)
		}
		if stock, sold := counters(t, f.db, big); stock != 8 || sold != 6 {
			t.Fatalf("after the sale: stock %d sold %d, want 8 and 6", stock, sold)
		}
		if stock, _ := counters(t, f.db, small); stock != 26 {
			t.Fatalf("after the sale: stock %d, want 26", stock)
		}
		var now int64
		f.db.Model(&outbox.Row{}).Where("aggregate_id = ?", p.ID).Count(&now)
		if now <= queued {
			t.Fatal("the sale did not queue the product for search")
		}

		for range 2 { // the second return finds nothing sold left
			if err := f.db.Transaction(func(tx *gorm.DB) error { return catalog.ReturnStock(tx, lines) }); err != nil {
				t.Fatal(err)
			}
		}
		if stock, sold := counters(t, f.db, big); stock != 12 || sold != 0 {
			t.Fatalf("after two returns: stock %d sold %d, want 12 and 0", stock, sold)
		}
	})
}

// TestTakeStockNamesEveryShortLine: a sale asking more than is left of two
// variants names both with what is left, and one that fits is not named.
func TestTakeStockNamesEveryShortLine(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Hết hàng", true)
		p, q := f.product(owner, c.ID, "Nón lá", catalog.ProductActive), f.product(owner, c.ID, "Túi cói", catalog.ProductActive)
		lines := []catalog.StockLine{
			{VariantID: q.Variants[1].ID, Quantity: 31}, // 30 left
			{VariantID: p.Variants[1].ID, Quantity: 5},  // fits
			{VariantID: p.Variants[0].ID, Quantity: 11}, // 10 left
		}
		err := f.db.Transaction(func(tx *gorm.DB) error { return catalog.TakeStock(tx, lines) })
		var short *catalog.ShortStock
		if !errors.As(err, &short) {
			t.Fatalf("want *ShortStock, got %v", err)
		}
		left := map[string]int{}
		for _, l := range short.Lines {
			left[l.VariantID] = l.Left
		}
		if len(left) != 2 || left[q.Variants[1].ID] != 30 || left[p.Variants[0].ID] != 10 {
			t.Fatalf("short lines %+v, want the two with 30 and 10 left", short.Lines)
		}
		if stock, sold := counters(t, f.db, p.Variants[1].ID); stock != 30 || sold != 0 {
			t.Fatalf("a refused sale changed stock %d / sold %d", stock, sold)
		}
	})
}

// TestTakeOnlyFromAHeldSale: stock is taken only for variants whose
// sellers the sale holds, two lines of one variant count together, and a
// quote's sale (ReadSale) takes nothing.
func TestTakeOnlyFromAHeldSale(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		p := f.product(owner, f.coop(owner, staff, "HTX Giữ hàng", true).ID, "Nón lá", catalog.ProductActive)
		held, other := p.Variants[0].ID, p.Variants[1].ID // stock 10 and 30
		err := f.db.Transaction(func(tx *gorm.DB) error {
			read, err := catalog.ReadSale(tx, []string{held})
			if err != nil {
				return err
			}
			if _, err := read.Take(database.NewPipeline(tx), []catalog.StockLine{{VariantID: held, Quantity: 1}}); err == nil {
				t.Error("a sale that holds nothing took stock")
			}
			sale, err := catalog.HoldSale(tx, []string{held}, catalog.SaleBuyer{})
			if err != nil {
				return err
			}
			if _, err := sale.Take(database.NewPipeline(tx), []catalog.StockLine{{VariantID: other, Quantity: 1}}); err == nil {
				t.Error("took stock of a variant the sale does not hold")
			}
			p := database.NewPipeline(tx)
			taking, err := sale.Take(p, []catalog.StockLine{{VariantID: held, Quantity: 2}, {VariantID: held, Quantity: 3}})
			if err != nil {
				return err
			}
			if err := p.Run(); err != nil {
				return err
			}
			left, err := taking.Left()
			if err != nil {
				return err
			}
			if left[held] != 5 {
				t.Errorf("left %v, want 5 of %s", left, held)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if stock, sold := counters(t, f.db, held); stock != 5 || sold != 5 {
			t.Fatalf("stock %d sold %d, want 5 and 5", stock, sold)
		}
		if stock, _ := counters(t, f.db, other); stock != 30 {
			t.Fatalf("the variant outside the sale has stock %d, want 30", stock)
		}
	})
}

// TestCrossedSalesDoNotDeadlock: buyers whose carts name the same variants
// of two coops in opposite orders sell at the same time. TakeStock and
// ReturnStock sort what they lock themselves, so no transaction waits on
// another in a circle (PostgreSQL would abort one as a deadlock victim) and
// every unit is counted.
func TestCrossedSalesDoNotDeadlock(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		a := f.product(owner, f.coop(owner, staff, "HTX Phía Bắc", true).ID, "Chè Thái", catalog.ProductActive)
		b := f.product(owner, f.coop(owner, staff, "HTX Phía Nam", true).ID, "Kẹo dừa", catalog.ProductActive)
		ids := []string{a.Variants[1].ID, b.Variants[1].ID, a.Variants[0].ID, b.Variants[0].ID}
		const buyers = 8
		var wg sync.WaitGroup
		errs := make(chan error, buyers)
		for i := range buyers {
			lines := make([]catalog.StockLine, len(ids))
			for j := range ids {
				k := j
				if i%2 == 1 {
					k = len(ids) - 1 - j
				}
				lines[j] = catalog.StockLine{VariantID: ids[k], Quantity: 1}
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- f.db.Transaction(func(tx *gorm.DB) error {
					if err := catalog.TakeStock(tx, lines); err != nil {
						return err
					}
					if i%4 == 3 {
						return catalog.ReturnStock(tx, lines[:2])
					}
					return nil
				})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("a crossed sale failed: %v", err)
			}
		}
		returned := buyers / 4 // each gave back one unit of both first variants
		for _, v := range []string{a.Variants[0].ID, b.Variants[0].ID} {
			if stock, _ := counters(t, f.db, v); stock != 10-buyers+returned {
				t.Errorf("variant %s: stock %d, want %d", v, stock, 10-buyers+returned)
			}
		}
		for _, p := range []*catalog.Product{a, b} {
			if _, sold := counters(t, f.db, p.Variants[0].ID); sold != 2*buyers-returned {
				t.Errorf("product %s: sold %d, want %d", p.Name, sold, 2*buyers-returned)
			}
		}
	})
}

// TestRecordRatingWritesNothingOnRefusal: the figures come from add, and an
// error of add comes back as it is with the product untouched.
func TestRecordRatingWritesNothingOnRefusal(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		p := f.product(owner, f.coop(owner, staff, "HTX Đánh giá", true).ID, "Mắm tôm", catalog.ProductActive)
		refused := errors.New("already reviewed")
		err := f.db.Transaction(func(tx *gorm.DB) error {
			return catalog.RecordRating(tx, p.ID, func() (catalog.Rating, error) { return catalog.Rating{}, refused })
		})
		if !errors.Is(err, refused) {
			t.Fatalf("got %v, want add's error", err)
		}
		err = f.db.Transaction(func(tx *gorm.DB) error {
			return catalog.RecordRating(tx, p.ID, func() (catalog.Rating, error) { return catalog.Rating{Count: 2, Avg: 4.5}, nil })
		})
		if err != nil {
			t.Fatal(err)
		}
		var r struct {
			RatingCount int
			RatingAvg   float64
		}
		f.db.Raw("SELECT rating_count, rating_avg FROM products WHERE id = ?", p.ID).Scan(&r)
		if r.RatingCount != 2 || r.RatingAvg != 4.5 {
			t.Fatalf("rating %+v, want 2 and 4.5", r)
		}
	})
}
