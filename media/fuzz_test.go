package media

import (
	"bytes"
	"context"
	"image/png"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/gen2brain/webp"
)

// FuzzProcess feeds mutated images to the whole pipeline: whatever the bytes,
// the answer is a stored image or an error the uploader caused (413, 415,
// 422), never a panic or an internal error.
func FuzzProcess(f *testing.F) {
	small := cornerPhoto(24, 16)
	f.Add(withExif(f, encodeJPEG(f, small, 80), 6))
	var p, w bytes.Buffer
	if err := png.Encode(&p, small); err != nil {
		f.Fatal(err)
	}
	f.Add(p.Bytes())
	if err := webp.Encode(&w, small, webp.Options{Quality: 80}); err != nil {
		f.Fatal(err)
	}
	f.Add(w.Bytes())
	f.Add(webpWithExif(f, w.Bytes(), 24, 16, 8))
	f.Add(forgedPNG(10000, 6000))

	s, err := NewDiskStore(f.TempDir(), "http://localhost")
	if err != nil {
		f.Fatal(err)
	}
	proc := NewProcessor(s, ProcessorOptions{Concurrency: 1, Queue: 64})
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := proc.Process(context.Background(), bytes.NewReader(data))
		if err == nil {
			if out.Width <= 0 || out.Height <= 0 || len(out.Variants) != 3 {
				t.Fatalf("stored %+v", out)
			}
			return
		}
		switch apperr.KindOf(err) {
		case apperr.KindTooLarge, apperr.KindUnsupportedMedia, apperr.KindInvalid:
		default:
			t.Fatalf("%v (kind %d)", err, apperr.KindOf(err))
		}
	})
}

// FuzzExifOrientation checks that the hand-written EXIF readers survive any
// input and only ever report a valid orientation.
func FuzzExifOrientation(f *testing.F) {
	f.Add(withExif(f, encodeJPEG(f, cornerPhoto(8, 8), 80), 6))
	f.Add(exifTIFF(3))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, o := range []orientation{
			exifOrientation(bufOf(data), "jpeg"),
			exifOrientation(bufOf(data), "webp"),
			tiffOrientation(data),
		} {
			if o < 0 || o > 8 {
				t.Fatalf("orientation %d", o)
			}
		}
	})
}
