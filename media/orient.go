package media

import (
	"bytes"
	"encoding/binary"
	"image"
	"io"

	"github.com/disintegration/imaging"
)

// orientation is the EXIF Orientation tag (1..8; 0 when absent or unreadable).
//
// The pipeline reads it itself instead of decoding with
// imaging.AutoOrientation because it applies the turn after resizing: turning
// the 2048 px large variant costs a sixteenth of turning a 12 MP original, and
// fitting into a square box commutes with turning by 90°.
type orientation int

// Where EXIF is looked for: a JPEG's APP1 segment (at most 64 KiB) comes
// first, right after SOI and perhaps APP0; a WebP's EXIF chunk comes after
// the pixels, anywhere in the file.
const (
	jpegExifWindow = 256 << 10
	maxExifChunk   = 1 << 20
)

// exifOrientation finds the Orientation tag of a JPEG (APP1 "Exif") or a WebP
// (RIFF "EXIF" chunk). Anything malformed simply means "no orientation".
func exifOrientation(u *uploadBuf, format string) orientation {
	switch format {
	case "jpeg":
		return tiffOrientation(jpegExif(u.head(jpegExifWindow)))
	case "webp":
		return tiffOrientation(webpExif(u, u.size))
	}
	return 0
}

// jpegExif returns the TIFF block of the first APP1 Exif segment.
func jpegExif(b []byte) []byte {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return nil
	}
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			return nil
		}
		marker := b[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // start of scan, end of image
			return nil
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			return nil
		}
		seg := b[i+4 : i+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return seg[6:]
		}
		i += 2 + n
	}
	return nil
}

// webpExif returns the TIFF block of a WebP's EXIF chunk, walking the RIFF
// chunk headers without reading the pixels between them.
func webpExif(r io.ReaderAt, size int64) []byte {
	var hdr [12]byte
	if _, err := r.ReadAt(hdr[:], 0); err != nil || string(hdr[:4]) != "RIFF" || string(hdr[8:12]) != "WEBP" {
		return nil
	}
	for off := int64(12); off+8 <= size; {
		if _, err := r.ReadAt(hdr[:8], off); err != nil {
			return nil
		}
		n := int64(binary.LittleEndian.Uint32(hdr[4:8]))
		if off+8+n > size {
			return nil
		}
		if string(hdr[:4]) == "EXIF" {
			if n > maxExifChunk {
				return nil
			}
			b := make([]byte, n)
			if _, err := r.ReadAt(b, off+8); err != nil {
				return nil
			}
			return bytes.TrimPrefix(b, []byte("Exif\x00\x00"))
		}
		off += 8 + n + n&1 // chunks are padded to even sizes
	}
	return nil
}

// tiffOrientation reads tag 0x0112 from IFD0 of a TIFF block.
func tiffOrientation(t []byte) orientation {
	if len(t) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	if bo.Uint16(t[2:]) != 42 {
		return 0
	}
	ifd := int(bo.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > len(t) {
		return 0
	}
	count := int(bo.Uint16(t[ifd:]))
	for e := ifd + 2; count > 0 && e+12 <= len(t); e, count = e+12, count-1 {
		if bo.Uint16(t[e:]) == 0x0112 && bo.Uint16(t[e+2:]) == 3 { // Orientation, SHORT
			if o := orientation(bo.Uint16(t[e+8:])); o >= 1 && o <= 8 {
				return o
			}
			return 0
		}
	}
	return 0
}

// apply turns and mirrors img so that it shows upright.
func (o orientation) apply(img image.Image) image.Image {
	switch o {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img)
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img)
	}
	return img
}
