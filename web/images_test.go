package web

import (
	"testing"

	"github.com/ganh-market/ganh/catalog"
)

func TestSrcset(t *testing.T) {
	img := catalog.Image{Width: 1536, Height: 2048, Variants: catalog.ImageVariants{Thumb: "/t.webp", Medium: "/m.webp", Large: "/l.webp"}}
	if got, want := string(srcset(img)), "/t.webp 300w, /m.webp 768w, /l.webp 1536w"; got != want {
		t.Errorf("srcset = %q, want %q", got, want)
	}
	small := catalog.Image{Width: 300, Height: 200, Variants: img.Variants}
	if got, want := string(srcset(small)), "/t.webp 300w"; got != want {
		t.Errorf("srcset of a small photo = %q, want %q", got, want)
	}
}
