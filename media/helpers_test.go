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

// gpsLatitude is the GPSLatitude value written into test EXIF: 21°1'42.6" N
// (Hà Nội) as three big-endian RATIONALs. Its 24 bytes are what a leak of the
// location would look like.
var gpsLatitude = rationals(21, 1, 1, 1, 426, 10)

// gpsLongitude is 105°51'15.1" E.
var gpsLongitude = rationals(105, 1, 51, 1, 151, 10)

func rationals(v ...uint32) []byte {
	b := make([]byte, 0, 4*len(v))
	for _, x := range v {
		b = binary.BigEndian.AppendUint32(b, x)
	}
	return b
}

// exifTIFF builds, by hand, the TIFF block of an EXIF segment: a big-endian
// header, IFD0 with Orientation and a GPSInfo pointer, and a GPS IFD with
// latitude and longitude.
func exifTIFF(orient uint16) []byte {
	be := binary.BigEndian
	const (
		ifd0    = 8
		ifd0Len = 2 + 2*12 + 4
		gpsIFD  = ifd0 + ifd0Len
		gpsLen  = 2 + 4*12 + 4
		latOff  = gpsIFD + gpsLen
		lonOff  = latOff + 24
	)
	t := []byte("MM\x00\x2a")
	t = be.AppendUint32(t, ifd0)
	entry := func(tag, typ uint16, count uint32, value []byte) {
		t = be.AppendUint16(t, tag)
		t = be.AppendUint16(t, typ)
		t = be.AppendUint32(t, count)
		t = append(t, (append(value, 0, 0, 0, 0))[:4]...)
	}
	u32 := func(v uint32) []byte { return be.AppendUint32(nil, v) }
	t = be.AppendUint16(t, 2)
	entry(0x0112, 3, 1, be.AppendUint16(nil, orient)) // Orientation, SHORT
	entry(0x8825, 4, 1, u32(gpsIFD))                  // GPSInfo, LONG
	t = be.AppendUint32(t, 0)
	t = be.AppendUint16(t, 4)
	entry(0x0001, 2, 2, []byte("N\x00")) // GPSLatitudeRef
	entry(0x0002, 5, 3, u32(latOff))     // GPSLatitude, RATIONAL×3
	entry(0x0003, 2, 2, []byte("E\x00")) // GPSLongitudeRef
	entry(0x0004, 5, 3, u32(lonOff))     // GPSLongitude
	t = be.AppendUint32(t, 0)
	t = append(t, gpsLatitude...)
	return append(t, gpsLongitude...)
}

// withExif inserts an APP1 Exif segment right after a JPEG's SOI marker, as a
// phone camera writes it.
func withExif(t testing.TB, jpg []byte, orient uint16) []byte {
	t.Helper()
	if !bytes.HasPrefix(jpg, []byte{0xFF, 0xD8}) {
		t.Fatal("not a JPEG")
	}
	payload := append([]byte("Exif\x00\x00"), exifTIFF(orient)...)
	seg := []byte{0xFF, 0xE1}
	seg = binary.BigEndian.AppendUint16(seg, uint16(2+len(payload)))
	seg = append(seg, payload...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
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
