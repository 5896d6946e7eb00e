package media_test

import (
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/media/mediatest"
)

// TestCheckHead: the first bytes of a JPEG, PNG or WebP pass; a PDF, a
// video or HTML is refused as unsupported (415); nothing yet passes.
func TestCheckHead(t *testing.T) {
	jpg := mediatest.Photo(t, 32, 32, 1)
	for _, ok := range [][]byte{jpg[:min(len(jpg), 512)], mediatest.ForgedPNG(10, 10), []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), nil} {
		if err := media.CheckHead(ok); err != nil {
			t.Errorf("%q: %v", ok[:min(len(ok), 12)], err)
		}
	}
	for _, bad := range [][]byte{[]byte("%PDF-1.7\n"), []byte("\x00\x00\x00\x18ftypmp42"), []byte("<!doctype html><p>")} {
		if err := media.CheckHead(bad); apperr.KindOf(err) != apperr.KindUnsupportedMedia {
			t.Errorf("%q: %v, want unsupported media", bad, err)
		}
	}
}
