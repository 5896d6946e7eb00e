package media

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// processed stores a small distinct photo and returns its hash.
func processed(t *testing.T, p *Processor, seed uint64) string {
	t.Helper()
	out, err := p.Process(context.Background(), bytes.NewReader(encodeJPEG(t, noisePhoto(120, 90, seed), 80)))
	if err != nil {
		t.Fatal(err)
	}
	return out.Hash
}

func TestSweep(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name          string
		after         time.Duration // how long after the uploads the sweep runs
		wantImages    int
		wantIncoming  int
		keptHashCount int
	}{
		{"WithinGrace", time.Hour, 0, 0, 2},
		{"AfterGrace", 25 * time.Hour, 1, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newDiskStore(t)
			p := NewProcessor(s, ProcessorOptions{})
			used, orphan := processed(t, p, 1), processed(t, p, 2)
			if err := s.Put(ctx, NewIncomingKey(), strings.NewReader("abandoned"), 9, "image/jpeg"); err != nil {
				t.Fatal(err)
			}
			referenced := func(_ context.Context, h string) (bool, error) { return h == used, nil }
			res, err := Sweep(ctx, s, referenced, SweepOptions{
				Grace: 24 * time.Hour,
				Now:   func() time.Time { return time.Now().Add(tc.after) },
			})
			if err != nil {
				t.Fatal(err)
			}
			if res.Images != tc.wantImages || res.Incoming != tc.wantIncoming || res.Objects != 3*tc.wantImages+tc.wantIncoming {
				t.Errorf("result %+v", res)
			}
			hashes := map[string]bool{}
			for _, k := range storedKeys(t, s) {
				if h := hashOfKey(k); h != "" {
					hashes[h] = true
				}
			}
			if !hashes[used] || len(hashes) != tc.keptHashCount {
				t.Errorf("left images %v (used %s, orphan %s)", hashes, used[:8], orphan[:8])
			}
		})
	}

	t.Run("ReferenceCheckFails", func(t *testing.T) {
		s := newDiskStore(t)
		h := processed(t, NewProcessor(s, ProcessorOptions{}), 3)
		boom := errors.New("db down")
		_, err := Sweep(ctx, s, func(context.Context, string) (bool, error) { return false, boom },
			SweepOptions{Now: func() time.Time { return time.Now().Add(48 * time.Hour) }})
		if !errors.Is(err, boom) {
			t.Errorf("err %v, want the reference error", err)
		}
		if ok, _ := Exists(ctx, s, VariantKey(h, Large)); !ok {
			t.Error("an image was removed although its references could not be checked")
		}
	})
}

func TestDeleteUnreferenced(t *testing.T) {
	ctx := context.Background()
	s := newDiskStore(t)
	p := NewProcessor(s, ProcessorOptions{})
	used, gone := processed(t, p, 4), processed(t, p, 5)
	referenced := func(_ context.Context, h string) (bool, error) { return h == used, nil }
	n, err := DeleteUnreferenced(ctx, s, []string{used, gone, "../../etc", hashB}, referenced)
	if err != nil || n != 1 {
		t.Fatalf("removed %d, %v; want 1", n, err)
	}
	keys := storedKeys(t, s)
	want := []string{VariantKey(used, Large), VariantKey(used, Medium), VariantKey(used, Thumb)}
	if !slices.Equal(keys, want) {
		t.Errorf("left %v, want %v", keys, want)
	}
}
