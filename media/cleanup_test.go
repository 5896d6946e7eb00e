package media

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/apperr"
)

// TestDiskStoreFailedPutLeavesNoFolder: a Put that fails half-way (its
// source breaks, as a full disk would) removes its temporary file and the
// image folder it made; a folder that holds other objects stays.
func TestDiskStoreFailedPutLeavesNoFolder(t *testing.T) {
	s := newDiskStore(t)
	ctx := context.Background()
	if err := s.Put(ctx, VariantKey(hashA, Thumb), &failingReader{n: 10}, -1, "image/webp"); err == nil {
		t.Fatal("Put from a failing reader succeeded")
	}
	if _, err := os.Stat(filepath.Join(s.root, "img", hashA)); !os.IsNotExist(err) {
		t.Fatalf("the image folder of a failed Put is still there: %v", err)
	}
	if err := s.Put(ctx, NewIncomingKey(), &failingReader{n: 10}, -1, "image/jpeg"); err == nil {
		t.Fatal("Put from a failing reader succeeded")
	}
	if left := filesUnder(t, s.root); len(left) != 0 {
		t.Fatalf("left behind: %v", left)
	}

	kept := VariantKey(hashB, Large)
	if err := s.Put(ctx, kept, strings.NewReader("x"), 1, "image/webp"); err != nil {
		t.Fatal(err)
	}
	_ = s.Put(ctx, VariantKey(hashB, Thumb), &failingReader{n: 10}, -1, "image/webp")
	if left := filesUnder(t, s.root); strings.Join(left, ",") != "img/"+hashB+"/large.webp,img/"+hashB+"/large.webp.meta" {
		t.Fatalf("after a failed Put beside an object: %v", left)
	}
}

// refusingProxy forwards HTTP to target, keeping the Host the client signed
// for, except PUTs of path, which it answers 403 AccessDenied as S3 does
// (minio-go does not retry that). It returns its host:port.
func refusingProxy(t *testing.T, target, path string) string {
	t.Helper()
	u, err := url.Parse("http://" + target)
	if err != nil {
		t.Fatal(err)
	}
	rp := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(u)
		r.Out.Host = r.In.Host // the V4 signature covers it
	}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut && r.URL.Path == path {
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusForbidden)
			_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>`)
			return
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

// filesUnder lists every file and empty folder under root.
func filesUnder(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if !d.IsDir() {
			out = append(out, filepath.ToSlash(rel))
		} else if entries, _ := os.ReadDir(p); len(entries) == 0 {
			out = append(out, filepath.ToSlash(rel)+"/")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestProcessRemovesWhatAFailedUploadStored makes the store refuse the
// second variant of an upload for real (a folder, or on MinIO an object,
// already sits under its key's name): the variant stored before it is
// removed at once, nothing else of the upload is left, and the failure is a
// retryable 503.
func TestProcessRemovesWhatAFailedUploadStored(t *testing.T) {
	photo := encodeJPEG(t, noisePhoto(640, 480, 11), 85)
	sum := sha256.Sum256(photo)
	hash := hex.EncodeToString(sum[:])
	blocked := VariantKey(hash, Medium)
	for _, tc := range []struct {
		name  string
		store func(t *testing.T) Store
		block func(t *testing.T, s Store)
	}{
		{"Disk", func(t *testing.T) Store { return newDiskStore(t) }, func(t *testing.T, s Store) {
			dir := filepath.Join(s.(*DiskStore).root, filepath.FromSlash(blocked))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "x"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"MinIO", func(t *testing.T) Store {
			// The store reaches MinIO through a proxy that refuses, as S3
			// refuses a write it does not allow, the PUT of that one key.
			s := newMinIOStore(t)
			cfg := minioTestConfig(t)
			cfg.Bucket = s.bucket
			cfg.Endpoint = refusingProxy(t, cfg.Endpoint, "/"+s.bucket+"/"+blocked)
			through, err := NewMinIOStore(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			return through
		}, func(*testing.T, Store) {}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.store(t)
			tc.block(t, s)
			_, err := NewProcessor(s, ProcessorOptions{}).Process(context.Background(), bytes.NewReader(photo))
			if apperr.KindOf(err) != apperr.KindUnavailable {
				t.Fatalf("Process with a refused variant: %v, want a 503", err)
			}
			if keys := storedKeys(t, s); len(keys) != 0 {
				t.Fatalf("objects of the failed upload left: %v", keys)
			}
		})
	}
}
