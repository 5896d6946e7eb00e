package demo

import (
	"bytes"
	"context"
	"image/jpeg"
	"testing"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/media"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// TestAddPhotos gives the first demo products a photo through the real
// pipeline on a disk store, then checks a second run adds nothing. Only a
// few small photos are made: the full run takes ~15 s, and encoding WebP
// is ~20× slower under -race.
func TestAddPhotos(t *testing.T) {
	const (
		n    = 14 // the twelve cơm cháy and two bánh kẹo: two categories
		side = 96
	)
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		users := func(ctx context.Context, phone, _, name string, role kernel.Role) (string, error) {
			now := time.Now().UTC()
			u := accounts.User{ID: uuid.Must(uuid.NewV7()).String(), Phone: phone, Name: name, PasswordHash: "x", Role: role, CreatedAt: now, UpdatedAt: now}
			return u.ID, db.WithContext(ctx).Create(&u).Error
		}
		if _, err := addPhotos(ctx, db, catalog.NewService(db), nil, nil, n, side); err == nil {
			t.Fatal("photos before the seed: no error")
		}
		if _, err := Seed(ctx, db, users, nil); err != nil {
			t.Fatal(err)
		}
		store, err := media.NewDiskStore(t.TempDir(), "http://localhost:8080")
		if err != nil {
			t.Fatal(err)
		}
		proc := media.NewProcessor(store, media.ProcessorOptions{})
		svc := catalog.NewService(db, catalog.WithImageURLs(media.NewURLs(store)))
		var progress bytes.Buffer
		added, err := addPhotos(ctx, db, svc, proc, &progress, n, side)
		if err != nil || added != n || progress.Len() == 0 {
			t.Fatalf("added %d photos, %v; progress %q", added, err, progress.String())
		}

		var names []string
		for _, f := range coops[0].families {
			names = append(names, f.names...)
		}
		hashes := map[string]bool{}
		for _, name := range names[:n] {
			var rows []struct{ Hash, Status string }
			err := db.Raw(`SELECT i.hash, p.status FROM products p JOIN product_images i ON i.product_id = p.id
				WHERE p.name = ?`, name).Scan(&rows).Error
			if err != nil || len(rows) != 1 {
				t.Fatalf("%s has images %+v, %v", name, rows, err)
			}
			hashes[rows[0].Hash] = true
			for _, v := range []media.Variant{media.Thumb, media.Medium, media.Large} {
				if ok, err := media.Exists(ctx, store, media.VariantKey(rows[0].Hash, v)); !ok || err != nil {
					t.Fatalf("%s: variant %s stored %v, %v", name, v, ok, err)
				}
			}
		}
		if len(hashes) != n {
			t.Fatalf("%d products share %d distinct photos", n, len(hashes))
		}
		p, err := svc.ProductBySlug(ctx, kernel.Anonymous, "com-chay-cha-bong")
		if err != nil || len(p.Images) != 1 || p.Images[0].Width != side {
			t.Fatalf("cơm cháy = %+v, %v", p, err)
		}
		var total int64
		db.Table("product_images").Count(&total)
		if total != n {
			t.Fatalf("%d images, want %d", total, n)
		}

		added, err = addPhotos(ctx, db, svc, proc, nil, n, side)
		db.Table("product_images").Count(&total)
		if err != nil || added != 0 || total != n {
			t.Fatalf("second run added %d (%d in all), %v", added, total, err)
		}
	})
}

// TestDemoPhotoIsDeterministic checks that a product always gets the same
// bytes, so its content hash (and stored variants) never change.
func TestDemoPhotoIsDeterministic(t *testing.T) {
	encode := func(slug, category string) []byte {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, demoPhoto(slug, category, 64), &jpeg.Options{Quality: 85}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b := encode("com-chay-cha-bong", "dac-san-kho"), encode("com-chay-cha-bong", "dac-san-kho")
	if !bytes.Equal(a, b) {
		t.Fatal("the same product drew two different photos")
	}
	for _, c := range [][2]string{{"com-chay-mo-hanh", "dac-san-kho"}, {"com-chay-cha-bong", "gom-su"}} {
		if bytes.Equal(a, encode(c[0], c[1])) {
			t.Fatalf("%s (%s) drew the same photo as cơm cháy chà bông", c[0], c[1])
		}
	}
}
