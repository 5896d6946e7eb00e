package resumable_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/resumable"
)

// server passes tus requests to the store as the pages do, with the owner
// on the creating request.
func server(t *testing.T, s *resumable.Store, owner resumable.Owner) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodPost:
			s.Create().ServeHTTP(w, r.WithContext(resumable.WithOwner(r.Context(), owner)))
		case http.MethodHead:
			s.Head().ServeHTTP(w, r)
		case http.MethodPatch:
			s.Patch().ServeHTTP(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func do(t *testing.T, method, url string, body []byte, hdr ...string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(method, url, bytes.NewReader(body))
	req.Header.Set("Tus-Resumable", "1.0.0")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	return res
}

// upload creates an upload of data and sends its first n bytes.
func upload(t *testing.T, srv *httptest.Server, data []byte, n int) string {
	t.Helper()
	res := do(t, http.MethodPost, srv.URL+"/tai-anh/", nil, "Upload-Length", strconv.Itoa(len(data)),
		"Upload-Metadata", "ganh_user "+"bWFsbG9yeQ==") // a client's claim of an owner is dropped
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d", res.StatusCode)
	}
	loc := res.Header.Get("Location")
	id := loc[strings.LastIndex(loc, "/")+1:]
	res = do(t, http.MethodPatch, srv.URL+"/tai-anh/"+id, data[:n], "Upload-Offset", "0", "Content-Type", "application/offset+octet-stream")
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("patch: %d", res.StatusCode)
	}
	return id
}

// TestUploadResumesAndReads: an upload sent in two pieces reads back
// whole, with the owner the server set.
func TestUploadResumesAndReads(t *testing.T) {
	dir := t.TempDir()
	s, err := resumable.New(dir, "/tai-anh/", resumable.Options{MaxSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	owner := resumable.Owner{User: "u1", Coop: "c1"}
	srv := server(t, s, owner)
	data := bytes.Repeat([]byte("gánh "), 1000)
	id := upload(t, srv, data, 1234)
	ctx := context.Background()
	info, err := s.Info(ctx, id)
	if err != nil || info.Offset != 1234 || info.Done() || info.Owner != owner {
		t.Fatalf("after the first piece: %+v, %v", info, err)
	}
	res := do(t, http.MethodPatch, srv.URL+"/tai-anh/"+id, data[1234:], "Upload-Offset", "1234", "Content-Type", "application/offset+octet-stream")
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("second piece: %d", res.StatusCode)
	}
	if info, _ = s.Info(ctx, id); !info.Done() {
		t.Fatalf("after the rest: %+v", info)
	}
	r, err := s.Open(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r)
	_ = r.Close()
	if !bytes.Equal(got, data) {
		t.Fatalf("read back %d bytes, want %d", len(got), len(data))
	}
	if _, err := s.Info(ctx, "../../etc/passwd"); err != resumable.ErrNotFound {
		t.Errorf("a path as id: %v", err)
	}
}

// TestUploadSweep: uploads untouched for longer than the cutoff go, with
// both their files; recent ones stay.
func TestUploadSweep(t *testing.T) {
	dir := t.TempDir()
	s, err := resumable.New(dir, "/tai-anh/", resumable.Options{MaxSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	srv := server(t, s, resumable.Owner{User: "u1", Coop: "c1"})
	data := bytes.Repeat([]byte{0xff}, 4096)
	old, fresh := upload(t, srv, data, 100), upload(t, srv, data, len(data))
	day := time.Now().Add(-25 * time.Hour)
	for _, f := range []string{old, old + ".info"} {
		if err := os.Chtimes(filepath.Join(dir, f), day, day); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.Sweep(context.Background(), time.Now().Add(-24*time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("sweep removed %d, %v; want 1", n, err)
	}
	if _, err := s.Info(context.Background(), old); err != resumable.ErrNotFound {
		t.Errorf("the old upload: %v", err)
	}
	for _, f := range []string{old, old + ".info"} {
		if _, err := os.Stat(filepath.Join(dir, f)); !os.IsNotExist(err) {
			t.Errorf("%s still there: %v", f, err)
		}
	}
	if info, err := s.Info(context.Background(), fresh); err != nil || !info.Done() {
		t.Errorf("the fresh upload: %+v, %v", info, err)
	}
}
