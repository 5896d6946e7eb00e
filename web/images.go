package web

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/catalog"
)

// Longest sides of the image variants, as API.md fixes them.
var variantSides = []struct {
	side int
	url  func(catalog.ImageVariants) string
}{
	{400, func(v catalog.ImageVariants) string { return v.Thumb }},
	{1024, func(v catalog.ImageVariants) string { return v.Medium }},
	{2048, func(v catalog.ImageVariants) string { return v.Large }},
}

// srcset lists an image's variants with their real widths ("…thumb.webp
// 400w, …medium.webp 1024w"), so a phone downloads the smallest one that
// fills its screen. A variant is never wider than the stored photo.
func srcset(img catalog.Image) template.Srcset {
	var b strings.Builder
	last := 0
	for _, v := range variantSides {
		w := scaledWidth(img.Width, img.Height, v.side)
		if w == last || v.url(img.Variants) == "" {
			continue
		}
		last = w
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(v.url(img.Variants))
		b.WriteString(" ")
		b.WriteString(strconv.Itoa(w))
		b.WriteString("w")
	}
	return template.Srcset(b.String())
}

// scaledWidth is the width of a w×h photo whose longest side was brought
// down to at most side pixels.
func scaledWidth(w, h, side int) int {
	long := max(w, h)
	if long <= side || long == 0 {
		return w
	}
	return max(1, (w*side+long/2)/long)
}
