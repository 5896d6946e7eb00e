package media

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/ganh-market/ganh/apperr"
)

func TestProcessRejects(t *testing.T) {
	good := encodeJPEG(t, noisePhoto(640, 480, 7), 85)
	var gifBuf, pngBuf bytes.Buffer
	if err := gif.Encode(&gifBuf, image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.Black, color.White}), nil); err != nil {
		t.Fatal(err)
	}
	_ = png.Encode(&pngBuf, noisePhoto(64, 64, 3))
	for _, tc := range []struct {
		name  string
		input []byte
		kind  apperr.Kind
		code  string
	}{
		{"GIF", gifBuf.Bytes(), apperr.KindUnsupportedMedia, apperr.CodeUnsupportedMedia},
		{"Text", []byte("hello, this is not a photo\n"), apperr.KindUnsupportedMedia, apperr.CodeUnsupportedMedia},
		{"SVG", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>`), apperr.KindUnsupportedMedia, apperr.CodeUnsupportedMedia},
		{"HTML", []byte("<html><body><img src=x onerror=alert(1)></body></html>"), apperr.KindUnsupportedMedia, apperr.CodeUnsupportedMedia},
		{"Empty", nil, apperr.KindInvalid, apperr.CodeValidation},
		{"TooManyPixels", forgedPNG(10000, 6000), apperr.KindInvalid, apperr.CodeValidation},
		{"ZeroSize", forgedPNG(0, 10), apperr.KindInvalid, apperr.CodeValidation},
		{"TruncatedJPEG", good[:len(good)*6/10], apperr.KindInvalid, apperr.CodeValidation},
		{"JPEGHeaderOnly", good[:700], apperr.KindInvalid, apperr.CodeValidation},
		{"JPEGSignatureOnly", good[:3], apperr.KindInvalid, apperr.CodeValidation},
		{"TruncatedPNG", pngBuf.Bytes()[:pngBuf.Len()/2], apperr.KindInvalid, apperr.CodeValidation},
		{"GarbageAfterJPEGSignature", append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, bytes.Repeat([]byte{0x13}, 2000)...), apperr.KindInvalid, apperr.CodeValidation},
		{"TruncatedWebP", []byte("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"), apperr.KindInvalid, apperr.CodeValidation},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newDiskStore(t)
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := NewProcessor(s, ProcessorOptions{}).Process(context.Background(), bytes.NewReader(tc.input))
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			e := wantKind(t, err, tc.kind, tc.code)
			if tc.kind == apperr.KindInvalid && (len(e.Fields) != 1 || e.Fields[0].Field != "file") {
				t.Errorf("fields %+v, want one on \"file\"", e.Fields)
			}
			for _, msg := range append([]string{e.Message}, fieldMessages(e)...) {
				if !strings.ContainsAny(msg, "ảạấầẩẫậắằẳẵặẻẽẹếềểễệỉịỏọốồổỗộớờởỡợủụứừửữựỳỷỹỵđá") {
					t.Errorf("message %q is not Vietnamese", msg)
				}
			}
			if tc.name == "TooManyPixels" {
				if grew := after.TotalAlloc - before.TotalAlloc; grew > 8<<20 {
					t.Errorf("allocated %d MB refusing a forged header; pixels were decoded", grew>>20)
				}
			}
			if keys := storedKeys(t, s); len(keys) != 0 {
				t.Errorf("a failed upload left %v", keys)
			}
		})
	}
}

func fieldMessages(e *apperr.Error) []string {
	var m []string
	for _, f := range e.Fields {
		m = append(m, f.Message)
	}
	return m
}

func TestProcessTooLarge(t *testing.T) {
	for _, tc := range []struct {
		name     string
		r        interface{ bytesRead() int64 }
		maxRead  int64
		seekable bool
	}{
		{"Stream", &countingReader{size: MaxUploadBytes + 1}, MaxUploadBytes + 1, false},
		{"EndlessStream", &countingReader{size: 1 << 40}, MaxUploadBytes + 1, false},
		{"Seekable", &seekingCounter{countingReader{size: MaxUploadBytes + 1}}, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newDiskStore(t)
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := NewProcessor(s, ProcessorOptions{}).Process(context.Background(), tc.r.(io.Reader))
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			e := wantKind(t, err, apperr.KindTooLarge, apperr.CodeTooLarge)
			if !strings.Contains(e.Message, "20 MB") {
				t.Errorf("message %q does not give the limit", e.Message)
			}
			if n := tc.r.bytesRead(); n > tc.maxRead {
				t.Errorf("read %d bytes, want at most %d", n, tc.maxRead)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > MaxUploadBytes+1+(1<<20) {
				t.Errorf("allocated %d MB refusing a too-large upload", grew>>20)
			}
			if keys := storedKeys(t, s); len(keys) != 0 {
				t.Errorf("left %v", keys)
			}
		})
	}
}

func TestReadUploadLimit(t *testing.T) {
	const limit = 2000
	jpg := encodeJPEG(t, noisePhoto(64, 64, 1), 90)
	for _, tc := range []struct {
		name    string
		size    int
		seek    bool
		wantErr bool
		dataEOF bool // the last read brings data and io.EOF together, as a multipart part may
	}{
		{"BelowLimit", limit - 1, false, false, false},
		{"AtLimit", limit, false, false, false},
		{"OverLimit", limit + 1, false, true, false},
		{"AtLimitSeekable", limit, true, false, false},
		{"OverLimitSeekable", limit + 1, true, true, false},
		{"Short", 100, false, false, false},
		{"ShortSeekable", 100, true, false, false},
		{"OverLimitDataWithEOF", limit + 1, false, true, true},
		{"AtLimitDataWithEOF", limit, false, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := append([]byte{}, jpg...)
			for len(data) < tc.size {
				data = append(data, jpg...)
			}
			data = data[:tc.size]
			var r io.Reader = bytes.NewReader(data)
			if !tc.seek {
				r = struct{ io.Reader }{r}
			}
			if tc.dataEOF {
				r = iotest.DataErrReader(r)
			}
			got, format, err := readUpload(r, limit)
			if tc.wantErr {
				wantKind(t, err, apperr.KindTooLarge, apperr.CodeTooLarge)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			all, _ := io.ReadAll(got.reader())
			if format != "jpeg" || !bytes.Equal(all, data) || got.size != int64(len(data)) {
				t.Fatalf("got %d bytes, %q", len(all), format)
			}
			held := 0
			for _, c := range got.chunks {
				held += cap(c)
			}
			if held > limit+1 {
				t.Errorf("buffers hold %d bytes, over limit+1", held)
			}
		})
	}
}
