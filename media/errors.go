package media

import (
	"fmt"

	"github.com/ganh-market/ganh/apperr"
)

// Limits of an upload (API.md: POST /products/{id}/images).
const (
	// MaxUploadBytes is the largest file accepted.
	MaxUploadBytes = 20 << 20
	// MaxPixels is the most pixels a photo may have. It bounds decoding
	// memory: see Processor.
	MaxPixels = 50_000_000
)

// The failures a person uploading a photo can see. Each call makes a fresh
// error so that callers may attach causes without sharing state.

func errTooLarge() error {
	return apperr.New(apperr.KindTooLarge, apperr.CodeTooLarge, "Ảnh quá lớn (tối đa 20 MB).")
}

func errUnsupported() error {
	return apperr.New(apperr.KindUnsupportedMedia, apperr.CodeUnsupportedMedia,
		"Chỉ nhận ảnh JPEG, PNG hoặc WebP.")
}

func errTooManyPixels(w, h int) error {
	return apperr.Field("file", fmt.Sprintf("Ảnh có quá nhiều điểm ảnh (%d×%d); tối đa 50 megapixel.", w, h))
}

func errUnreadable(cause error) error {
	e := apperr.Field("file", "Không đọc được ảnh: tệp bị hỏng hoặc không trọn vẹn.")
	e.Err = cause
	return e
}

func errEmpty() error {
	return apperr.Field("file", "Tệp ảnh trống.")
}

func errBusy(cause error) error {
	e := apperr.New(apperr.KindUnavailable, apperr.CodeUnavailable,
		"Máy chủ đang bận xử lý ảnh, xin thử lại sau ít phút.")
	e.Err = cause
	return e
}

// errStore is a store that would not take an upload's files (full, read-only
// or unreachable): the server's trouble, and worth trying again later.
func errStore(cause error) error {
	e := apperr.New(apperr.KindUnavailable, apperr.CodeUnavailable,
		"Kho ảnh đang gặp sự cố nên chưa lưu được ảnh, xin thử lại sau ít phút.")
	e.Err = cause
	return e
}
