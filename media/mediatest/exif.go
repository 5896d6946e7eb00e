package mediatest

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// GPSLatitude is the GPSLatitude value written into test EXIF: 21°1'42.6" N
// (Hà Nội) as three big-endian RATIONALs. Its 24 bytes are what a leak of the
// location would look like.
var GPSLatitude = rationals(21, 1, 1, 1, 426, 10)

// GPSLongitude is 105°51'15.1" E.
var GPSLongitude = rationals(105, 1, 51, 1, 151, 10)

func rationals(v ...uint32) []byte {
	b := make([]byte, 0, 4*len(v))
	for _, x := range v {
		b = binary.BigEndian.AppendUint32(b, x)
	}
	return b
}

// ExifTIFF builds, by hand, the TIFF block of an EXIF segment: a big-endian
// header, IFD0 with Orientation and a GPSInfo pointer, and a GPS IFD with
// latitude and longitude.
func ExifTIFF(orient uint16) []byte {
	be := binary.BigEndian
	const (
		ifd0    = 8
		ifd0Len = 2 + 2*12 + 4
		gpsIFD  = ifd0 + ifd0Len
		gpsLen  = 2 + 4*12 + 4
		latOff  = gpsIFD + gpsLen
		lonOff  = latOff + 24
	)
	t := []byte("MM\x00\x2a")
	t = be.AppendUint32(t, ifd0)
	entry := func(tag, typ uint16, count uint32, value []byte) {
		t = be.AppendUint16(t, tag)
		t = be.AppendUint16(t, typ)
		t = be.AppendUint32(t, count)
		t = append(t, (append(value, 0, 0, 0, 0))[:4]...)
	}
	u32 := func(v uint32) []byte { return be.AppendUint32(nil, v) }
	t = be.AppendUint16(t, 2)
	entry(0x0112, 3, 1, be.AppendUint16(nil, orient)) // Orientation, SHORT
	entry(0x8825, 4, 1, u32(gpsIFD))                  // GPSInfo, LONG
	t = be.AppendUint32(t, 0)
	t = be.AppendUint16(t, 4)
	entry(0x0001, 2, 2, []byte("N\x00")) // GPSLatitudeRef
	entry(0x0002, 5, 3, u32(latOff))     // GPSLatitude, RATIONAL×3
	entry(0x0003, 2, 2, []byte("E\x00")) // GPSLongitudeRef
	entry(0x0004, 5, 3, u32(lonOff))     // GPSLongitude
	t = be.AppendUint32(t, 0)
	t = append(t, GPSLatitude...)
	return append(t, GPSLongitude...)
}

// WithExif inserts an APP1 Exif segment right after a JPEG's SOI marker, as a
// phone camera writes it.
func WithExif(t testing.TB, jpg []byte, orient uint16) []byte {
	t.Helper()
	if !bytes.HasPrefix(jpg, []byte{0xFF, 0xD8}) {
		t.Fatal("not a JPEG")
	}
	payload := append([]byte("Exif\x00\x00"), ExifTIFF(orient)...)
	seg := []byte{0xFF, 0xE1}
	seg = binary.BigEndian.AppendUint16(seg, uint16(2+len(payload)))
	seg = append(seg, payload...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}
