package api_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/media/mediatest"
	"gorm.io/gorm"
)

// TestUploadToUnwritableMediaFailsCleanly: with nothing writable under the
// media folder (its img/ and incoming/ are files, as good as a read-only or
// full disk for a writer), an upload answers a retryable 503, leaves no
// file or folder behind and no row, and /readyz answers 503 naming media.
func TestUploadToUnwritableMediaFailsCleanly(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		root := filepath.Join(t.TempDir(), "media")
		store, err := media.NewDiskStore(root, testPublicURL)
		if err != nil {
			t.Fatal(err)
		}
		e := newEnv(t, db, withMedia(db, store), func(d *api.Deps) { d.Ready = append(d.Ready, api.MediaReadyCheck(store)) })
		m := newMarket(t, e)
		e.Expect(200, request{Method: "GET", Path: "/readyz"})
		for _, name := range []string{"img", "incoming"} {
			_ = os.RemoveAll(filepath.Join(root, name))
			if err := os.WriteFile(filepath.Join(root, name), []byte("not a folder"), 0o644); err != nil {
				t.Fatal(err)
			}
		}

		e.ExpectProblem(503, "service_unavailable", uploadRequest(t, m.A, imagesPath(m.Active.ID), mediatest.Photo(t, 320, 240, 21)))
		e.ExpectProblem(503, "service_unavailable", uploadRequest(t, m.A, "/api/v1/coops/"+m.CoopA.ID+"/logo", mediatest.Photo(t, 200, 200, 22)))
		entries, err := os.ReadDir(root)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 {
			t.Fatalf("media folder holds %d entries after the failed uploads, want only the two blockers", len(entries))
		}
		var n int64
		if err := e.DB.Raw("SELECT COUNT(*) FROM product_images").Scan(&n).Error; err != nil || n != 0 {
			t.Fatalf("%d product_images rows (%v)", n, err)
		}

		var r struct {
			Status string
			Checks map[string]struct{ Status string }
		}
		e.Expect(503, request{Method: "GET", Path: "/readyz"}).JSON(t, &r)
		if r.Status != "unavailable" || r.Checks["media"].Status != "unavailable" || r.Checks["database"].Status != "ok" {
			t.Fatalf("/readyz = %+v", r)
		}
	})
}
