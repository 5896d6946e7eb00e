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

// sameDocument fails unless the database's document of key is the JSON the
// Go path gives the public for it, value for value (key order and number
// spelling aside; times to the character).
func sameDocument(t *testing.T, f *fixture, key string) []byte {
	t.Helper()
	doc, err := f.s.PublicProductJSON(f.ctx, key)
	if err != nil {
		t.Fatalf("document of %s: %v", key, err)
	}
	p, err := f.s.ProductBySlug(f.ctx, kernel.Anonymous, key)
	if apperr.KindOf(err) == apperr.KindNotFound {
		p, err = f.s.ProductByID(f.ctx, kernel.Anonymous, key)
	}
	if err != nil {
		t.Fatal(err)
	}
	old, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var got, want any
	if err := json.Unmarshal(doc, &got); err != nil {
		t.Fatalf("the document is not JSON: %v\n%s", err, doc)
	}
	if err := json.Unmarshal(old, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("documents differ:\n db: %s\n go: %s", doc, old)
	}
	return doc
}

// TestProductDocumentMatches: the one-statement document equals the Go
// answer for products with no, one and many variants and photos, by slug
// and by id, with characters JSON must escape; what the public may not see
// stays not found.
func TestProductDocumentMatches(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		for _, urls := range []catalog.Option{catalog.WithImageURLs(prefixURLs("https://cdn.example/ganh/")), func(*catalog.Service) {}} {
			f := newFixture(t, db, urls)
			owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
			c := f.coop(owner, staff, fmt.Sprintf("HTX Tài liệu %p", f), true)
			none := f.product(owner, c.ID, "Không biến thể", catalog.ProductActive)
			if err := db.Exec("DELETE FROM product_variants WHERE product_id = ?", none.ID).Error; err != nil {
				t.Fatal(err)
			}
			one := f.product(owner, c.ID, "Một ảnh", catalog.ProductActive)
			if err := db.Exec("DELETE FROM product_variants WHERE product_id = ? AND name = ?", one.ID, "Gói 200 g").Error; err != nil {
				t.Fatal(err)
			}
			many := f.product(owner, c.ID, "Nhiều ảnh", catalog.ProductActive)
			for i, p := range []*catalog.Product{one, many, many, many} {
				if _, err := f.s.AddProductImage(f.ctx, owner, p.ID, catalog.NewImage{Hash: fmt.Sprintf("%064x", i+1), Width: 1200 + i, Height: 900}); err != nil {
					t.Fatal(err)
				}
			}
			// Values the encoders might spell differently: quotes, a
			// backslash, markup, a fraction, no tags.
			if err := db.Exec(`UPDATE products SET description = ?, rating_avg = ?, rating_count = 3, sold_count = 7, tags = '[]' WHERE id = ?`,
				"Chiếu \"đôi\" \\ <b>&</b>\nmới", 4.25, many.ID).Error; err != nil {
				t.Fatal(err)
			}
			for _, p := range []*catalog.Product{none, one, many} {
				sameDocument(t, f, p.Slug)
				sameDocument(t, f, p.ID)
			}
			qc := dbtest.CountQueries(t, db)
			if _, err := f.s.PublicProductJSON(f.ctx, many.Slug); err != nil || qc.Count() != 1 {
				t.Fatalf("the document took %d statements (%v)", qc.Count(), err)
			}

			draft := f.product(owner, c.ID, "Bản nháp", catalog.ProductDraft)
			hidden := f.product(owner, c.ID, "Bị ẩn", catalog.ProductActive)
			if _, err := f.s.HideProduct(f.ctx, staff, hidden.ID, "Kiểm tra"); err != nil {
				t.Fatal(err)
			}
			for _, key := range []string{draft.Slug, draft.ID, hidden.Slug, hidden.ID, "khong-co", ""} {
				_, err := f.s.PublicProductJSON(f.ctx, key)
				wantKind(t, err, apperr.KindNotFound)
			}
			if _, err := f.s.SuspendCoop(f.ctx, staff, c.ID, "Hàng giả"); err != nil {
				t.Fatal(err)
			}
			_, err := f.s.PublicProductJSON(f.ctx, many.Slug)
			wantKind(t, err, apperr.KindNotFound)
		}
	})
}
