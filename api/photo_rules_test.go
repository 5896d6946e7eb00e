package api_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/media/mediatest"
	"gorm.io/gorm"
)

// decodingEnv is mediaEnv with the app's photo pipeline at hand, to count
// what it decoded.
func decodingEnv(t *testing.T, fn func(t *testing.T, e *testEnv, store media.Store, images *media.Processor)) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		store, err := media.NewDiskStore(filepath.Join(t.TempDir(), "media"), testPublicURL)
		if err != nil {
			t.Fatal(err)
		}
		var images *media.Processor
		e := newEnv(t, db, withMedia(db, store), func(d *api.Deps) { images = d.Images })
		fn(t, e, store, images)
	})
}

// TestPendingCoopCannotUploadPhotos: an applicant's coop, not yet approved,
// takes no photo (product photo, logo, banner, direct upload) and nothing is
// decoded; staff may add one for it; once approved, its owner may too.
func TestPendingCoopCannotUploadPhotos(t *testing.T) {
	decodingEnv(t, func(t *testing.T, e *testEnv, store media.Store, images *media.Processor) {
		m := newMarket(t, e)
		owner := e.SignUp("0912000077", "Chị Mới")
		var coop coopJSON
		e.Expect(201, request{Method: "POST", Path: "/api/v1/coops", Token: owner, Body: newCoopBody("HTX Mới Mở")}).JSON(t, &coop)
		var p productJSON
		e.Expect(201, request{Method: "POST", Path: "/api/v1/coops/" + coop.ID + "/products", Token: owner,
			Body: newProductBody("Nón lá", "")}).JSON(t, &p)
		photo := mediatest.Photo(t, 320, 240, 31)

		e.ExpectProblem(403, "forbidden", uploadRequest(t, owner, imagesPath(p.ID), photo))
		e.ExpectProblem(403, "forbidden", uploadRequest(t, owner, "/api/v1/coops/"+coop.ID+"/logo", photo))
		e.ExpectProblem(403, "forbidden", uploadRequest(t, owner, "/api/v1/coops/"+coop.ID+"/banner", photo))
		e.ExpectProblem(403, "forbidden", request{Method: "POST", Path: imagesPath(p.ID) + "/uploads", Token: owner})
		if n := images.Decodes(); n != 0 {
			t.Fatalf("%d uploads decoded for a coop that is not approved", n)
		}
		if keys := storedKeys(t, store); len(keys) != 0 {
			t.Fatalf("stored %v", keys)
		}

		e.Expect(200, uploadRequest(t, m.Staff, "/api/v1/coops/"+coop.ID+"/logo", photo))
		e.Expect(200, request{Method: "POST", Path: "/api/v1/admin/coops/" + coop.ID + "/approve", Token: m.Staff})
		e.Expect(201, uploadRequest(t, owner, imagesPath(p.ID), mediatest.Photo(t, 320, 240, 32)))
		if n := images.Decodes(); n != 2 {
			t.Fatalf("%d decodes, want 2", n)
		}
	})
}

// TestEleventhPhotoRefusedBeforeDecoding: a product with its ten photos
// refuses another with 422 on field file without decoding it.
func TestEleventhPhotoRefusedBeforeDecoding(t *testing.T) {
	decodingEnv(t, func(t *testing.T, e *testEnv, store media.Store, images *media.Processor) {
		m := newMarket(t, e)
		for i := range catalog.MaxImagesPerProduct {
			e.Expect(201, uploadRequest(t, m.A, imagesPath(m.Active.ID), mediatest.Photo(t, 96, 64, uint64(40+i))))
		}
		before, keys := images.Decodes(), len(storedKeys(t, store))
		p := e.ExpectProblem(422, "validation_failed", uploadRequest(t, m.A, imagesPath(m.Active.ID), mediatest.Photo(t, 96, 64, 60)))
		if len(p.Errors) != 1 || p.Errors[0].Field != "file" {
			t.Fatalf("problem %+v", p)
		}
		if after := images.Decodes(); after != before {
			t.Fatalf("the refused photo was decoded (%d decodes, then %d)", before, after)
		}
		e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: imagesPath(m.Active.ID) + "/uploads", Token: m.A})
		if n := len(storedKeys(t, store)); n != keys {
			t.Fatalf("%d objects, then %d", keys, n)
		}
	})
}

// TestPhotoUploadsThrottledPerAccount: past its budget of uploads in the
// throttle window, an account gets 429 and nothing is decoded; another
// account of the same coop is not affected.
func TestPhotoUploadsThrottledPerAccount(t *testing.T) {
	decodingEnv(t, func(t *testing.T, e *testEnv, store media.Store, images *media.Processor) {
		m := newMarket(t, e)
		var me struct{ ID string }
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me", Token: m.A}).JSON(t, &me)
		// The budget is spent: the counter stands at the limit in the current window.
		if err := e.DB.Exec("INSERT INTO rate_counters (key, window_start, count) VALUES (?, ?, ?)",
			"upload:photo:user:"+me.ID, time.Now().UTC(), accounts.PhotoUploadsPerWindow).Error; err != nil {
			t.Fatal(err)
		}
		e.ExpectProblem(429, "rate_limited", uploadRequest(t, m.A, imagesPath(m.Active.ID), mediatest.Photo(t, 96, 64, 70)))
		e.ExpectProblem(429, "rate_limited", uploadRequest(t, m.A, "/api/v1/coops/"+m.CoopA.ID+"/logo", mediatest.Photo(t, 96, 64, 71)))
		if n := images.Decodes(); n != 0 {
			t.Fatalf("%d uploads decoded past the budget", n)
		}
		e.Expect(201, request{Method: "POST", Path: "/api/v1/coops/" + m.CoopA.ID + "/members", Token: m.A,
			Body: map[string]string{"phone": "0912000003", "role": "member"}})
		e.Expect(201, uploadRequest(t, m.Shopper, imagesPath(m.Active.ID), mediatest.Photo(t, 96, 64, 72)))
	})
}
