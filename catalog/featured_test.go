package catalog_test

import (
	"testing"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
)

func TestFeatured(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c1 := f.coop(owner, staff, "HTX Một", true)
		c2 := f.coop(f.user(kernel.RoleShopper), staff, "HTX Hai", true)
		pending := f.coop(f.user(kernel.RoleShopper), staff, "HTX Chờ duyệt", false)
		p1 := f.product(owner, c1.ID, "Sản phẩm một", catalog.ProductActive)
		p2 := f.product(owner, c1.ID, "Sản phẩm hai", catalog.ProductActive)
		draft := f.product(owner, c1.ID, "Bản nháp", catalog.ProductDraft)
		now := time.Now().UTC()
		past, future := now.Add(-48*time.Hour), now.Add(48*time.Hour)

		got, err := f.s.SetFeatured(f.ctx, staff, "", catalog.FeaturedInput{
			Coops: []catalog.FeaturedCoop{{CoopID: c2.ID, Note: "Tháng 11"}, {CoopID: pending.ID}, {CoopID: c1.ID, StartsAt: &past}},
			Products: []catalog.FeaturedProduct{
				{ProductID: p2.ID, EndsAt: &future}, {ProductID: draft.ID}, {ProductID: p1.ID, StartsAt: &future},
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Coops) != 3 || len(got.Products) != 2 { // staff see the pending coop and the draft
			t.Fatalf("staff view = %d coops, %d products", len(got.Coops), len(got.Products))
		}
		pub, err := f.s.Featured(f.ctx, kernel.Anonymous, "")
		if err != nil || len(pub.Coops) != 2 || pub.Coops[0].ID != c2.ID || pub.Coops[1].ID != c1.ID ||
			len(pub.Products) != 1 || pub.Products[0].ID != p2.ID || len(pub.Products[0].Variants) != 2 {
			t.Fatalf("public featured = %+v, %v", pub, err)
		}
		entries, err := f.s.FeaturedEntries(f.ctx, staff, "")
		if err != nil || len(entries.Coops) != 3 || entries.Coops[0].Note != "Tháng 11" {
			t.Fatalf("entries = %+v, %v", entries, err)
		}

		_, err = f.s.SetFeatured(f.ctx, staff, "", catalog.FeaturedInput{
			Coops:    []catalog.FeaturedCoop{{CoopID: "nope"}, {CoopID: c1.ID, StartsAt: &future, EndsAt: &past}},
			Products: []catalog.FeaturedProduct{{ProductID: p1.ID}, {ProductID: p1.ID}},
		})
		wantField(t, err, "coops[1].ends_at")
		wantField(t, err, "products[1].product_id")
		_, err = f.s.SetFeatured(f.ctx, staff, "", catalog.FeaturedInput{Coops: []catalog.FeaturedCoop{{CoopID: "nope"}}})
		wantField(t, err, "coops[0].coop_id")
		_, err = f.s.SetFeatured(f.ctx, owner, "", catalog.FeaturedInput{})
		wantKind(t, err, apperr.KindForbidden)

		if _, err := f.s.SetFeatured(f.ctx, staff, "", catalog.FeaturedInput{}); err != nil {
			t.Fatal(err)
		}
		if pub, _ := f.s.Featured(f.ctx, kernel.Anonymous, ""); len(pub.Coops)+len(pub.Products) != 0 {
			t.Fatal("an empty PUT must clear the lists")
		}
	})
}

func TestCategories(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		staff, seller := f.user(kernel.RoleStaff), f.user(kernel.RoleSeller)
		tree, err := f.s.Categories(f.ctx)
		if err != nil || len(tree) != 6 || tree[0].Slug != "thuc-pham" || len(tree[0].Children) == 0 {
			t.Fatalf("tree = %+v, %v", tree, err)
		}
		c, err := f.s.CreateCategory(f.ctx, staff, catalog.CategoryInput{Name: "Bánh đa nem", Parent: "thuc-pham"})
		if err != nil || c.Slug != "banh-da-nem" {
			t.Fatalf("create = %+v, %v", c, err)
		}
		_, err = f.s.CreateCategory(f.ctx, staff, catalog.CategoryInput{Name: "Trùng", Slug: "banh-da-nem"})
		wantKind(t, err, apperr.KindConflict)
		_, err = f.s.CreateCategory(f.ctx, staff, catalog.CategoryInput{Name: "Mồ côi", Parent: "khong-co"})
		wantField(t, err, "parent")
		_, err = f.s.CreateCategory(f.ctx, staff, catalog.CategoryInput{Name: "Sai", Slug: "Sai Slug"})
		wantField(t, err, "slug")
		_, err = f.s.CreateCategory(f.ctx, seller, catalog.CategoryInput{Name: "Không được"})
		wantKind(t, err, apperr.KindForbidden)

		name := "Bánh đa nem Làng Chều"
		r, err := f.s.RenameCategory(f.ctx, staff, c.ID, catalog.CategoryPatch{Name: &name})
		if err != nil || r.Name != name || r.Slug != "banh-da-nem" {
			t.Fatalf("rename = %+v, %v", r, err)
		}
		_, err = f.s.RenameCategory(f.ctx, staff, "khong-co", catalog.CategoryPatch{Name: &name})
		wantKind(t, err, apperr.KindNotFound)

		// A parent category filter includes its children.
		owner := f.user(kernel.RoleShopper)
		coop := f.coop(owner, staff, "HTX Làng Chều", true)
		in := productInput("Bánh đa nem", catalog.ProductActive)
		in.Category = "banh-da-nem"
		if _, err := f.s.CreateProduct(f.ctx, owner, coop.ID, in); err != nil {
			t.Fatal(err)
		}
		page, err := f.s.Products(f.ctx, kernel.Anonymous, catalog.ProductFilter{Category: "thuc-pham"}, kernel.PageRequest{})
		if err != nil || len(page.Items) != 1 || page.Items[0].Category.Name != name {
			t.Fatalf("category filter = %+v, %v", page.Items, err)
		}
		_, err = f.s.Products(f.ctx, kernel.Anonymous, catalog.ProductFilter{Category: "khong-co"}, kernel.PageRequest{})
		wantField(t, err, "category")
	})
}

func TestProductPagination(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Gạo tám", true)
		for range 5 {
			f.product(owner, c.ID, "Gạo tám xoan", catalog.ProductActive)
		}
		seen := map[string]bool{}
		pr := kernel.PageRequest{Limit: 2}
		for pages := 0; ; pages++ {
			page, err := f.s.Products(f.ctx, kernel.Anonymous, catalog.ProductFilter{Province: "ninh-binh", Coop: c.Slug}, pr)
			if err != nil || pages > 3 {
				t.Fatalf("page %d: %v", pages, err)
			}
			for _, p := range page.Items {
				if seen[p.ID] {
					t.Fatalf("%s shown twice", p.ID)
				}
				seen[p.ID] = true
			}
			if page.NextCursor == nil {
				break
			}
			pr.Cursor = *page.NextCursor
		}
		if len(seen) != 5 {
			t.Fatalf("saw %d products, want 5", len(seen))
		}
	})
}
