package search

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NormalizeText puts text in Unicode NFC. Text pasted from iOS and macOS is
// often decomposed (NFD: "ơ" as "o" + U+031B + …); Bleve's ASCII folding only
// knows precomposed letters, so without this "cơm" typed on an iPhone would
// not match "com". Documents and queries both go through it.
func NormalizeText(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// HasDiacritics reports whether s (NFC) contains any non-ASCII letter, i.e.
// whether the shopper typed Vietnamese marks (đ counts). Only then does an
// exact-form match deserve a ranking boost: "com chay" typed plainly says
// nothing about "cơm cháy" versus "cốm chay".
func HasDiacritics(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// RuneLen counts letters, not bytes: the typo rule speaks of letters.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// NormalizeAll applies NormalizeText to each string, dropping blanks.
func NormalizeAll(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		if s = strings.TrimSpace(NormalizeText(s)); s != "" {
			out = append(out, s)
		}
	}
	return out
}
