package media

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Hashes used as image keys in the contract suite.
const (
	hashA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	hashB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
)

// RunStoreContract checks the behaviour every Store must have. newStore gives
// each case a fresh, empty store and cleans it up with t.Cleanup.
func RunStoreContract(t *testing.T, newStore func(t *testing.T) Store) {
	ctx := context.Background()
	put := func(t *testing.T, s Store, key, body, ct string) {
		t.Helper()
		if err := s.Put(ctx, key, strings.NewReader(body), int64(len(body)), ct); err != nil {
			t.Fatalf("Put(%s): %v", key, err)
		}
	}
	read := func(t *testing.T, s Store, key string) (string, ObjectInfo) {
		t.Helper()
		obj, info, err := s.Get(ctx, key)
		if err != nil {
			t.Fatalf("Get(%s): %v", key, err)
		}
		defer obj.Close()
		b, err := io.ReadAll(obj)
		if err != nil {
			t.Fatalf("read %s: %v", key, err)
		}
		return string(b), info
	}
	walk := func(t *testing.T, s Store, prefix string) []string {
		t.Helper()
		var keys []string
		err := s.Walk(ctx, prefix, func(oi ObjectInfo) error {
			if oi.ModTime.IsZero() || oi.Size <= 0 {
				t.Errorf("Walk gave %+v: want a size and a time", oi)
			}
			keys = append(keys, oi.Key)
			return nil
		})
		if err != nil {
			t.Fatalf("Walk(%q): %v", prefix, err)
		}
		return keys
	}

	t.Run("RoundTrip", func(t *testing.T) {
		s := newStore(t)
		key := VariantKey(hashA, Large)
		put(t, s, key, "webp bytes", "image/webp")
		body, info := read(t, s, key)
		if body != "webp bytes" {
			t.Errorf("body %q", body)
		}
		for _, got := range []ObjectInfo{info, mustStat(t, s, key)} {
			if got.ContentType != "image/webp" || got.CacheControl != CacheControl || got.Size != 10 || got.ModTime.IsZero() {
				t.Errorf("info %+v: want image/webp, %q, 10 bytes, a time", got, CacheControl)
			}
		}
	})

	t.Run("UnknownSize", func(t *testing.T) {
		s := newStore(t)
		key := NewIncomingKey()
		if err := s.Put(ctx, key, strings.NewReader("streamed"), -1, "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		if body, info := read(t, s, key); body != "streamed" || info.ContentType != "image/jpeg" {
			t.Errorf("got %q %+v", body, info)
		}
	})

	t.Run("Overwrite", func(t *testing.T) {
		s := newStore(t)
		key := VariantKey(hashA, Thumb)
		put(t, s, key, "first", "image/webp")
		put(t, s, key, "second!", "image/jpeg")
		if body, info := read(t, s, key); body != "second!" || info.ContentType != "image/jpeg" || info.Size != 7 {
			t.Errorf("got %q %+v", body, info)
		}
	})

	t.Run("FailedPutKeepsOldObject", func(t *testing.T) {
		s := newStore(t)
		key := VariantKey(hashA, Medium)
		put(t, s, key, "old", "image/webp")
		if err := s.Put(ctx, key, &failingReader{n: 100}, 200, "image/jpeg"); err == nil {
			t.Fatal("Put from a failing reader succeeded")
		}
		if body, info := read(t, s, key); body != "old" || info.ContentType != "image/webp" {
			t.Errorf("after a failed Put the object is %q (%s), want the old one", body, info.ContentType)
		}
		if keys := walk(t, s, ""); !slices.Equal(keys, []string{key}) {
			t.Errorf("objects after a failed Put: %v", keys)
		}
	})

	t.Run("Seek", func(t *testing.T) {
		s := newStore(t)
		key := VariantKey(hashA, Large)
		put(t, s, key, "0123456789", "image/webp")
		obj, _, err := s.Get(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		defer obj.Close()
		if _, err := obj.Seek(4, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		b := make([]byte, 3)
		if _, err := io.ReadFull(obj, b); err != nil || string(b) != "456" {
			t.Errorf("read after seek: %q %v", b, err)
		}
	})

	t.Run("MissingKey", func(t *testing.T) {
		s := newStore(t)
		key := VariantKey(hashB, Thumb)
		if _, _, err := s.Get(ctx, key); !errors.Is(err, ErrNotFound) {
			t.Errorf("Get: %v, want ErrNotFound", err)
		}
		if _, err := s.Stat(ctx, key); !errors.Is(err, ErrNotFound) {
			t.Errorf("Stat: %v, want ErrNotFound", err)
		}
		if ok, err := Exists(ctx, s, key); ok || err != nil {
			t.Errorf("Exists: %v %v", ok, err)
		}
	})

	t.Run("DeleteIdempotent", func(t *testing.T) {
		s := newStore(t)
		key := VariantKey(hashA, Thumb)
		other := VariantKey(hashA, Large)
		put(t, s, key, "x", "image/webp")
		put(t, s, other, "y", "image/webp")
		for i := range 2 {
			if err := s.Delete(ctx, key); err != nil {
				t.Fatalf("Delete #%d: %v", i+1, err)
			}
		}
		if err := s.Delete(ctx, VariantKey(hashB, Thumb)); err != nil {
			t.Errorf("Delete of a never-stored key: %v", err)
		}
		if ok, _ := Exists(ctx, s, key); ok {
			t.Error("deleted object still exists")
		}
		if keys := walk(t, s, ""); !slices.Equal(keys, []string{other}) {
			t.Errorf("left %v, want only %s", keys, other)
		}
	})

	t.Run("Walk", func(t *testing.T) {
		s := newStore(t)
		incoming := NewIncomingKey()
		want := []string{VariantKey(hashA, Large), VariantKey(hashA, Medium), VariantKey(hashA, Thumb), VariantKey(hashB, Thumb)}
		for _, k := range append([]string{incoming}, want...) {
			put(t, s, k, "data of "+k, "image/webp")
		}
		if got := walk(t, s, imagePrefix); !slices.Equal(got, want) {
			t.Errorf("Walk(img/) = %v, want %v", got, want)
		}
		if got := walk(t, s, HashPrefix(hashB)); !slices.Equal(got, want[3:]) {
			t.Errorf("Walk(one hash) = %v", got)
		}
		if got := walk(t, s, incomingPrefix); !slices.Equal(got, []string{incoming}) {
			t.Errorf("Walk(incoming/) = %v", got)
		}
		if got := walk(t, s, "img/ffff"); len(got) != 0 {
			t.Errorf("Walk(no match) = %v", got)
		}
		if got := walk(t, s, ""); len(got) != 5 {
			t.Errorf("Walk(all) = %v", got)
		}
		stop := errors.New("stop")
		n := 0
		err := s.Walk(ctx, "", func(ObjectInfo) error { n++; return stop })
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("Walk with a failing fn: %v after %d calls", err, n)
		}
	})

	t.Run("InvalidKeys", func(t *testing.T) {
		s := newStore(t)
		for _, key := range []string{
			"", "../etc/passwd", "/etc/passwd", "img/../../etc/passwd",
			`img\..\..\etc\passwd`, "img/" + hashA + "/../../x.webp",
			"img/" + hashA + "/thumb.webp/..", "img/" + strings.ToUpper(hashA) + "/thumb.webp",
			"img/" + hashA + "/thumb.png", "img/" + hashA + "/other.webp", "img/" + hashA[:63] + "/thumb.webp",
			"incoming/", "incoming/../x", "incoming/a/b", "incoming/a.b", "incoming/" + strings.Repeat("a", 65),
			"x/" + hashA, "img/" + hashA + "/thumb.webp\x00",
		} {
			if err := s.Put(ctx, key, strings.NewReader("x"), 1, "image/webp"); !errors.Is(err, ErrInvalidKey) {
				t.Errorf("Put(%q): %v, want ErrInvalidKey", key, err)
			}
			if _, _, err := s.Get(ctx, key); !errors.Is(err, ErrInvalidKey) {
				t.Errorf("Get(%q): %v", key, err)
			}
			if _, err := s.Stat(ctx, key); !errors.Is(err, ErrInvalidKey) {
				t.Errorf("Stat(%q): %v", key, err)
			}
			if err := s.Delete(ctx, key); !errors.Is(err, ErrInvalidKey) {
				t.Errorf("Delete(%q): %v", key, err)
			}
		}
		for _, prefix := range []string{"../", "/", "img/../..", `img\`, "img//"} {
			if err := s.Walk(ctx, prefix, func(ObjectInfo) error { return nil }); !errors.Is(err, ErrInvalidKey) {
				t.Errorf("Walk(%q): %v, want ErrInvalidKey", prefix, err)
			}
		}
		if keys := walk(t, s, ""); len(keys) != 0 {
			t.Errorf("invalid keys left objects: %v", keys)
		}
	})

	t.Run("URL", func(t *testing.T) {
		s := newStore(t)
		key := VariantKey(hashA, Medium)
		if u := s.URL(key); !strings.HasPrefix(u, "http") || !strings.HasSuffix(u, "/"+key) {
			t.Errorf("URL(%s) = %q", key, u)
		}
	})

	t.Run("PresignUpload", func(t *testing.T) {
		s := newStore(t)
		up, err := s.PresignUpload(ctx, NewIncomingKey(), 1<<20, time.Minute)
		if errors.Is(err, ErrNotSupported) {
			return
		}
		if err != nil || up.Method != http.MethodPost || up.URL == "" || len(up.Fields) == 0 {
			t.Errorf("PresignUpload: %+v %v", up, err)
		}
		if _, err := s.PresignUpload(ctx, VariantKey(hashA, Large), 1<<20, time.Minute); err == nil {
			t.Error("a served image key could be presigned for upload")
		}
	})

	t.Run("ConcurrentPuts", func(t *testing.T) {
		s := newStore(t)
		key := VariantKey(hashA, Large)
		bodies := []string{"aaaa", "bbbbbbbb", "cccccccccccc", "dddddddddddddddd"}
		var wg sync.WaitGroup
		for _, b := range bodies {
			wg.Go(func() {
				if err := s.Put(ctx, key, strings.NewReader(b), int64(len(b)), "image/webp"); err != nil {
					t.Errorf("Put: %v", err)
				}
			})
		}
		wg.Wait()
		body, info := read(t, s, key)
		if !slices.Contains(bodies, body) || info.Size != int64(len(body)) {
			t.Errorf("after concurrent puts: %q (%d bytes)", body, info.Size)
		}
	})

	t.Run("Ping", func(t *testing.T) {
		if err := newStore(t).Ping(ctx); err != nil {
			t.Error(err)
		}
	})

	t.Run("ReadyLeavesNothing", func(t *testing.T) {
		s := newStore(t)
		for range 2 {
			if err := Ready(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		if keys := walk(t, s, ""); len(keys) != 0 {
			t.Errorf("the readiness probe left %v", keys)
		}
	})

	t.Run("FailedPutLeavesNothing", func(t *testing.T) {
		s := newStore(t)
		for _, key := range []string{VariantKey(hashB, Large), NewIncomingKey()} {
			if err := s.Put(ctx, key, &failingReader{n: 100}, 200, "image/webp"); err == nil {
				t.Fatalf("Put(%s) from a failing reader succeeded", key)
			}
		}
		if keys := walk(t, s, ""); len(keys) != 0 {
			t.Errorf("failed Puts left %v", keys)
		}
	})
}

func mustStat(t *testing.T, s Store, key string) ObjectInfo {
	t.Helper()
	info, err := s.Stat(context.Background(), key)
	if err != nil {
		t.Fatalf("Stat(%s): %v", key, err)
	}
	return info
}
