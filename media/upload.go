package media

import (
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"

	"github.com/ganh-market/ganh/apperr"
	"github.com/gen2brain/webp"
	xwebp "golang.org/x/image/webp"
)

// sniffLen is how much http.DetectContentType looks at.
const sniffLen = 512

// readUpload reads the whole upload, refusing it as soon as it proves to be
// of the wrong type (from its first bytes) or larger than limit; it never
// holds more than limit+1 bytes. If r can seek (a multipart file, a stored
// object), an oversized upload is refused before reading any of it.
func readUpload(r io.Reader, limit int64) (buf *uploadBuf, format string, err error) {
	hint := int64(-1)
	if s, ok := r.(io.Seeker); ok {
		if hint = remaining(s); hint > limit {
			return nil, "", errTooLarge()
		}
	}
	buf = &uploadBuf{}
	err = buf.fill(r, limit, hint, func(head []byte) error {
		if len(head) == 0 {
			return errEmpty()
		}
		if format = sniff(head); format == "" {
			return errUnsupported()
		}
		return nil
	})
	if err != nil {
		if apperr.As(err) == nil {
			err = fmt.Errorf("media: read upload: %w", err)
		}
		return nil, "", err
	}
	return buf, format, nil
}

// remaining is how many bytes a seekable reader has left, or -1.
func remaining(s io.Seeker) int64 {
	cur, err := s.Seek(0, io.SeekCurrent)
	if err != nil {
		return -1
	}
	end, err := s.Seek(0, io.SeekEnd)
	if _, err2 := s.Seek(cur, io.SeekStart); err != nil || err2 != nil {
		return -1
	}
	return end - cur
}

// sniff names the format the first bytes announce, or "" for any format we
// do not take (GIF, SVG, text, …).
func sniff(head []byte) string {
	switch http.DetectContentType(head) {
	case "image/jpeg":
		return "jpeg"
	case "image/png":
		return "png"
	case "image/webp":
		return "webp"
	}
	return ""
}

// decodeConfig reads just the header: the size check happens before any
// pixel buffer exists.
func decodeConfig(u *uploadBuf, format string) (cfg image.Config, err error) {
	defer recoverDecoder(&err)
	r := u.reader()
	switch format {
	case "jpeg":
		return jpeg.DecodeConfig(r)
	case "png":
		return png.DecodeConfig(r)
	case "webp":
		// x/image reads the header in Go; gen2brain's would start a WASM
		// module just for that.
		return xwebp.DecodeConfig(r)
	}
	return image.Config{}, fmt.Errorf("media: no decoder for %q", format)
}

// decode decodes the pixels, without turning them (see orientation).
func decode(u *uploadBuf, format string) (img image.Image, err error) {
	defer recoverDecoder(&err)
	r := u.reader()
	switch format {
	case "jpeg":
		return jpeg.Decode(r)
	case "png":
		return png.Decode(r)
	case "webp":
		return webp.Decode(r)
	}
	return nil, fmt.Errorf("media: no decoder for %q", format)
}

// recoverDecoder turns a decoder panic on hostile input into an error, so a
// bad file is the uploader's 422 and not the server's 500.
func recoverDecoder(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("media: decoder panic: %v", r)
	}
}

// CheckHead refuses, from its first bytes, an upload that cannot be a photo
// we take (415), so a resumable upload of a video or a document is stopped
// at its first piece instead of after 20 MB. An empty head passes: there is
// nothing to judge yet. The pipeline sniffs the whole upload again.
func CheckHead(head []byte) error {
	if len(head) == 0 {
		return nil
	}
	if sniff(head) == "" {
		return errUnsupported()
	}
	return nil
}
