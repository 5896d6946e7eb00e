package media

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"io"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/media/mediatest"
	xwebp "golang.org/x/image/webp"
)

// Marker colours painted into test photos, so a test can tell where each
// corner of the original ended up.
var (
	red   = color.RGBA{230, 20, 20, 255}
	green = color.RGBA{20, 200, 20, 255}
	blue  = color.RGBA{20, 20, 230, 255}
	grey  = color.RGBA{128, 128, 128, 255}
)

// cornerPhoto paints a w×h grey picture with a red top-left, green top-right
// and blue bottom-left quarter-height block.
func cornerPhoto(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bw, bh := w/4, h/4
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := grey
			switch {
			case x < bw && y < bh:
				c = red
			case x >= w-bw && y < bh:
				c = green
			case x < bw && y >= h-bh:
				c = blue
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// noisePhoto and encodeJPEG are the shared picture fixtures of mediatest.
func noisePhoto(w, h int, seed uint64) *image.RGBA { return mediatest.NoisePhoto(w, h, seed) }

func encodeJPEG(t testing.TB, img image.Image, quality int) []byte {
	t.Helper()
	return mediatest.EncodeJPEG(t, img, quality)
}

// The EXIF test photos carry (mediatest.WithExif): orientation, GPS.
var (
	gpsLatitude  = mediatest.GPSLatitude
	gpsLongitude = mediatest.GPSLongitude
)

func exifTIFF(orient uint16) []byte { return mediatest.ExifTIFF(orient) }

func withExif(t testing.TB, jpg []byte, orient uint16) []byte {
	return mediatest.WithExif(t, jpg, orient)
}

func forgedPNG(w, h uint32) []byte { return mediatest.ForgedPNG(w, h) }

// countingReader yields size bytes (a JPEG signature, then filler) without
// holding them, and counts how many were read. It seeks only if seekable.
type countingReader struct {
	size, pos int64
	read      int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.pos >= c.size {
		return 0, io.EOF
	}
	n := int(min(int64(len(p)), c.size-c.pos))
	for i := range n {
		p[i] = 0x42
		if c.pos+int64(i) < 3 {
			p[i] = []byte{0xFF, 0xD8, 0xFF}[c.pos+int64(i)]
		}
	}
	c.pos += int64(n)
	c.read += int64(n)
	return n, nil
}

func (c *countingReader) bytesRead() int64 { return c.read }

type seekingCounter struct{ countingReader }

func (s *seekingCounter) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
		s.pos = off
	case io.SeekCurrent:
		s.pos += off
	case io.SeekEnd:
		s.pos = s.size + off
	}
	return s.pos, nil
}

// decodeVariant decodes a stored WebP variant for inspection.
func decodeVariant(t testing.TB, data []byte) image.Image {
	t.Helper()
	img, err := xwebp.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("variant is not a WebP: %v", err)
	}
	return img
}

// colourAt names the marker colour nearest the pixel at (x, y).
func colourAt(img image.Image, x, y int) string {
	r, g, b, _ := img.At(img.Bounds().Min.X+x, img.Bounds().Min.Y+y).RGBA()
	r, g, b = r>>8, g>>8, b>>8
	switch {
	case r > 150 && g < 100 && b < 100:
		return "red"
	case g > 140 && r < 100 && b < 100:
		return "green"
	case b > 150 && r < 100 && g < 100:
		return "blue"
	case r > 90 && r < 170 && g > 90 && g < 170 && b > 90 && b < 170:
		return "grey"
	}
	return "other"
}

// wantKind fails unless err is an apperr of kind k with code code.
func wantKind(t testing.TB, err error, k apperr.Kind, code string) *apperr.Error {
	t.Helper()
	e := apperr.As(err)
	if e == nil {
		t.Fatalf("error %v (%T) is not an *apperr.Error", err, err)
	}
	if e.Kind != k || e.Code != code {
		t.Fatalf("got kind %d code %q (%v), want kind %d code %q", e.Kind, e.Code, err, k, code)
	}
	return e
}

var errBoom = errors.New("boom")

// failingReader returns n bytes and then errBoom.
type failingReader struct{ n int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errBoom
	}
	k := min(len(p), f.n)
	for i := range k {
		p[i] = 'x'
	}
	f.n -= k
	return k, nil
}

// webpWithExif rewraps a simple (VP8) WebP of w×h in the extended format with
// an EXIF chunk after the pixels, as cameras and editors write it.
func webpWithExif(t testing.TB, simple []byte, w, h int, orient uint16) []byte {
	t.Helper()
	if string(simple[:4]) != "RIFF" || string(simple[12:16]) != "VP8 " {
		t.Fatalf("not a simple lossy WebP: %q", simple[12:16])
	}
	le := binary.LittleEndian
	chunk := func(id string, payload []byte) []byte {
		c := append([]byte(id), le.AppendUint32(nil, uint32(len(payload)))...)
		c = append(c, payload...)
		if len(payload)%2 == 1 {
			c = append(c, 0)
		}
		return c
	}
	vp8x := []byte{0x08, 0, 0, 0} // EXIF flag
	vp8x = append(vp8x, le.AppendUint32(nil, uint32(w-1))[:3]...)
	vp8x = append(vp8x, le.AppendUint32(nil, uint32(h-1))[:3]...)
	body := []byte("WEBP")
	body = append(body, chunk("VP8X", vp8x)...)
	body = append(body, simple[12:]...) // the VP8 chunk as it was
	body = append(body, chunk("EXIF", exifTIFF(orient))...)
	return append(append([]byte("RIFF"), le.AppendUint32(nil, uint32(len(body)))...), body...)
}

// storedKeys lists every object in s.
func storedKeys(t *testing.T, s Store) []string {
	t.Helper()
	var keys []string
	if err := s.Walk(context.Background(), "", func(oi ObjectInfo) error {
		keys = append(keys, oi.Key)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return keys
}

// readVariant returns a stored variant's bytes.
func readVariant(t *testing.T, s Store, key string) []byte {
	t.Helper()
	obj, _, err := s.Get(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(obj); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkClean fails if a served file carries EXIF, XMP or the test GPS bytes.
func checkClean(t *testing.T, data []byte) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("RIFF")) || string(data[8:12]) != "WEBP" {
		t.Fatalf("not a WebP file: % x", data[:min(16, len(data))])
	}
	for i := 12; i+8 <= len(data); {
		id := string(data[i : i+4])
		if id != "VP8 " && id != "VP8L" && id != "VP8X" && id != "ALPH" {
			t.Errorf("unexpected %q chunk (metadata?)", id)
		}
		n := int(binary.LittleEndian.Uint32(data[i+4:]))
		i += 8 + n + n&1
	}
	for _, leak := range [][]byte{[]byte("Exif"), []byte("EXIF"), {0xFF, 0xE1}, gpsLatitude, gpsLongitude, []byte("MM\x00\x2a")} {
		if bytes.Contains(data, leak) {
			t.Errorf("variant contains % x", leak)
		}
	}
}
