package api_test

import (
	"bytes"
	"mime/multipart"
	"path/filepath"
	"testing"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/media/storetest"
	"gorm.io/gorm"
)

// testPublicURL is where the disk store of the tests says its files are.
const testPublicURL = "http://localhost:8080"

// withMedia wires the catalog, a media store and its processor into the app,
// without the micro-cache so each request sees the database. A disk store
// also serves its files under /media/, as cmd/ganh wires it.
func withMedia(db *gorm.DB, store media.Store) func(*api.Deps) {
	return func(d *api.Deps) {
		d.Catalog = catalog.NewService(db, catalog.WithImageURLs(media.NewURLs(store)))
		d.PublicCacheTTL = -1
		d.Media = store
		d.Images = media.NewProcessor(store, media.ProcessorOptions{})
		if ds, ok := store.(*media.DiskStore); ok {
			d.MediaFiles = ds
		}
	}
}

// mediaEnv runs fn on every database engine with an app whose photos go to
// a fresh disk store.
func mediaEnv(t *testing.T, fn func(t *testing.T, e *testEnv, store media.Store)) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		store, err := media.NewDiskStore(filepath.Join(t.TempDir(), "media"), testPublicURL)
		if err != nil {
			t.Fatal(err)
		}
		fn(t, newEnv(t, db, withMedia(db, store)), store)
	})
}

// minioEnv is mediaEnv on the MinIO that .ci/run starts (see
// .ci/start-minio.sh), each run in a bucket of its own that is removed
// afterwards; it skips when none is configured.
func minioEnv(t *testing.T, fn func(t *testing.T, e *testEnv, store media.Store)) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		store := storetest.MinIO(t, "ganh-api-test")
		fn(t, newEnv(t, db, withMedia(db, store)), store)
	})
}

// storedKeys lists every object in the store.
func storedKeys(t *testing.T, s media.Store) []string { return storetest.Keys(t, s) }

// bigFile is n bytes that start like a JPEG.
func bigFile(n int) []byte {
	b := make([]byte, n)
	copy(b, []byte{0xFF, 0xD8, 0xFF, 0xE0})
	return b
}

// multipartBody builds a multipart/form-data body with data in a file field.
func multipartBody(t testing.TB, field, filename string, data []byte) (body []byte, contentType string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile(field, filename)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), mw.FormDataContentType()
}

// uploadRequest posts data as the "file" field to path.
func uploadRequest(t testing.TB, token, path string, data []byte) request {
	t.Helper()
	body, ct := multipartBody(t, "file", "anh.jpg", data)
	return request{Method: "POST", Path: path, Token: token, Body: body, RawType: ct}
}

// imageJSON is a photo as the API shows it.
type imageJSON struct {
	ID       string `json:"id"`
	URL      string `json:"url"`
	Width    int    `json:"width"`
	Height   int    `json:"height"`
	Variants struct {
		Thumb  string `json:"thumb"`
		Medium string `json:"medium"`
		Large  string `json:"large"`
	} `json:"variants"`
}
