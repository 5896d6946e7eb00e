package vietqr

import (
	"testing"
	"unicode"
)

func TestNormalizeNote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"GN-7K3F9Q", "GN-7K3F9Q"},
		{"Đơn hàng GN-7K3F9Q", "Don hang GN-7K3F9Q"},
		{"Cơm cháy chà bông", "Com chay cha bong"},
		{"TRẦN THỊ ỮNG Ỳ", "TRAN THI UNG Y"},
		{"Thanh toa\u0301n đơn", "Thanh toan don"}, // decomposed tone mark
		{"  a \t\n b  ", "a b"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeNote(tt.in); got != tt.want {
			t.Errorf("NormalizeNote(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Every Vietnamese letter with a diacritic, in both cases, folds to ASCII.
func TestNormalizeNote_AllVietnameseLetters(t *testing.T) {
	for _, accented := range vietnameseFolds {
		for _, r := range accented {
			for _, s := range []string{string(r), string(unicode.ToUpper(r))} {
				got := NormalizeNote(s)
				if len(got) != 1 || got[0] >= 0x80 {
					t.Errorf("NormalizeNote(%q) = %q, want one ASCII letter", s, got)
				}
			}
		}
	}
	if got := NormalizeNote("ĐẶNG"); got != "DANG" {
		t.Errorf("NormalizeNote(ĐẶNG) = %q", got)
	}
}
