package catalog_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// sameJSON fails unless got and want hold the same JSON values.
func sameJSON(t *testing.T, what string, got []byte, want any) {
	t.Helper()
	old, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", what, err, got)
	}
	if err := json.Unmarshal(old, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("%s differs:\n db: %s\n go: %s", what, got, old)
	}
}

// TestProductListDocumentsMatch: the public's list pages composed by the
// database equal the Go pages, page after page by cursor, with each filter
// the statement handles; a coop the public may not see is not found, and
// one without products is an empty page; a bad cursor is refused the same.
func TestProductListDocumentsMatch(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		for _, urls := range []catalog.Option{catalog.WithImageURLs(prefixURLs("https://cdn.example/ganh/")), func(*catalog.Service) {}} {
			f := newFixture(t, db, urls)
			owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
			c := f.coop(owner, staff, fmt.Sprintf("HTX Danh sách %p", f), true)
			empty := f.coop(owner, staff, fmt.Sprintf("HTX Trống %p", f), true)
			pending := f.coop(owner, staff, fmt.Sprintf("HTX Chờ duyệt %p", f), false)
			for i := range 5 {
				p := f.product(owner, c.ID, fmt.Sprintf("Hàng %d", i), catalog.ProductActive)
				if i%2 == 0 {
					if _, err := f.s.AddProductImage(f.ctx, owner, p.ID, catalog.NewImage{Hash: fmt.Sprintf("%064x", 100+i), Width: 800, Height: 600}); err != nil {
						t.Fatal(err)
					}
				}
			}
			f.product(owner, c.ID, "Bản nháp", catalog.ProductDraft)

			walk := func(what string, db func(kernel.PageRequest) ([]byte, error), old func(kernel.PageRequest) (kernel.Page[catalog.Product], error)) {
				t.Helper()
				pr := kernel.PageRequest{Limit: 2}
				for n := 0; ; n++ {
					got, err := db(pr)
					if err != nil {
						t.Fatalf("%s page %d: %v", what, n, err)
					}
					want, err := old(pr)
					if err != nil {
						t.Fatal(err)
					}
					sameJSON(t, fmt.Sprintf("%s page %d", what, n), got, want)
					if want.NextCursor == nil {
						return
					}
					pr.Cursor = *want.NextCursor
				}
			}
			for _, flt := range []catalog.ProductFilter{{}, {Province: "ninh-binh"}, {Province: "ha-giang"}, {Coop: c.Slug}, {Coop: c.ID}} {
				walk(fmt.Sprintf("products %+v", flt),
					func(pr kernel.PageRequest) ([]byte, error) {
						doc, _, err := f.s.PublicProductsJSON(f.ctx, flt, pr)
						return doc, err
					},
					func(pr kernel.PageRequest) (kernel.Page[catalog.Product], error) {
						return f.s.Products(f.ctx, kernel.Anonymous, flt, pr)
					})
			}
			for _, key := range []string{c.Slug, c.ID, empty.Slug} {
				walk("coop "+key,
					func(pr kernel.PageRequest) ([]byte, error) {
						doc, _, err := f.s.PublicCoopProductsJSON(f.ctx, key, "", pr)
						return doc, err
					},
					func(pr kernel.PageRequest) (kernel.Page[catalog.Product], error) {
						return f.s.CoopProducts(f.ctx, kernel.Anonymous, key, "", pr)
					})
			}
			for _, key := range []string{pending.Slug, pending.ID, "khong-co"} {
				_, _, err := f.s.PublicCoopProductsJSON(f.ctx, key, "", kernel.PageRequest{})
				wantKind(t, err, apperr.KindNotFound)
			}
			_, _, err := f.s.PublicProductsJSON(f.ctx, catalog.ProductFilter{}, kernel.PageRequest{Cursor: "không-phải"})
			wantField(t, err, "cursor")

			qc := dbtest.CountQueries(t, db)
			if _, _, err := f.s.PublicCoopProductsJSON(f.ctx, c.Slug, "", kernel.PageRequest{Limit: 20}); err != nil || qc.Count() != 1 {
				t.Fatalf("the page took %d statements (%v)", qc.Count(), err)
			}
		}
	})
}

// TestProductListVersion: a page's version holds while nothing it shows
// changes, and moves when a product on it changes (its stock), when a
// product joins or leaves it; a change to a product on another page leaves
// it, and a page that is again what it was has its version again.
func TestProductListVersion(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, catalog.WithImageURLs(prefixURLs("https://cdn.example/ganh/")))
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Phiên bản trang", true)
		var ps []*catalog.Product
		for i := range 3 {
			ps = append(ps, f.product(owner, c.ID, fmt.Sprintf("Hàng %d", i), catalog.ProductActive))
		}
		version := func(pr kernel.PageRequest) string {
			t.Helper()
			_, v, err := f.s.PublicCoopProductsJSON(f.ctx, c.Slug, "", pr)
			if err != nil || v == "" {
				t.Fatalf("page: %q %v", v, err)
			}
			return v
		}
		first := kernel.PageRequest{Limit: 2}
		v := version(first)
		if version(first) != v {
			t.Fatal("nothing changed, yet the version moved")
		}
		sell := func(p *catalog.Product) {
			t.Helper()
			if err := db.Transaction(func(tx *gorm.DB) error {
				return catalog.TakeStock(tx, []catalog.StockLine{{VariantID: p.Variants[0].ID, Quantity: 1}})
			}); err != nil {
				t.Fatal(err)
			}
		}
		sell(ps[0]) // the oldest: on the second page only
		if version(first) != v {
			t.Fatal("a sale on another page moved the first page's version")
		}
		sell(ps[2]) // the newest: on the first page
		v2 := version(first)
		if v2 == v {
			t.Fatal("a sale on the page left its version")
		}
		newest := f.product(owner, c.ID, "Hàng mới", catalog.ProductActive)
		v3 := version(first)
		if v3 == v2 {
			t.Fatal("a new product on the page left its version")
		}
		if _, err := f.s.HideProduct(f.ctx, staff, newest.ID, "Kiểm tra"); err != nil {
			t.Fatal(err)
		}
		if version(first) != v2 {
			t.Fatal("with the new product hidden the page is the one before, and so must be its version")
		}
	})
}
