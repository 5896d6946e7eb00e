package vietqr

import (
	"bytes"
	"image/png"
	"testing"

	"github.com/ganh-market/ganh/apperr"
)

func TestPNG(t *testing.T) {
	payload, err := Payload(Params{BankBIN: "970436", AccountNumber: "1012345678", AmountVND: 125000, Note: "GN-7K3F9Q"})
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{MinPNGSize, 256, 300, MaxPNGSize} {
		b, err := PNG(payload, size)
		if err != nil {
			t.Fatalf("PNG(%d): %v", size, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("PNG(%d) does not decode: %v", size, err)
		}
		if r := img.Bounds(); r.Dx() != size || r.Dy() != size {
			t.Fatalf("PNG(%d) is %dx%d", size, r.Dx(), r.Dy())
		}
	}
}

func TestPNG_Invalid(t *testing.T) {
	for _, tt := range []struct {
		payload string
		size    int
		field   string
	}{
		{"", 256, "payload"},
		{"000201", MinPNGSize - 1, "size"},
		{"000201", MaxPNGSize + 1, "size"},
	} {
		_, err := PNG(tt.payload, tt.size)
		if e := apperr.As(err); e == nil || e.Kind != apperr.KindInvalid || e.Fields[0].Field != tt.field {
			t.Errorf("PNG(%q, %d): want invalid %s, got %v", tt.payload, tt.size, tt.field, err)
		}
	}
}
