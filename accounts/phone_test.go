package accounts

import (
	"testing"

	"github.com/ganh-market/ganh/apperr"
)

func TestNormalizePhone(t *testing.T) {
	ok := []struct{ in, want string }{
		{"0912 345 678", "+84912345678"},
		{"84912345678", "+84912345678"},
		{"+84 912-345-678", "+84912345678"},
		{"+84912345678", "+84912345678"},
		{"(091) 234.5678", "+84912345678"},
		{"0388 123 456", "+84388123456"},
		{" 0987654321 ", "+84987654321"},
		{"0567890123", "+84567890123"},
		{"0701234567", "+84701234567"},
		{"0812345678", "+84812345678"},
	}
	for _, c := range ok {
		t.Run(c.in, func(t *testing.T) {
			got, err := NormalizePhone(c.in)
			if err != nil || got != c.want {
				t.Fatalf("NormalizePhone(%q) = %q, %v; want %q", c.in, got, err, c.want)
			}
		})
	}
	bad := []string{
		"", "0912", "091234567", "09123456789", "0212345678", // landline prefix 2
		"0112345678", "+1 415 555 0100", "84 212 345 678", "0912a45678",
		"++84912345678", "0912 345 678 9", "+840912345678", "0912_345_678",
		"０９１２３４５６７８", "0912345678\x00", "841234567890123456789",
	}
	for _, in := range bad {
		t.Run("bad/"+in, func(t *testing.T) {
			got, err := NormalizePhone(in)
			if err == nil {
				t.Fatalf("NormalizePhone(%q) = %q, want an error", in, got)
			}
			if e := apperr.As(err); e == nil || e.Code != apperr.CodeValidation || e.Fields[0].Field != "phone" {
				t.Fatalf("error %v is not a validation error on phone", err)
			}
		})
	}
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"0912 345 678", "84912345678", "+84 912-345-678", "", "+", "0", "((((", "0912345678901234"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := NormalizePhone(in)
		if err != nil {
			return
		}
		if len(got) != 12 || got[:3] != "+84" {
			t.Fatalf("NormalizePhone(%q) = %q: not +84 and nine digits", in, got)
		}
		again, err := NormalizePhone(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q, %v", in, got, again, err)
		}
	})
}
