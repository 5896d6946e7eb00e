package demo_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/demo"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// fastUsers creates accounts without hashing, so the test stays quick.
func fastUsers(db *gorm.DB) demo.CreateUserFunc {
	return func(ctx context.Context, phone, _, name string, role accounts.Role) (string, error) {
		now := time.Now().UTC()
		u := accounts.User{ID: uuid.Must(uuid.NewV7()).String(), Phone: phone, Name: name, PasswordHash: "x", Role: role, CreatedAt: now, UpdatedAt: now}
		return u.ID, db.WithContext(ctx).Create(&u).Error
	}
}

func snapshot(t *testing.T, db *gorm.DB) string {
	t.Helper()
	var out []int64
	for _, table := range []string{"users", "coops", "coop_members", "coop_status_history", "coop_audit_log", "products",
		"product_variants", "featured_coops", "featured_products", "outbox"} {
		var n int64
		if err := db.Table(table).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return fmt.Sprint(out)
}

func TestSeedIsRealisticAndIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		var progress bytes.Buffer
		accs, err := demo.Seed(ctx, db, fastUsers(db), &progress)
		if err != nil {
			t.Fatal(err)
		}
		if len(accs) != 4 || progress.Len() == 0 {
			t.Fatalf("accounts %+v, progress %q", accs, progress.String())
		}
		var printed bytes.Buffer
		accs.Print(&printed)
		if !bytes.Contains(printed.Bytes(), []byte(accs[2].Phone)) || !bytes.Contains(printed.Bytes(), []byte(demo.Password)) {
			t.Fatalf("printed accounts: %s", printed.String())
		}
		first := snapshot(t, db)
		var coops, products, ninhBinh, pending, suspended, drafts, ocop int64
		db.Table("coops").Count(&coops)
		db.Table("products").Count(&products)
		db.Table("coops").Where("province = 'ninh-binh'").Count(&ninhBinh)
		db.Table("coops").Where("status = 'pending'").Count(&pending)
		db.Table("coops").Where("status = 'suspended'").Count(&suspended)
		db.Table("products").Where("status = 'draft'").Count(&drafts)
		db.Table("products").Where("ocop_stars > 0").Count(&ocop)
		if coops < 18 || products < 170 || ninhBinh < 5 || pending < 1 || suspended != 1 || drafts < 3 || ocop < 20 {
			t.Fatalf("coops=%d products=%d ninh-binh=%d pending=%d suspended=%d drafts=%d ocop=%d", coops, products, ninhBinh, pending, suspended, drafts, ocop)
		}
		var seller string
		db.Raw("SELECT role FROM users WHERE phone = ?", accs[1].Phone).Scan(&seller)
		if seller != "seller" {
			t.Fatalf("demo seller role = %q", seller)
		}
		svc := catalog.NewService(db)
		f, err := svc.Featured(ctx, catalog.Anonymous)
		if err != nil || len(f.Coops) < 5 || len(f.Products) < 5 {
			t.Fatalf("featured = %d coops, %d products, %v", len(f.Coops), len(f.Products), err)
		}
		p, err := svc.ProductBySlug(ctx, catalog.Anonymous, "com-chay-cha-bong")
		if err != nil || p.OCOPStars != 4 || len(p.Variants) != 3 || p.PriceVND < 20000 {
			t.Fatalf("cơm cháy = %+v, %v", p, err)
		}

		if _, err := demo.Seed(ctx, db, fastUsers(db), nil); err != nil {
			t.Fatal(err)
		}
		if again := snapshot(t, db); again != first {
			t.Fatalf("second seed changed the data: %s → %s", first, again)
		}
	})
}
