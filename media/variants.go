package media

import (
	"bytes"
	"image"
	"math"

	"github.com/disintegration/imaging"
	"github.com/gen2brain/webp"
)

// Variant names one of the sizes the storefront serves (API.md, Image fields).
type Variant string

// The variants, smallest first.
const (
	Thumb  Variant = "thumb"
	Medium Variant = "medium"
	Large  Variant = "large"
)

// allVariants lists the variants from largest to smallest: the order they are
// made in, each from the one before.
func allVariants() [3]Variant { return [3]Variant{Large, Medium, Thumb} }

// MaxSide is the longest side, in pixels, the variant is fitted into.
func (v Variant) MaxSide() int {
	switch v {
	case Thumb:
		return 400
	case Medium:
		return 1024
	default:
		return 2048
	}
}

// Encoding: WebP through gen2brain/webp, which runs libwebp compiled to pure
// Go when no libwebp.so is installed (the CI machine has none). Measured with
// BenchmarkPipelineSteps on one core of the 2-core CI machine, from a
// 4000×3000 JPEG q90 of 5.1 MB:
//
//	step                              time    output
//	decode JPEG                       198 ms
//	resize to 2048 Catmull-Rom        310 ms  (Lanczos 375 ms, Linear 231 ms)
//	WebP q78 2048×1536 method 0/2/4   235 / 465 / 1253 ms   366 / 351 / 357 KB
//	WebP q78 1024×768  method 0/2/4    48 / 104 /  253 ms    37 /  37 /  35 KB
//	WebP q78  400×300  method 0/2/4     8 /  15 /   38 ms   7.1 / 6.9 / 6.4 KB
//	JPEG q82 2048×1536                101 ms                528 KB
//
// libwebp's default method 4 on all three variants would spend 1.5 s on
// encoding alone, the whole budget. Above method 0 the large and medium
// variants gain under 5 %, the thumbnail 10 % for 30 ms; thumbnails fill the
// listing pages, so only they get method 4. JPEG would be faster still but
// 45 % larger at a similar look and without transparency, so WebP it is.
const (
	variantExt         = "webp"
	variantContentType = "image/webp"
	webpQuality        = 78
)

// webpMethod is libwebp's speed/size trade-off (0 fast … 6 small) for v.
func (v Variant) webpMethod() int {
	if v == Thumb {
		return 4
	}
	return 0
}

// fit returns w×h scaled down (never up) so that its longest side is at most
// limit, keeping the aspect ratio and at least one pixel each way.
func fit(w, h, limit int) (int, int) {
	if w <= limit && h <= limit {
		return w, h
	}
	s := float64(limit) / float64(max(w, h))
	fw := int(math.Round(float64(w) * s))
	fh := int(math.Round(float64(h) * s))
	return min(limit, max(1, fw)), min(limit, max(1, fh))
}

// rendered is one encoded variant ready to store.
type rendered struct {
	variant       Variant
	data          []byte
	width, height int
}

// render makes every variant of src, upright, as encoded bytes. Each variant
// is resized from the previous (larger) one, so only the first resize reads
// the full original; the turn is applied after resizing for the same reason.
func render(src image.Image, o orientation) ([]rendered, error) {
	out := make([]rendered, 0, 3)
	cur := src
	for _, v := range allVariants() {
		b := cur.Bounds()
		w, h := fit(b.Dx(), b.Dy(), v.MaxSide())
		if w != b.Dx() || h != b.Dy() {
			// Catmull-Rom: Lanczos-like sharpness at two thirds of the cost.
			cur = imaging.Resize(cur, w, h, imaging.CatmullRom)
		}
		upright := o.apply(cur)
		var buf bytes.Buffer
		if err := webp.Encode(&buf, upright, webp.Options{Quality: webpQuality, Method: v.webpMethod()}); err != nil {
			return nil, err
		}
		ub := upright.Bounds()
		out = append(out, rendered{variant: v, data: buf.Bytes(), width: ub.Dx(), height: ub.Dy()})
	}
	return out, nil
}
