package catalog_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

func TestImageAccess(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, catalog.WithImageURLs(prefixURLs("/media/")))
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		stranger, helper := f.user(kernel.RoleShopper), f.user(kernel.RoleShopper)
		c := f.coop(owner, staff, "HTX Ảnh quyền", true)
		if _, err := f.s.AddMember(f.ctx, owner, c.ID, catalog.MemberInput{Phone: f.phoneOf(helper), Role: kernel.MemberMember}); err != nil {
			t.Fatal(err)
		}
		p := f.product(owner, c.ID, "Nón lá", catalog.ProductDraft)

		t.Run("CanEditProduct", func(t *testing.T) {
			for _, a := range []kernel.Caller{owner, helper, staff} {
				if err := f.s.CanEditProduct(f.ctx, a, p.ID); err != nil {
					t.Errorf("%+v: %v", a, err)
				}
			}
			wantKind(t, f.s.CanEditProduct(f.ctx, stranger, p.ID), apperr.KindNotFound)
			wantKind(t, f.s.CanEditProduct(f.ctx, kernel.Anonymous, p.ID), apperr.KindUnauthenticated)
			wantKind(t, f.s.CanEditProduct(f.ctx, owner, "no-such-product"), apperr.KindNotFound)
		})

		t.Run("CoopImageAccess", func(t *testing.T) {
			hash := fmt.Sprintf("%064x", 7)
			if _, err := f.s.SetCoopImage(f.ctx, owner, c.ID, "banner", &hash); err != nil {
				t.Fatal(err)
			}
			cur, err := f.s.CoopImageAccess(f.ctx, staff, c.ID, "banner")
			if err != nil || cur == nil || *cur != hash {
				t.Fatalf("banner = %v, %v", cur, err)
			}
			if cur, err := f.s.CoopImageAccess(f.ctx, owner, c.ID, "logo"); err != nil || cur != nil {
				t.Fatalf("logo = %v, %v", cur, err)
			}
			_, err = f.s.CoopImageAccess(f.ctx, helper, c.ID, "logo")
			wantKind(t, err, apperr.KindForbidden)
			_, err = f.s.CoopImageAccess(f.ctx, stranger, c.ID, "logo")
			wantKind(t, err, apperr.KindNotFound)
			_, err = f.s.CoopImageAccess(f.ctx, owner, c.ID, "avatar")
			wantField(t, err, "kind")
		})

		t.Run("ImageHashInUse", func(t *testing.T) {
			hash := fmt.Sprintf("%064x", 99)
			inUse := func() bool {
				t.Helper()
				ok, err := f.s.ImageHashInUse(f.ctx, hash)
				if err != nil {
					t.Fatal(err)
				}
				return ok
			}
			if inUse() {
				t.Fatal("unused hash reported in use")
			}
			img, err := f.s.AddProductImage(f.ctx, owner, p.ID, catalog.NewImage{Hash: hash, Width: 10, Height: 10})
			if err != nil || !inUse() {
				t.Fatalf("after add: %v, in use %v", err, inUse())
			}
			if _, err := f.s.SetCoopImage(f.ctx, owner, c.ID, "logo", &hash); err != nil {
				t.Fatal(err)
			}
			if _, stillUsed, err := f.s.RemoveProductImage(f.ctx, owner, p.ID, img.ID); err != nil || !stillUsed || !inUse() {
				t.Fatalf("the logo still shows it: stillUsed %v, %v", stillUsed, err)
			}
			if _, err := f.s.SetCoopImage(f.ctx, owner, c.ID, "logo", nil); err != nil || inUse() {
				t.Fatalf("after clearing the logo: %v, in use %v", err, inUse())
			}
		})
	})
}

func TestDirectUploads(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		now := time.Now().UTC()
		f := newFixture(t, db, catalog.WithClock(func() time.Time { return now }))
		owner, staff, other := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff), f.user(kernel.RoleShopper)
		c := f.coop(owner, staff, "HTX Tải thẳng", true)
		p := f.product(owner, c.ID, "Mắm tép", catalog.ProductActive)
		q := f.product(owner, c.ID, "Mắm tôm", catalog.ProductActive)
		const key = "incoming/0123456789abcdef"

		wantKind(t, f.s.IssueUpload(f.ctx, other, p.ID, key), apperr.KindNotFound)
		if err := f.s.IssueUpload(f.ctx, owner, p.ID, key); err != nil {
			t.Fatal(err)
		}
		wantKind(t, f.s.ClaimUpload(f.ctx, other, p.ID, key), apperr.KindNotFound)
		wantKind(t, f.s.ClaimUpload(f.ctx, staff, p.ID, key), apperr.KindNotFound) // issued to the owner
		wantKind(t, f.s.ClaimUpload(f.ctx, owner, q.ID, key), apperr.KindNotFound) // for another product
		if err := f.s.ClaimUpload(f.ctx, owner, p.ID, key); err != nil {
			t.Fatal(err)
		}
		wantKind(t, f.s.ClaimUpload(f.ctx, owner, p.ID, key), apperr.KindNotFound) // once only
		if err := f.s.ReleaseUpload(f.ctx, owner, p.ID, key); err != nil {
			t.Fatal(err)
		}
		if err := f.s.ReleaseUpload(f.ctx, owner, p.ID, key); err != nil {
			t.Fatalf("a second release: %v", err)
		}
		if err := f.s.ClaimUpload(f.ctx, owner, p.ID, key); err != nil {
			t.Fatalf("claim after release: %v", err)
		}

		if err := f.s.IssueUpload(f.ctx, owner, p.ID, key+"0"); err != nil {
			t.Fatal(err)
		}
		if n, err := f.s.PurgeUploads(f.ctx, now); err != nil || n != 0 {
			t.Fatalf("purge of nothing old: %d, %v", n, err)
		}
		if n, err := f.s.PurgeUploads(f.ctx, now.Add(time.Second)); err != nil || n != 1 {
			t.Fatalf("purge: %d, %v", n, err)
		}
		if n := count(t, db, "SELECT COUNT(*) FROM media_uploads"); n != 0 {
			t.Fatalf("%d rows left", n)
		}
	})
}
