package catalog_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
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
	doc, _, err := f.s.PublicProductJSON(f.ctx, key, "")
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
			// The writes above went around the catalog: say so, as its own
			// writes do.
			if err := catalog.ProductsChanged(db, none.ID, one.ID, many.ID); err != nil {
				t.Fatal(err)
			}
			for _, p := range []*catalog.Product{none, one, many} {
				sameDocument(t, f, p.Slug)
				sameDocument(t, f, p.ID)
			}
			qc := dbtest.CountQueries(t, db)
			if _, _, err := f.s.PublicProductJSON(f.ctx, many.Slug, ""); err != nil || qc.Count() != 1 {
				t.Fatalf("the document took %d statements (%v)", qc.Count(), err)
			}

			draft := f.product(owner, c.ID, "Bản nháp", catalog.ProductDraft)
			hidden := f.product(owner, c.ID, "Bị ẩn", catalog.ProductActive)
			if _, err := f.s.HideProduct(f.ctx, staff, hidden.ID, "Kiểm tra"); err != nil {
				t.Fatal(err)
			}
			for _, key := range []string{draft.Slug, draft.ID, hidden.Slug, hidden.ID, "khong-co", ""} {
				_, _, err := f.s.PublicProductJSON(f.ctx, key, "")
				wantKind(t, err, apperr.KindNotFound)
			}
			if _, err := f.s.SuspendCoop(f.ctx, staff, c.ID, "Hàng giả"); err != nil {
				t.Fatal(err)
			}
			_, _, err := f.s.PublicProductJSON(f.ctx, many.Slug, "")
			wantKind(t, err, apperr.KindNotFound)
		}
	})
}

// TestProductDocumentVersion: the version read with a document names it
// until a change, and a caller holding it gets no document, in the same one
// statement; every kind of change (the product, its stock, its photos, its
// coop's name) gives a new version and a document that shows it; a version
// held for another photo address, another product or in another shape is
// not current.
func TestProductDocumentVersion(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, catalog.WithImageURLs(prefixURLs("https://cdn.example/ganh/")))
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Phiên bản", true)
		p := f.product(owner, c.ID, "Chiếu cói", catalog.ProductActive)
		other := f.product(owner, c.ID, "Nón lá", catalog.ProductActive)

		read := func(held string) ([]byte, string) {
			t.Helper()
			doc, v, err := f.s.PublicProductJSON(f.ctx, p.Slug, held)
			if err != nil || v == "" {
				t.Fatalf("read: %q %v", v, err)
			}
			return doc, v
		}
		doc, v := read("")
		if again, v2 := read(""); v2 != v || string(again) != string(doc) {
			t.Fatalf("nothing changed, yet %s then %s", v, v2)
		}
		qc := dbtest.CountQueries(t, db)
		if held, v2 := read(v); held != nil || v2 != v {
			t.Fatalf("the caller holds %s: got %s and a document of %d bytes", v, v2, len(held))
		}
		if qc.Count() != 1 {
			t.Fatalf("answering a held version took %d statements", qc.Count())
		}
		_, vOther, _ := f.s.PublicProductJSON(f.ctx, other.Slug, "")
		for _, held := range []string{vOther, "W/" + v, v + "x", "", "*", strings.Replace(v, ".", "..", 1)} {
			if doc, _ := read(held); doc == nil {
				t.Fatalf("%q is not the version of %s, yet no document came", held, p.Slug)
			}
		}
		elsewhere := newFixture(t, db, catalog.WithImageURLs(prefixURLs("https://other.example/")))
		if doc, _, err := elsewhere.s.PublicProductJSON(f.ctx, p.Slug, v); err != nil || doc == nil {
			t.Fatalf("another photo address must not match the version: %v", err)
		}

		changes := []struct {
			name  string
			apply func() error
			shows string
		}{
			{"stock sold", func() error {
				return db.Transaction(func(tx *gorm.DB) error {
					return catalog.TakeStock(tx, []catalog.StockLine{{VariantID: p.Variants[0].ID, Quantity: 2}})
				})
			}, fmt.Sprintf(`"stock"\s*:\s*%d`, p.Variants[0].Stock-2)},
			{"product renamed", func() error {
				name := "Chiếu cói Kim Sơn"
				_, err := f.s.UpdateProduct(f.ctx, owner, p.ID, catalog.ProductPatch{Name: &name})
				return err
			}, `Chiếu cói Kim Sơn`},
			{"photo added", func() error {
				_, err := f.s.AddProductImage(f.ctx, owner, p.ID, catalog.NewImage{Hash: fmt.Sprintf("%064x", 42), Width: 800, Height: 600})
				return err
			}, `https://cdn.example/ganh/img/` + fmt.Sprintf("%064x", 42) + `/large.webp`},
			{"coop renamed", func() error {
				name := "HTX Phiên bản mới"
				_, err := f.s.UpdateCoop(f.ctx, owner, c.ID, catalog.CoopPatch{Name: &name})
				return err
			}, `HTX Phiên bản mới`},
		}
		for _, ch := range changes {
			if err := ch.apply(); err != nil {
				t.Fatalf("%s: %v", ch.name, err)
			}
			doc, v2 := read(v)
			if doc == nil || v2 == v {
				t.Fatalf("%s: the held version %s is still current (%s)", ch.name, v, v2)
			}
			if !regexp.MustCompile(ch.shows).Match(doc) {
				t.Fatalf("%s: the document does not show it (%s):\n%s", ch.name, ch.shows, doc)
			}
			v = v2
		}
	})
}

// TestRenderStaleDocuments: start-up renders the documents that are
// missing or of another format, and only those.
func TestRenderStaleDocuments(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Khởi động", true)
		missing := f.product(owner, c.ID, "Chưa có tài liệu", catalog.ProductActive)
		old := f.product(owner, c.ID, "Tài liệu cũ", catalog.ProductActive)
		f.product(owner, c.ID, "Tài liệu mới", catalog.ProductActive)
		if n, err := catalog.RenderStaleDocuments(f.ctx, db); err != nil || n != 0 {
			t.Fatalf("nothing is stale, yet %d rendered (%v)", n, err)
		}
		if err := db.Exec("DELETE FROM product_documents WHERE product_id = ?", missing.ID).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Exec("UPDATE product_documents SET format = 'cu', tail = 'x' WHERE product_id = ?", old.ID).Error; err != nil {
			t.Fatal(err)
		}
		if n, err := catalog.RenderStaleDocuments(f.ctx, db); err != nil || n != 2 {
			t.Fatalf("rendered %d (%v), want the missing and the old one", n, err)
		}
		if stale, err := catalog.StaleDocuments(f.ctx, db); err != nil || len(stale) != 0 {
			t.Fatalf("still stale: %v %v", stale, err)
		}
	})
}
