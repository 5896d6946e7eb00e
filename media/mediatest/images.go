// Package mediatest makes the pictures tests upload: photo-like JPEGs that
// compress realistically, and forged headers for the pixel-flood checks.
// It is shared by the media, api and web tests.
package mediatest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"testing"
)

// NoisePhoto is a photo-like w×h picture (gradients, blocks, grain) that JPEG
// cannot squeeze unrealistically small; each seed gives different pixels.
func NoisePhoto(w, h int, seed uint64) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(seed, 1))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			n := rng.IntN(48) - 24
			i := img.PixOffset(x, y)
			img.Pix[i] = clamp8(x*255/w + n)
			img.Pix[i+1] = clamp8(y*255/h + n)
			img.Pix[i+2] = clamp8((x+y)*127/(w+h) + 64 + n + 40*((x/97+y/89)%2))
			img.Pix[i+3] = 255
		}
	}
	return img
}

func clamp8(v int) uint8 { return uint8(min(255, max(0, v))) }

// EncodeJPEG encodes img at quality.
func EncodeJPEG(t testing.TB, img image.Image, quality int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Photo is a photo-like w×h JPEG; each seed gives different bytes, so a
// different content hash.
func Photo(t testing.TB, w, h int, seed uint64) []byte {
	t.Helper()
	return EncodeJPEG(t, NoisePhoto(w, h, seed), 85)
}

// ForgedPNG is a PNG signature and IHDR claiming w×h, with no pixel data.
func ForgedPNG(w, h uint32) []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	ihdr := []byte("IHDR")
	ihdr = binary.BigEndian.AppendUint32(ihdr, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8-bit RGBA
	b = binary.BigEndian.AppendUint32(b, uint32(len(ihdr)-4))
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
}
