// Package textfold folds Vietnamese text for matching: what people type
// without diacritics ("coi kim son", "vietcombank") finds names written with
// them. It is the one folding rule of the marketplace, used by the catalogue's
// search and slugs and by the reference lists (banks, places).
package textfold

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s and removes Vietnamese diacritics; đ becomes d. Text
// pasted in decomposed form (NFD, as phones often send it) folds to the
// same string as precomposed text.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
