package catalog_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

func TestCreateProduct(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Cơm cháy Ninh Bình", true)

		p := f.product(owner, c.ID, "Cơm cháy chà bông", "")
		if p.Status != catalog.ProductDraft || p.PriceVND != 55000 || len(p.Variants) != 2 || p.Category.Name != "Đặc sản khô" ||
			p.Coop.Slug != c.Slug || p.Slug != "com-chay-cha-bong" || len(p.Tags) != 2 {
			t.Fatalf("product = %+v", p)
		}
		if n := count(t, f.db, "SELECT COUNT(*) FROM outbox WHERE topic = 'product' AND aggregate_id = ?", p.ID); n != 1 {
			t.Fatalf("outbox rows = %d, want 1", n)
		}
		if p2 := f.product(owner, c.ID, "Cơm cháy chà bông", catalog.ProductActive); p2.Slug != "com-chay-cha-bong-2" {
			t.Fatalf("second slug = %q", p2.Slug)
		}

		t.Run("ErrValidation", func(t *testing.T) {
			in := productInput("", "published")
			in.Category, in.OCOPStars = "khong-co", 2
			in.Variants[0].PriceVND = 0
			in.Variants[1].Stock = -1
			bad := int64(50000)
			in.Variants[1].CompareAtVND = &bad
			_, err := f.s.CreateProduct(f.ctx, owner, c.ID, in)
			for _, field := range []string{"name", "status", "category", "ocop_stars", "variants[0].price_vnd", "variants[1].stock", "variants[1].compare_at_vnd"} {
				wantField(t, err, field)
			}
			in = productInput("Cơm cháy", catalog.ProductArchived)
			in.Variants = nil
			_, err = f.s.CreateProduct(f.ctx, owner, c.ID, in)
			wantField(t, err, "status")
			wantField(t, err, "variants")
		})
	})
}

func TestUpdateProductAndVariant(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Trà Tân Cương", true)
		p := f.product(owner, c.ID, "Trà móc câu", catalog.ProductDraft)

		name, cat, st := "Trà móc câu Tân Cương", "tra", catalog.ProductActive
		got, err := f.s.UpdateProduct(f.ctx, owner, p.ID, catalog.ProductPatch{Name: &name, Category: &cat, Status: &st})
		if err != nil || got.Name != name || got.Slug != p.Slug || got.Category.Slug != "tra" || got.Status != catalog.ProductActive {
			t.Fatalf("update = %+v, %v", got, err)
		}
		bogus := catalog.ProductStatus("sold_out")
		_, err = f.s.UpdateProduct(f.ctx, owner, p.ID, catalog.ProductPatch{Status: &bogus})
		wantField(t, err, "status")
		unknown := "khong-co"
		_, err = f.s.UpdateProduct(f.ctx, owner, p.ID, catalog.ProductPatch{Category: &unknown})
		wantField(t, err, "category")

		// The lowest price follows variant changes.
		price, stock := int64(40000), 0
		got, err = f.s.UpdateVariant(f.ctx, owner, p.ID, p.Variants[0].ID, catalog.VariantPatch{PriceVND: &price, Stock: &stock, CompareAtVND: catalog.Null[int64]()})
		if err != nil || got.PriceVND != 40000 || got.Variants[0].Stock != 0 || got.Variants[0].CompareAtVND != nil {
			t.Fatalf("variant update = %+v, %v", got, err)
		}
		neg := -5
		_, err = f.s.UpdateVariant(f.ctx, owner, p.ID, p.Variants[0].ID, catalog.VariantPatch{Stock: &neg})
		wantField(t, err, "stock")
		_, err = f.s.UpdateVariant(f.ctx, owner, p.ID, "no-such-variant", catalog.VariantPatch{Stock: &stock})
		wantKind(t, err, apperr.KindNotFound)
		got, err = f.s.AddVariant(f.ctx, owner, p.ID, catalog.VariantInput{Name: "Hộp 100 g", PriceVND: 35000, Stock: 5})
		if err != nil || len(got.Variants) != 3 || got.PriceVND != 35000 {
			t.Fatalf("add variant = %+v, %v", got, err)
		}
		// The database refuses negative stock even from code that skips the service.
		if err := f.db.Exec("UPDATE product_variants SET stock = -1 WHERE id = ?", p.Variants[0].ID).Error; err == nil {
			t.Fatal("CHECK (stock >= 0) missing")
		}
		if n := count(t, f.db, "SELECT COUNT(*) FROM outbox WHERE aggregate_id = ?", p.ID); n != 4 {
			t.Fatalf("outbox rows = %d, want create + update + variant + add", n)
		}
	})
}

func TestVisibility(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff, member := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff), f.user(kernel.RoleShopper)
		stranger, otherSeller := f.user(kernel.RoleShopper), f.user(kernel.RoleShopper)
		c := f.coop(owner, staff, "HTX Chiếu cói Kim Sơn", true)
		f.coop(otherSeller, staff, "HTX Khác", true)
		if _, err := f.s.AddMember(f.ctx, owner, c.ID, catalog.MemberInput{Phone: f.phoneOf(member), Role: kernel.MemberMember}); err != nil {
			t.Fatal(err)
		}
		active := f.product(owner, c.ID, "Chiếu cói đôi", catalog.ProductActive)
		draft := f.product(owner, c.ID, "Chiếu cói đơn", catalog.ProductDraft)
		hidden := f.product(owner, c.ID, "Túi cói", catalog.ProductActive)
		if _, err := f.s.HideProduct(f.ctx, staff, hidden.ID, "Sai danh mục"); err != nil {
			t.Fatal(err)
		}
		public := []kernel.Caller{kernel.Anonymous, stranger, otherSeller}
		insiders := []kernel.Caller{owner, member, staff}

		check := func(t *testing.T, slug string, wantPublic bool) {
			t.Helper()
			for _, a := range public {
				_, err := f.s.ProductBySlug(f.ctx, a, slug)
				if wantPublic && err != nil || !wantPublic && apperr.KindOf(err) != apperr.KindNotFound {
					t.Fatalf("public %q sees %s: err=%v, want visible=%v", a.UserID, slug, err, wantPublic)
				}
			}
			for _, a := range insiders {
				if _, err := f.s.ProductBySlug(f.ctx, a, slug); err != nil {
					t.Fatalf("insider %s cannot see %s: %v", a.Role, slug, err)
				}
			}
		}
		check(t, active.Slug, true)
		check(t, draft.Slug, false)
		check(t, hidden.Slug, false)

		listed := func(a kernel.Caller) int {
			page, err := f.s.CoopProducts(f.ctx, a, c.Slug, "", kernel.PageRequest{})
			if err != nil {
				t.Fatal(err)
			}
			return len(page.Items)
		}
		if listed(kernel.Anonymous) != 1 || listed(otherSeller) != 1 || listed(member) != 3 || listed(staff) != 3 {
			t.Fatal("coop product lists do not follow the visibility rule")
		}
		page, err := f.s.CoopProducts(f.ctx, owner, c.ID, catalog.ProductDraft, kernel.PageRequest{})
		if err != nil || len(page.Items) != 1 || page.Items[0].ID != draft.ID {
			t.Fatalf("status filter = %+v, %v", page.Items, err)
		}

		// Suspending the coop hides everything from the public, lists included.
		if _, err := f.s.SuspendCoop(f.ctx, staff, c.ID, "Kiểm tra chất lượng"); err != nil {
			t.Fatal(err)
		}
		check(t, active.Slug, false)
		_, err = f.s.CoopProducts(f.ctx, kernel.Anonymous, c.Slug, "", kernel.PageRequest{})
		wantKind(t, err, apperr.KindNotFound)
		all, _ := f.s.Products(f.ctx, kernel.Anonymous, catalog.ProductFilter{}, kernel.PageRequest{})
		if len(all.Items) != 0 {
			t.Fatalf("public list shows a suspended coop's products: %d", len(all.Items))
		}
		if listed(member) != 3 {
			t.Fatal("members lose sight of their products when suspended")
		}
	})
}

func TestVisibilityRuleAgrees(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Kiểm tra", true)
		for _, st := range []catalog.ProductStatus{catalog.ProductDraft, catalog.ProductActive, catalog.ProductArchived} {
			for _, hide := range []bool{false, true} {
				for _, cs := range []catalog.CoopStatus{catalog.CoopApproved, catalog.CoopSuspended} {
					p := f.product(owner, c.ID, fmt.Sprintf("SP %s %v %s", st, hide, cs), catalog.ProductDraft)
					f.db.Exec("UPDATE products SET status = ?, hidden = ? WHERE id = ?", st, hide, p.ID)
					f.db.Exec("UPDATE coops SET status = ? WHERE id = ?", cs, c.ID)
					if err := catalog.ProductsChanged(f.db, p.ID); err != nil { // as the catalog's own writes do
						t.Fatal(err)
					}
					_, err := f.s.ProductByID(f.ctx, kernel.Anonymous, p.ID)
					if seen := err == nil; seen != catalog.Purchasable(st, hide, cs) {
						t.Fatalf("%s hidden=%v coop=%s: SQL says %v, Purchasable says %v", st, hide, cs, seen, !seen)
					}
				}
			}
		}
	})
}

func TestHideUnhide(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Mật ong Hà Giang", true)
		p := f.product(owner, c.ID, "Mật ong bạc hà", catalog.ProductActive)
		_, err := f.s.HideProduct(f.ctx, owner, p.ID, "tự ẩn")
		wantKind(t, err, apperr.KindForbidden)
		_, err = f.s.HideProduct(f.ctx, staff, p.ID, "")
		wantField(t, err, "reason")
		got, err := f.s.HideProduct(f.ctx, staff, p.ID, "Chưa có giấy kiểm định")
		if err != nil || !got.Hidden || got.HiddenReason == "" {
			t.Fatalf("hide = %+v, %v", got, err)
		}
		_, err = f.s.HideProduct(f.ctx, staff, p.ID, "lần nữa")
		wantKind(t, err, apperr.KindConflict)
		if got, err = f.s.UnhideProduct(f.ctx, staff, p.ID); err != nil || got.Hidden {
			t.Fatalf("unhide = %+v, %v", got, err)
		}
	})
}

// TestOtherSellerCannotTouch proves tenant isolation in the domain: seller B
// gets not_found for every read-for-write and write on seller A's coop, and
// nothing changes.
func TestOtherSellerCannotTouch(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		a, b, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		coopA := f.coop(a, staff, "HTX của A", true)
		f.coop(b, staff, "HTX của B", true)
		p := f.product(a, coopA.ID, "Sản phẩm của A", catalog.ProductDraft)
		snapshot := func() string {
			var s string
			f.db.Raw(`SELECT (SELECT COUNT(*) FROM coop_members) || '/' || (SELECT COUNT(*) FROM products) || '/' ||
				(SELECT COUNT(*) FROM coop_audit_log) || '/' || (SELECT MAX(updated_at) FROM products) || '/' || (SELECT MAX(updated_at) FROM coops)`).Scan(&s)
			return s
		}
		before := snapshot()
		name, stock := "Của B rồi", 0
		status := catalog.ProductActive
		calls := map[string]func() error{
			"UpdateCoop": func() error { _, err := f.s.UpdateCoop(f.ctx, b, coopA.ID, catalog.CoopPatch{Name: &name}); return err },
			"AddMember": func() error {
				_, err := f.s.AddMember(f.ctx, b, coopA.ID, catalog.MemberInput{Phone: f.phoneOf(b), Role: kernel.MemberMember})
				return err
			},
			"RemoveMember":  func() error { return f.s.RemoveMember(f.ctx, b, coopA.ID, a.UserID) },
			"Audit":         func() error { _, err := f.s.Audit(f.ctx, b, coopA.ID, kernel.PageRequest{}); return err },
			"Members":       func() error { _, err := f.s.Members(f.ctx, b, coopA.ID); return err },
			"CreateProduct": func() error { _, err := f.s.CreateProduct(f.ctx, b, coopA.ID, productInput("X", "")); return err },
			"UpdateProduct": func() error {
				_, err := f.s.UpdateProduct(f.ctx, b, p.ID, catalog.ProductPatch{Status: &status})
				return err
			},
			"UpdateVariant": func() error {
				_, err := f.s.UpdateVariant(f.ctx, b, p.ID, p.Variants[0].ID, catalog.VariantPatch{Stock: &stock})
				return err
			},
			"AddVariant": func() error {
				_, err := f.s.AddVariant(f.ctx, b, p.ID, catalog.VariantInput{PriceVND: 1, Stock: 1})
				return err
			},
			"ReadDraft":    func() error { _, err := f.s.ProductBySlug(f.ctx, b, p.Slug); return err },
			"SetCoopImage": func() error { _, err := f.s.SetCoopImage(f.ctx, b, coopA.ID, "logo", nil); return err },
		}
		for name, call := range calls {
			if err := call(); apperr.KindOf(err) != apperr.KindNotFound {
				t.Errorf("%s by another seller: %v, want not_found", name, err)
			}
		}
		page, err := f.s.CoopProducts(f.ctx, b, coopA.ID, catalog.ProductDraft, kernel.PageRequest{})
		if err != nil || len(page.Items) != 0 {
			t.Errorf("another seller lists A's drafts: %+v, %v", page.Items, err)
		}
		if after := snapshot(); after != before {
			t.Fatalf("database changed: %s → %s", before, after)
		}
	})
}

// TestNoNPlusOne proves a product page and a product list cost a fixed number
// of queries whatever the number of items.
func TestNoNPlusOne(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, catalog.WithImageURLs(prefixURLs("https://cdn.example/")))
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Nhiều hàng", true)
		var slugs []string
		queriesFor := func(n int) (list, page int64) {
			for len(slugs) < n {
				p := f.product(owner, c.ID, fmt.Sprintf("Sản phẩm %d", len(slugs)), catalog.ProductActive)
				for i := range 2 {
					hash := fmt.Sprintf("%064x", len(slugs)*10+i)
					if _, err := f.s.AddProductImage(f.ctx, owner, p.ID, catalog.NewImage{Hash: hash, Width: 800, Height: 600}); err != nil {
						t.Fatal(err)
					}
				}
				slugs = append(slugs, p.Slug)
			}
			qc := dbtest.CountQueries(t, db)
			got, err := f.s.Products(f.ctx, kernel.Anonymous, catalog.ProductFilter{Category: "thuc-pham"}, kernel.PageRequest{Limit: 100})
			if err != nil || len(got.Items) != n || len(got.Items[0].Images) != 2 || len(got.Items[0].Variants) != 2 {
				t.Fatalf("list of %d: %d items, %v", n, len(got.Items), err)
			}
			list = qc.Count()
			qc.Reset()
			if _, err := f.s.ProductBySlug(f.ctx, kernel.Anonymous, slugs[n-1]); err != nil {
				t.Fatal(err)
			}
			return list, qc.Count()
		}
		list2, page2 := queriesFor(2)
		list20, page20 := queriesFor(20)
		t.Logf("list: %d queries for 2 items, %d for 20; page: %d, %d", list2, list20, page2, page20)
		if list20 > list2 || page20 > page2 || list2 > 4 || page2 > 3 {
			t.Fatalf("query count grows or is high: list %d→%d, page %d→%d", list2, list20, page2, page20)
		}
	})
}

type prefixURLs string

func (p prefixURLs) URL(_ context.Context, key string) string { return string(p) + key }

// URLPrefix makes prefixURLs a catalog.ImageURLPrefixer: the database
// writes its photo URLs.
func (p prefixURLs) URLPrefix(context.Context) string { return string(p) }
