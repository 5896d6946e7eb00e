package catalog_test

import (
	"fmt"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

func TestImages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, catalog.WithImageURLs(prefixURLs("/media/")))
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Ảnh đẹp", true)
		p := f.product(owner, c.ID, "Chiếu có ảnh", catalog.ProductActive)
		hash := fmt.Sprintf("%064x", 42)

		img, err := f.s.AddProductImage(f.ctx, owner, p.ID, catalog.NewImage{Hash: hash, Width: 1200, Height: 900})
		if err != nil || img.URL != "/media/img/"+hash+"/large.webp" || img.Variants.Thumb != "/media/img/"+hash+"/thumb.webp" {
			t.Fatalf("image = %+v, %v", img, err)
		}
		got, _ := f.s.ProductByID(f.ctx, kernel.Anonymous, p.ID)
		if len(got.Images) != 1 || got.Images[0].Width != 1200 {
			t.Fatalf("product images = %+v", got.Images)
		}
		_, err = f.s.AddProductImage(f.ctx, owner, p.ID, catalog.NewImage{Hash: "../etc/passwd", Width: 1, Height: 1})
		wantKind(t, err, apperr.KindInternal)
		for i := 1; i < catalog.MaxImagesPerProduct; i++ {
			if _, err := f.s.AddProductImage(f.ctx, owner, p.ID, catalog.NewImage{Hash: hash, Width: 10, Height: 10}); err != nil {
				t.Fatal(err)
			}
		}
		_, err = f.s.AddProductImage(f.ctx, owner, p.ID, catalog.NewImage{Hash: hash, Width: 10, Height: 10})
		wantField(t, err, "file")

		if _, err := f.s.SetCoopImage(f.ctx, owner, c.ID, "logo", &hash); err != nil {
			t.Fatal(err)
		}
		removed, stillUsed, err := f.s.RemoveProductImage(f.ctx, owner, p.ID, img.ID)
		if err != nil || removed != hash || !stillUsed {
			t.Fatalf("remove = %q, %v, %v", removed, stillUsed, err)
		}
		_, _, err = f.s.RemoveProductImage(f.ctx, owner, p.ID, img.ID)
		wantKind(t, err, apperr.KindNotFound)
		coop, err := f.s.Coop(f.ctx, kernel.Anonymous, c.Slug)
		if err != nil || coop.Logo == nil || coop.Logo.Variants.Medium != "/media/img/"+hash+"/medium.webp" || coop.Banner != nil {
			t.Fatalf("coop logo = %+v, %v", coop, err)
		}
		if _, err := f.s.SetCoopImage(f.ctx, owner, c.ID, "logo", nil); err != nil {
			t.Fatal(err)
		}
		_, err = f.s.SetCoopImage(f.ctx, owner, c.ID, "avatar", nil)
		wantField(t, err, "kind")
	})
}
