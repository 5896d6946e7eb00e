package vietqr

import (
	"strings"
	"unicode"
)

// vietnameseFolds maps each plain letter to the Vietnamese letters with
// diacritics that fold to it. Bank apps reject or mangle non-ASCII transfer
// notes, so "Đơn hàng" must travel as "Don hang".
var vietnameseFolds = map[rune]string{
	'a': "àáảãạăằắẳẵặâầấẩẫậ",
	'd': "đ",
	'e': "èéẻẽẹêềếểễệ",
	'i': "ìíỉĩị",
	'o': "òóỏõọôồốổỗộơờớởỡợ",
	'u': "ùúủũụưừứửữự",
	'y': "ỳýỷỹỵ",
}

// fold is vietnameseFolds turned around, with upper case added.
var fold = func() map[rune]rune {
	m := make(map[rune]rune)
	for plain, accented := range vietnameseFolds {
		for _, r := range accented {
			m[r] = plain
			m[unicode.ToUpper(r)] = unicode.ToUpper(plain)
		}
	}
	return m
}()

// NormalizeNote turns a transfer note into the form Payload puts in the code:
// Vietnamese diacritics removed (precomposed letters, and combining marks as
// some keyboards type them), runs of white space made one space, ends trimmed.
// Callers show this same string beside the QR so the shopper can type it.
// It does not check length or characters; Payload does.
func NormalizeNote(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining tone or vowel mark of decomposed text
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if f, ok := fold[r]; ok {
			r = f
		}
		b.WriteRune(r)
	}
	return b.String()
}
