package api_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/media/mediatest"
	"github.com/ganh-market/ganh/search/bleve"
	"github.com/ganh-market/ganh/search/indexsync"
	"gorm.io/gorm"
)

// siteEnv is an app whose photos are on disk with no public URL configured
// (GANH_PUBLIC_URL unset), as `ganh serve` runs by default; opts adjust it.
func siteEnv(t *testing.T, db *gorm.DB, opts ...func(*api.Deps)) (*testEnv, media.Store) {
	t.Helper()
	store, err := media.NewDiskStore(filepath.Join(t.TempDir(), "media"), "")
	if err != nil {
		t.Fatal(err)
	}
	return newEnv(t, db, append([]func(*api.Deps){withMedia(db, store)}, opts...)...), store
}

// getAs fetches path through the app as if the site had been reached at
// host, with extra headers, and returns the body.
func getAs(t *testing.T, e *testEnv, host, path string, header map[string]string) string {
	t.Helper()
	req := httptest.NewRequest("GET", "http://"+host+path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := e.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s as %s: %d %s", path, host, res.StatusCode, body)
	}
	return string(body)
}

// thumbOf reads the first photo's thumbnail URL of a product answer.
func thumbOf(t *testing.T, body string) string {
	t.Helper()
	var p struct{ Images []imageJSON }
	(&response{Body: []byte(body)}).JSON(t, &p)
	if len(p.Images) == 0 {
		t.Fatalf("no photo in %s", body)
	}
	return p.Images[0].Variants.Thumb
}

// TestPhotoURLsUseTheRequestsAddress: with GANH_PUBLIC_URL unset, a
// product's photo URLs are built on the address each request reached the
// site on: a real listener's random port, a phone's LAN address; a
// forwarded host only from a trusted proxy; and the micro-cache keeps the
// answers of different addresses apart. The URLs load.
func TestPhotoURLsUseTheRequestsAddress(t *testing.T) {
	db := dbtest.SQLite(t)
	e, _ := siteEnv(t, db, func(d *api.Deps) { d.PublicCacheTTL = time.Minute })
	m := newMarket(t, e)
	e.Expect(201, uploadRequest(t, m.A, imagesPath(m.Active.ID), mediatest.Photo(t, 320, 240, 81)))
	path := "/api/v1/products/" + m.Active.Slug

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = e.App.Listener(ln) }()
	t.Cleanup(func() { _ = e.App.Shutdown() })
	base := "http://" + ln.Addr().String()
	res, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	thumb := thumbOf(t, string(body))
	if !strings.HasPrefix(thumb, base+"/media/img/") {
		t.Fatalf("served on %s, the thumbnail is at %s", base, thumb)
	}
	if res, err := http.Get(thumb); err != nil || res.StatusCode != 200 {
		t.Fatalf("GET %s: %v %v", thumb, res, err)
	} else {
		res.Body.Close()
	}

	for _, tc := range []struct {
		host   string
		header map[string]string
		want   string
	}{
		{"192.168.1.5:18200", nil, "http://192.168.1.5:18200/media/img/"},
		{"cho.local", map[string]string{"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"}, "http://cho.local/media/img/"},
	} {
		if got := thumbOf(t, getAs(t, e, tc.host, path, tc.header)); !strings.HasPrefix(got, tc.want) {
			t.Errorf("reached as %s %v: thumbnail %s, want %s…", tc.host, tc.header, got, tc.want)
		}
	}
}

// TestPhotoURLsBehindATrustedProxy: a trusted proxy's X-Forwarded-Host and
// -Proto make the address.
func TestPhotoURLsBehindATrustedProxy(t *testing.T) {
	db := dbtest.SQLite(t)
	e, _ := siteEnv(t, db, func(d *api.Deps) {
		d.Config.TrustedProxies, d.Config.ProxyHeader = []string{"0.0.0.0", "127.0.0.1"}, "X-Forwarded-For"
	})
	m := newMarket(t, e)
	e.Expect(201, uploadRequest(t, m.A, imagesPath(m.Active.ID), mediatest.Photo(t, 320, 240, 82)))
	got := thumbOf(t, getAs(t, e, "10.0.0.2:8080", "/api/v1/products/"+m.Active.Slug,
		map[string]string{"X-Forwarded-Host": "cho.example.vn", "X-Forwarded-Proto": "https"}))
	if !strings.HasPrefix(got, "https://cho.example.vn/media/img/") {
		t.Fatalf("behind a trusted proxy: %s", got)
	}
}

// TestPhotoURLsUseTheConfiguredAddress: with GANH_PUBLIC_URL set, photo
// URLs are built on it whatever address the request used.
func TestPhotoURLsUseTheConfiguredAddress(t *testing.T) {
	db := dbtest.SQLite(t)
	store, err := media.NewDiskStore(filepath.Join(t.TempDir(), "media"), "https://cho.example.vn")
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, db, withMedia(db, store), func(d *api.Deps) { d.Config.PublicURL = "https://cho.example.vn" })
	m := newMarket(t, e)
	e.Expect(201, uploadRequest(t, m.A, imagesPath(m.Active.ID), mediatest.Photo(t, 320, 240, 83)))
	if got := thumbOf(t, getAs(t, e, "192.168.1.5:18200", "/api/v1/products/"+m.Active.Slug, nil)); !strings.HasPrefix(got, "https://cho.example.vn/media/img/") {
		t.Fatalf("thumbnail %s", got)
	}
}

// TestSearchHitsFollowTheAddressWithoutReindex: the index keeps the
// thumbnail's key, so search hits show their photo on the address of each
// request, with no reindex between.
func TestSearchHitsFollowTheAddressWithoutReindex(t *testing.T) {
	db := dbtest.SQLite(t)
	idx, err := bleve.NewMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	var cat *catalog.Service
	e, _ := siteEnv(t, db, func(d *api.Deps) { d.Search, cat = idx, d.Catalog })
	m := newMarket(t, e)
	e.Expect(201, uploadRequest(t, m.A, imagesPath(m.Active.ID), mediatest.Photo(t, 320, 240, 84)))
	if err := indexsync.NewSyncer(db, cat, idx, indexsync.SyncOptions{}).Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, host := range []string{"localhost:8080", "192.168.1.5:18200"} {
		var r searchResult
		(&response{Body: []byte(getAs(t, e, host, "/api/v1/search?q=chi%E1%BA%BFu", nil))}).JSON(t, &r)
		if len(r.Hits) != 1 || r.Hits[0].Image == nil || !strings.HasPrefix(*r.Hits[0].Image, "http://"+host+"/media/img/") ||
			!strings.HasSuffix(*r.Hits[0].Image, "/thumb.webp") {
			t.Fatalf("reached as %s: %+v", host, r.Hits)
		}
	}
}

// TestPhotoURLsOnMinIO: photos in MinIO are linked on its public URL,
// whatever address the site was reached on.
func TestPhotoURLsOnMinIO(t *testing.T) {
	if os.Getenv("GANH_TEST_S3_ENDPOINT") == "" {
		t.Skip("set GANH_TEST_S3_ENDPOINT (see minioEnv)")
	}
	minioEnv(t, func(t *testing.T, e *testEnv, store media.Store) {
		m := newMarket(t, e)
		e.Expect(201, uploadRequest(t, m.A, imagesPath(m.Active.ID), mediatest.Photo(t, 320, 240, 85)))
		want := "http://" + os.Getenv("GANH_TEST_S3_ENDPOINT") + "/"
		if got := thumbOf(t, getAs(t, e, "192.168.1.5:18200", "/api/v1/products/"+m.Active.Slug, nil)); !strings.HasPrefix(got, want) {
			t.Fatalf("thumbnail %s, want %s…", got, want)
		}
	})
}
