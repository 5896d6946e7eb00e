package sharing_test

import (
	"bytes"
	"image"
	"image/color"
	"testing"
	"time"

	"github.com/ganh-market/ganh/sharing"
	"github.com/gen2brain/webp"
)

// TestPosterEmbedsPhotos: a product photo stored as WebP (as the media
// pipeline stores them) is drawn on the poster; a photo that is not an
// image leaves a grey box instead of failing the poster.
func TestPosterEmbedsPhotos(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	for x := range 400 {
		for y := range 300 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var photo bytes.Buffer
	if err := webp.Encode(&photo, img, webp.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	p := sharing.Poster{Name: "Hợp tác xã Chè Tân Cương", Province: "Thái Nguyên", Link: "https://ganh.vn/hop-tac-xa/che-tan-cuong",
		Made:     time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
		Products: []sharing.PosterProduct{{Name: "Chè búp đặc biệt", PriceVND: 250000, Photo: photo.Bytes()}, {Name: "Chè móc câu", PriceVND: 180000, Photo: []byte("không phải ảnh")}}}
	var with, without bytes.Buffer
	if err := sharing.WritePoster(&with, p); err != nil {
		t.Fatal(err)
	}
	p.Products[0].Photo = nil
	if err := sharing.WritePoster(&without, p); err != nil {
		t.Fatal(err)
	}
	if with.Len() <= without.Len()+1000 {
		t.Errorf("the photo is not in the PDF: %d bytes with it, %d without", with.Len(), without.Len())
	}
}
