package safetext_test

import (
	"testing"

	"github.com/ganh-market/ganh/safetext"
)

func TestValid(t *testing.T) {
	for s, want := range map[string]bool{
		"": true, "Gạo nếp cái hoa vàng": true, "a\tb\nc": true,
		"a\x00b": false, "\xff": false, "\xc3\x28": false, "\xed\xa0\x80": false, // a UTF-16 surrogate
	} {
		if safetext.Valid(s) != want || safetext.ValidBytes([]byte(s)) != want {
			t.Errorf("Valid(%q) = %v, want %v", s, !want, want)
		}
	}
}
