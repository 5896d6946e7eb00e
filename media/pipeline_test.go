package media

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/gen2brain/webp"
)

func TestProcessStripsExifAndTurnsUpright(t *testing.T) {
	s := newDiskStore(t)
	p := NewProcessor(s, ProcessorOptions{})
	raw := encodeJPEG(t, cornerPhoto(1600, 800), 90)
	photo := withExif(t, raw, 6)
	if o := exifOrientation(bufOf(photo), "jpeg"); o != 6 {
		t.Fatalf("test photo carries orientation %d, want 6", o)
	}
	if !bytes.Contains(photo, gpsLatitude) {
		t.Fatal("test photo lacks the GPS bytes")
	}
	out, err := p.Process(context.Background(), bytes.NewReader(photo))
	if err != nil {
		t.Fatal(err)
	}
	if out.Width != 800 || out.Height != 1600 {
		t.Errorf("stored %d×%d, want 800×1600 (portrait)", out.Width, out.Height)
	}
	want := map[Variant][2]int{Large: {800, 1600}, Medium: {512, 1024}, Thumb: {200, 400}}
	for v, size := range want {
		t.Run(string(v), func(t *testing.T) {
			sv := out.Variants[v]
			if sv.Width != size[0] || sv.Height != size[1] {
				t.Errorf("reported %d×%d, want %v", sv.Width, sv.Height, size)
			}
			data := readVariant(t, s, sv.Key)
			checkClean(t, data)
			img := decodeVariant(t, data)
			if b := img.Bounds(); b.Dx() != size[0] || b.Dy() != size[1] {
				t.Fatalf("file is %v, want %v", b.Size(), size)
			}
			w, h := size[0], size[1]
			// Turned 90° clockwise: the original's top-left (red) is now
			// top-right, its top-right (green) bottom-right, and its
			// bottom-left (blue) top-left.
			for _, c := range []struct {
				x, y int
				want string
			}{{w - 4, 4, "red"}, {w - 4, h - 4, "green"}, {4, 4, "blue"}, {4, h - 4, "grey"}, {w / 2, h / 2, "grey"}} {
				if got := colourAt(img, c.x, c.y); got != c.want {
					t.Errorf("pixel (%d,%d) is %s, want %s", c.x, c.y, got, c.want)
				}
			}
		})
	}
}

func TestProcessOrientations(t *testing.T) {
	// Where the original's top-left (red) and top-right (green) corners
	// must end up for each EXIF orientation.
	for _, tc := range []struct {
		orient     uint16
		red, green string
		portrait   bool
	}{
		{1, "TL", "TR", false}, {2, "TR", "TL", false}, {3, "BR", "BL", false}, {4, "BL", "BR", false},
		{5, "TL", "BL", true}, {6, "TR", "BR", true}, {7, "BR", "TR", true}, {8, "BL", "TL", true},
	} {
		t.Run(orientName(tc.orient), func(t *testing.T) {
			s := newDiskStore(t)
			out, err := NewProcessor(s, ProcessorOptions{}).Process(context.Background(),
				bytes.NewReader(withExif(t, encodeJPEG(t, cornerPhoto(160, 80), 95), tc.orient)))
			if err != nil {
				t.Fatal(err)
			}
			img := decodeVariant(t, readVariant(t, s, out.Variants[Thumb].Key))
			w, h := img.Bounds().Dx(), img.Bounds().Dy()
			if (h > w) != tc.portrait {
				t.Fatalf("got %d×%d, portrait=%v", w, h, tc.portrait)
			}
			at := map[string][2]int{"TL": {2, 2}, "TR": {w - 3, 2}, "BL": {2, h - 3}, "BR": {w - 3, h - 3}}
			if got := colourAt(img, at[tc.red][0], at[tc.red][1]); got != "red" {
				t.Errorf("%s corner is %s, want red", tc.red, got)
			}
			if got := colourAt(img, at[tc.green][0], at[tc.green][1]); got != "green" {
				t.Errorf("%s corner is %s, want green", tc.green, got)
			}
		})
	}
}

func orientName(o uint16) string {
	return [...]string{"", "Normal", "FlipH", "Rotate180", "FlipV", "Transpose", "Rotate90CW", "Transverse", "Rotate90CCW"}[o]
}

func TestProcessDeduplicates(t *testing.T) {
	s := &countingStore{Store: newDiskStore(t)}
	p := NewProcessor(s, ProcessorOptions{})
	photo := withExif(t, encodeJPEG(t, noisePhoto(300, 200, 5), 88), 6)
	first, err := p.Process(context.Background(), bytes.NewReader(photo))
	if err != nil {
		t.Fatal(err)
	}
	second, err := p.Process(context.Background(), bytes.NewReader(photo))
	if err != nil {
		t.Fatal(err)
	}
	if first.Reused || !second.Reused {
		t.Errorf("Reused: first %v, second %v", first.Reused, second.Reused)
	}
	first.Reused = second.Reused
	if !equalProcessed(first, second) {
		t.Errorf("second upload differs:\n%+v\n%+v", first, second)
	}
	if got := s.puts(); got != 3 {
		t.Errorf("%d Puts for the same photo twice, want 3", got)
	}
	keys := storedKeys(t, s)
	if len(keys) != 3 {
		t.Errorf("stored %v, want one set of three", keys)
	}
	for _, k := range keys {
		if !strings.HasPrefix(k, HashPrefix(first.Hash)) {
			t.Errorf("key %s is not under the upload's hash", k)
		}
	}

	t.Run("MissingVariantIsRemade", func(t *testing.T) {
		if err := s.Delete(context.Background(), first.Variants[Medium].Key); err != nil {
			t.Fatal(err)
		}
		third, err := p.Process(context.Background(), bytes.NewReader(photo))
		if err != nil {
			t.Fatal(err)
		}
		if third.Reused || !equalProcessed(first, third) {
			t.Errorf("after losing a variant: %+v", third)
		}
		if got := s.puts(); got != 4 {
			t.Errorf("%d Puts in all, want 4 (only the lost variant again)", got)
		}
	})

	t.Run("UnreadableVariantIsRemade", func(t *testing.T) {
		key := first.Variants[Large].Key
		if err := s.Put(context.Background(), key, strings.NewReader("garbage"), 7, "image/webp"); err != nil {
			t.Fatal(err)
		}
		before := s.puts()
		again, err := p.Process(context.Background(), bytes.NewReader(photo))
		if err != nil {
			t.Fatal(err)
		}
		if again.Reused || !equalProcessed(first, again) {
			t.Errorf("after a broken variant: %+v", again)
		}
		if got := s.puts() - before; got != 3 {
			t.Errorf("%d Puts, want 3", got)
		}
		checkClean(t, readVariant(t, s, key))
	})
}

func equalProcessed(a, b *Processed) bool {
	if a.Hash != b.Hash || a.Width != b.Width || a.Height != b.Height || len(a.Variants) != len(b.Variants) {
		return false
	}
	for v, av := range a.Variants {
		if b.Variants[v] != av {
			return false
		}
	}
	return true
}

// countingStore counts Puts.
type countingStore struct {
	Store
	mu sync.Mutex
	n  int
}

func (c *countingStore) Put(ctx context.Context, key string, r io.Reader, size int64, ct string) error {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	return c.Store.Put(ctx, key, r, size, ct)
}

func (c *countingStore) puts() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func TestProcessPNGAndWebP(t *testing.T) {
	s := newDiskStore(t)
	p := NewProcessor(s, ProcessorOptions{})
	var pngBuf bytes.Buffer
	src := image.NewNRGBA(image.Rect(0, 0, 3000, 100)) // very wide, left half transparent
	for y := range 100 {
		for x := 1500; x < 3000; x++ {
			src.SetNRGBA(x, y, color.NRGBA{200, 40, 40, 255})
		}
	}
	if err := png.Encode(&pngBuf, src); err != nil {
		t.Fatal(err)
	}
	out, err := p.Process(context.Background(), bytes.NewReader(pngBuf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want := map[Variant][2]int{Large: {2048, 68}, Medium: {1024, 34}, Thumb: {400, 13}}
	for v, size := range want {
		if sv := out.Variants[v]; sv.Width != size[0] || sv.Height != size[1] {
			t.Errorf("%s: %d×%d, want %v", v, sv.Width, sv.Height, size)
		}
	}
	// A stored WebP variant is itself a valid upload.
	webpData := readVariant(t, s, out.Variants[Medium].Key)
	again, err := p.Process(context.Background(), bytes.NewReader(webpData))
	if err != nil {
		t.Fatal(err)
	}
	if again.Width != 1024 || again.Height != 34 {
		t.Errorf("WebP upload stored %d×%d", again.Width, again.Height)
	}
	img := decodeVariant(t, readVariant(t, s, out.Variants[Large].Key))
	if _, _, _, a := img.At(10, 30).RGBA(); a>>8 > 10 {
		t.Errorf("transparency lost: alpha %d on the left", a>>8)
	}
	if _, _, _, a := img.At(2000, 30).RGBA(); a>>8 < 245 {
		t.Errorf("opaque half has alpha %d", a>>8)
	}
}

func bufOf(data []byte) *uploadBuf {
	return &uploadBuf{chunks: [][]byte{data}, size: int64(len(data))}
}

func TestProcessWebPWithExif(t *testing.T) {
	var simple bytes.Buffer
	if err := webp.Encode(&simple, cornerPhoto(160, 80), webp.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	photo := webpWithExif(t, simple.Bytes(), 160, 80, 6)
	if o := exifOrientation(bufOf(photo), "webp"); o != 6 {
		t.Fatalf("orientation %d, want 6", o)
	}
	s := newDiskStore(t)
	out, err := NewProcessor(s, ProcessorOptions{}).Process(context.Background(), bytes.NewReader(photo))
	if err != nil {
		t.Fatal(err)
	}
	if out.Width != 80 || out.Height != 160 {
		t.Errorf("stored %d×%d, want 80×160", out.Width, out.Height)
	}
	data := readVariant(t, s, out.Variants[Large].Key)
	checkClean(t, data)
	if got := colourAt(decodeVariant(t, data), 77, 2); got != "red" {
		t.Errorf("top-right is %s, want red", got)
	}
}

func TestProcessStored(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		body     []byte
		kind     apperr.Kind
		wantGone bool
	}{
		{"OK", encodeJPEG(t, noisePhoto(200, 100, 9), 85), 0, true},
		{"NotAnImage", []byte("<svg></svg>"), apperr.KindUnsupportedMedia, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newDiskStore(t)
			key := NewIncomingKey()
			if err := s.Put(ctx, key, bytes.NewReader(tc.body), int64(len(tc.body)), "image/jpeg"); err != nil {
				t.Fatal(err)
			}
			out, err := NewProcessor(s, ProcessorOptions{}).ProcessStored(ctx, key)
			if tc.kind != 0 {
				if apperr.KindOf(err) != tc.kind {
					t.Fatalf("err %v, want kind %d", err, tc.kind)
				}
			} else if err != nil || out.Width != 200 {
				t.Fatalf("%+v %v", out, err)
			}
			if ok, _ := Exists(ctx, s, key); ok == tc.wantGone {
				t.Errorf("upload still there: %v", ok)
			}
		})
	}
	t.Run("BadKeys", func(t *testing.T) {
		p := NewProcessor(newDiskStore(t), ProcessorOptions{})
		for _, key := range []string{VariantKey(hashA, Large), "incoming/../../x", ""} {
			wantKind(t, errOnly(p.ProcessStored(ctx, key)), apperr.KindInvalid, apperr.CodeValidation)
		}
		wantKind(t, errOnly(p.ProcessStored(ctx, NewIncomingKey())), apperr.KindNotFound, apperr.CodeNotFound)
	})
}

func errOnly(_ *Processed, err error) error { return err }

func TestFit(t *testing.T) {
	for _, tc := range []struct {
		name         string
		w, h, limit  int
		wantW, wantH int
	}{
		{"Smaller", 300, 200, 400, 300, 200},
		{"Equal", 400, 400, 400, 400, 400},
		{"Landscape", 4000, 3000, 2048, 2048, 1536},
		{"Portrait", 3000, 4000, 1024, 768, 1024},
		{"Sliver", 50000, 1, 400, 400, 1},
		{"Odd", 1001, 999, 400, 400, 399},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if w, h := fit(tc.w, tc.h, tc.limit); w != tc.wantW || h != tc.wantH {
				t.Errorf("fit(%d, %d, %d) = %d×%d, want %d×%d", tc.w, tc.h, tc.limit, w, h, tc.wantW, tc.wantH)
			}
		})
	}
}
