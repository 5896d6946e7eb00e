package media

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/httpbody/httpbodytest"
	"github.com/minio/minio-go/v7"
)

func newDiskStore(t *testing.T) *DiskStore {
	t.Helper()
	s, err := NewDiskStore(filepath.Join(t.TempDir(), "media"), "http://localhost:8080/")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDiskStore(t *testing.T) {
	RunStoreContract(t, func(t *testing.T) Store { return newDiskStore(t) })

	t.Run("URL", func(t *testing.T) {
		s := newDiskStore(t)
		key := VariantKey(hashA, Thumb)
		if got, want := s.URL(key), "http://localhost:8080/media/"+key; got != want {
			t.Errorf("URL = %q, want %q", got, want)
		}
	})

	t.Run("NoTempFilesLeft", func(t *testing.T) {
		s := newDiskStore(t)
		key := VariantKey(hashA, Thumb)
		_ = s.Put(context.Background(), key, &failingReader{n: 10}, -1, "image/webp")
		if err := s.Put(context.Background(), key, strings.NewReader("ok"), 2, "image/webp"); err != nil {
			t.Fatal(err)
		}
		entries, err := os.ReadDir(filepath.Join(s.root, "img", hashA))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".tmp-") {
				t.Errorf("temporary file %s left behind", e.Name())
			}
		}
	})
}

func TestDiskStoreServeHTTP(t *testing.T) {
	s := newDiskStore(t)
	ctx := context.Background()
	key := VariantKey(hashA, Large)
	if err := s.Put(ctx, key, strings.NewReader("0123456789"), 10, "image/webp"); err != nil {
		t.Fatal(err)
	}
	incoming := NewIncomingKey()
	if err := s.Put(ctx, incoming, strings.NewReader("private"), 7, "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, method, path, rangeHeader string
		status                          int
		body                            string
	}{
		{"OK", "GET", "/media/" + key, "", 200, "0123456789"},
		{"Head", "HEAD", "/media/" + key, "", 200, ""},
		{"Range", "GET", "/media/" + key, "bytes=2-4", 206, "234"},
		{"Missing", "GET", "/media/" + VariantKey(hashB, Large), "", 404, ""},
		{"IncomingIsPrivate", "GET", "/media/" + incoming, "", 404, ""},
		{"Traversal", "GET", "/media/../../etc/passwd", "", 404, ""},
		{"EncodedTraversal", "GET", "/media/img/%2e%2e/%2e%2e/etc/passwd", "", 404, ""},
		{"Sidecar", "GET", "/media/" + key + ".meta", "", 404, ""},
		{"Folder", "GET", "/media/img/" + hashA, "", 404, ""},
		{"Post", "POST", "/media/" + key, "", 405, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, "http://localhost"+tc.path, nil)
			if tc.rangeHeader != "" {
				req.Header.Set("Range", tc.rangeHeader)
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d (%s)", rec.Code, tc.status, rec.Body)
			}
			if tc.status >= 300 {
				return
			}
			if got := rec.Body.String(); got != tc.body {
				t.Errorf("body %q, want %q", got, tc.body)
			}
			h := rec.Header()
			if h.Get("Content-Type") != "image/webp" || h.Get("Cache-Control") != CacheControl || h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("headers %v", h)
			}
		})
	}
}

// minioTestConfig is the MinIO that .ci/run starts (see .ci/start-minio.sh),
// with a bucket of its own; the test is skipped when none is configured.
func minioTestConfig(t *testing.T) MinIOConfig {
	t.Helper()
	ep := os.Getenv("GANH_TEST_S3_ENDPOINT")
	if ep == "" {
		t.Skip("set GANH_TEST_S3_ENDPOINT to run the MinIO suite; .ci/run does")
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	return MinIOConfig{
		Endpoint:  ep,
		AccessKey: os.Getenv("GANH_TEST_S3_ACCESS_KEY"),
		SecretKey: os.Getenv("GANH_TEST_S3_SECRET_KEY"),
		Bucket:    "ganh-test-" + hex.EncodeToString(b[:]),
	}
}

// newMinIOStore makes a store on a fresh bucket and removes the bucket, with
// everything in it, when the test ends.
func newMinIOStore(t *testing.T) *MinIOStore {
	t.Helper()
	cfg := minioTestConfig(t)
	s, err := NewMinIOStore(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx := context.Background() // t.Context() is already cancelled here
		for oi := range s.client.ListObjects(ctx, cfg.Bucket, minio.ListObjectsOptions{Recursive: true}) {
			if oi.Err == nil {
				_ = s.client.RemoveObject(ctx, cfg.Bucket, oi.Key, minio.RemoveObjectOptions{})
			}
		}
		if err := s.client.RemoveBucket(ctx, cfg.Bucket); err != nil {
			t.Errorf("remove bucket %s: %v", cfg.Bucket, err)
		}
	})
	return s
}

func TestMinIOStore(t *testing.T) {
	minioTestConfig(t) // skip early, with the message, when not configured
	RunStoreContract(t, func(t *testing.T) Store { return newMinIOStore(t) })

	t.Run("SecondStartKeepsBucket", func(t *testing.T) {
		s := newMinIOStore(t)
		ctx := context.Background()
		key := VariantKey(hashA, Thumb)
		if err := s.Put(ctx, key, strings.NewReader("x"), 1, "image/webp"); err != nil {
			t.Fatal(err)
		}
		cfg := minioTestConfig(t)
		cfg.Bucket = s.bucket
		again, err := NewMinIOStore(ctx, cfg)
		if err != nil {
			t.Fatalf("second NewMinIOStore on an existing bucket: %v", err)
		}
		if ok, err := Exists(ctx, again, key); !ok || err != nil {
			t.Errorf("object gone after a restart: %v %v", ok, err)
		}
	})

	t.Run("PublicURL", func(t *testing.T) {
		s := newMinIOStore(t)
		ctx := context.Background()
		key := VariantKey(hashA, Large)
		if err := s.Put(ctx, key, strings.NewReader("webp bytes"), 10, "image/webp"); err != nil {
			t.Fatal(err)
		}
		resp, body := httpGet(t, s.URL(key))
		if resp.StatusCode != 200 || body != "webp bytes" {
			t.Fatalf("GET %s: %d %q", s.URL(key), resp.StatusCode, body)
		}
		if resp.Header.Get("Content-Type") != "image/webp" || resp.Header.Get("Cache-Control") != CacheControl {
			t.Errorf("headers %v", resp.Header)
		}
		incoming := NewIncomingKey()
		if err := s.Put(ctx, incoming, strings.NewReader("private"), 7, "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		if resp, _ := httpGet(t, s.URL(incoming)); resp.StatusCode != http.StatusForbidden {
			t.Errorf("anonymous GET of an incoming upload: %d, want 403", resp.StatusCode)
		}
		if resp, _ := httpGet(t, strings.TrimSuffix(s.URL(key), key)); resp.StatusCode != http.StatusForbidden {
			t.Errorf("anonymous listing: %d, want 403", resp.StatusCode)
		}
	})

	t.Run("PostPolicy", func(t *testing.T) {
		s := newMinIOStore(t)
		ctx := context.Background()
		const limit = 1000
		for _, tc := range []struct {
			name        string
			size        int
			contentType string
			otherKey    bool
			wantCode    string // S3 error code; "" for success
		}{
			{"WithinLimits", limit, "image/jpeg", false, ""},
			{"Oversize", limit + 1, "image/jpeg", false, "EntityTooLarge"},
			{"Empty", 0, "image/jpeg", false, "EntityTooSmall"},
			{"NotAnImageType", 10, "text/html", false, "AccessDenied"},
			{"OtherKey", 10, "image/jpeg", true, "AccessDenied"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				key := NewIncomingKey()
				up, err := s.PresignUpload(ctx, key, limit, 5*time.Minute)
				if err != nil {
					t.Fatal(err)
				}
				fields := map[string]string{}
				for k, v := range up.Fields {
					fields[k] = v
				}
				fields["Content-Type"] = tc.contentType
				target := key
				if tc.otherKey {
					target = NewIncomingKey()
					fields["key"] = target
				}
				status, body := postForm(t, up, fields, bytes.Repeat([]byte{'j'}, tc.size))
				wantOK := tc.wantCode == ""
				if ok := status/100 == 2; ok != wantOK || !wantOK && !strings.Contains(body, "<Code>"+tc.wantCode+"</Code>") {
					t.Fatalf("POST: %d %s; want %q", status, body, tc.wantCode)
				}
				exists, err := Exists(ctx, s, target)
				if err != nil || exists != wantOK {
					t.Errorf("object stored=%v (%v), want %v", exists, err, wantOK)
				}
				if wantOK {
					if info := mustStat(t, s, target); info.Size != int64(tc.size) || info.ContentType != tc.contentType {
						t.Errorf("stored %+v", info)
					}
				}
			})
		}
	})

	t.Run("DirectUploadPipeline", func(t *testing.T) {
		s := newMinIOStore(t)
		ctx := context.Background()
		photo := withExif(t, encodeJPEG(t, cornerPhoto(400, 200), 90), 6)
		key := NewIncomingKey()
		up, err := s.PresignUpload(ctx, key, MaxUploadBytes, 5*time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		up.Fields["Content-Type"] = "image/jpeg"
		if status, body := postForm(t, up, up.Fields, photo); status/100 != 2 {
			t.Fatalf("POST: %d %s", status, body)
		}
		out, err := NewProcessor(s, ProcessorOptions{}).ProcessStored(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		if out.Width != 200 || out.Height != 400 {
			t.Errorf("stored %d×%d, want 200×400", out.Width, out.Height)
		}
		if ok, _ := Exists(ctx, s, key); ok {
			t.Error("the direct upload was not removed after processing")
		}
		for v, sv := range out.Variants {
			resp, body := httpGet(t, sv.URL)
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/webp" || resp.Header.Get("Cache-Control") != CacheControl {
				t.Errorf("%s: GET %s: %d %v", v, sv.URL, resp.StatusCode, resp.Header)
			}
			checkClean(t, []byte(body))
		}
	})
}

func httpGet(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// postForm sends a browser-style POST-policy upload: the fields, then the file.
func postForm(t *testing.T, up *PresignedUpload, fields map[string]string, file []byte) (int, string) {
	t.Helper()
	body, contentType := httpbodytest.MultipartForm(t, fields, "file", "photo.jpg", file)
	resp, err := http.Post(up.URL, contentType, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
