package media

import (
	"image"
	"image/color"
)

// encoderMemory is what the WebP encoder works in while it encodes the
// large variant, on top of the variant's own pixels.
const encoderMemory = 16 << 20

// decodeCost estimates, from the header alone, the most memory an upload
// holds while it is decoded and rendered: the upload itself, the decoded
// pixels, the resize's intermediate image (the large variant's width × the
// original's height) and the large variant, and the encoder's working
// memory. Measured against the Go heap while Process ran (JPEG 12 MP,
// PNG 8- and 16-bit up to 49 MP, WebP), it was never under and at most a
// fifth over.
func decodeCost(size int64, format string, cfg image.Config, interlaced bool) int64 {
	w, h := int64(cfg.Width), int64(cfg.Height)
	lw, lh := fit(cfg.Width, cfg.Height, Large.MaxSide())
	pixels := w * h * bytesPerPixel(format, cfg.ColorModel)
	if interlaced {
		pixels *= 2 // image/png decodes each of the seven passes into an image of its own first
	}
	return size + pixels + 4*int64(lw)*h + 4*int64(lw)*int64(lh) + encoderMemory
}

// bytesPerPixel is what the decoder of format allocates per pixel for an
// image of colour model m.
func bytesPerPixel(format string, m color.Model) int64 {
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	switch format {
	case "jpeg":
		switch m {
		case color.GrayModel:
			return 1
		case color.CMYKModel:
			return 4
		}
		return 3 // YCbCr; 4:2:0 takes half of that, but the header does not say
	case "png":
		switch m {
		case color.GrayModel:
			return 1
		case color.Gray16Model:
			return 2
		case color.RGBAModel, color.NRGBAModel:
			return 4
		}
		return 8 // 16-bit colour
	}
	return 8 // WebP: the decoded image and the decoder's own copy
}

// pngInterlaced reads the interlace method from a PNG's IHDR chunk, which
// always comes first.
func pngInterlaced(head []byte) bool {
	const interlaceAt = 8 + 8 + 12 // signature, chunk length and type, then width, height, depth, colour, compression, filter
	return len(head) > interlaceAt && head[interlaceAt] == 1
}
