package vietqr

import (
	qrcode "github.com/skip2/go-qrcode"

	"github.com/ganh-market/ganh/apperr"
)

// PNG size limits: below MinPNGSize a ~130-byte payload has fewer than two
// pixels per module and phones misread it; above MaxPNGSize is waste.
const (
	MinPNGSize = 128
	MaxPNGSize = 1024
)

// PNG draws payload as a size×size pixel QR code with medium (15 %) error
// recovery, which tolerates a smudged or partly glared screen while keeping the
// code coarse enough for cheap phone cameras.
func PNG(payload string, size int) ([]byte, error) {
	if payload == "" {
		return nil, apperr.Field("payload", "Thiếu nội dung mã QR.")
	}
	if size < MinPNGSize || size > MaxPNGSize {
		return nil, apperr.Field("size", "Kích thước ảnh QR phải từ 128 đến 1024 điểm ảnh.")
	}
	b, err := qrcode.Encode(payload, qrcode.Medium, size)
	if err != nil {
		return nil, apperr.Wrap(err, "vietqr: encode png")
	}
	return b, nil
}
