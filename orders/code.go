package orders

import (
	"crypto/rand"
	"math/big"
)

// codeAlphabet has no 0/O and no 1/I/L, which people misread when a code is
// read out over the phone or typed as a bank-transfer note.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// codeLen random characters give 31^6 ≈ 887 million codes: short enough to
// dictate, sparse enough that guessing a code (and its phone) is hopeless.
const codeLen = 6

// CodePrefix starts every order code: GN for Gánh.
const CodePrefix = "GN-"

// newCode returns a fresh random order code such as GN-7K3F9Q. Uniqueness is
// the database's job (a unique index); checkout retries on a collision.
func newCode() string {
	b := make([]byte, codeLen)
	n := big.NewInt(int64(len(codeAlphabet)))
	for i := range b {
		k, err := rand.Int(rand.Reader, n)
		if err != nil {
			panic("orders: crypto/rand failed: " + err.Error())
		}
		b[i] = codeAlphabet[k.Int64()]
	}
	return CodePrefix + string(b)
}

// validCode says whether s could be an order code, so lookups of garbage
// never reach the database.
func validCode(s string) bool {
	if len(s) != len(CodePrefix)+codeLen || s[:len(CodePrefix)] != CodePrefix {
		return false
	}
	for i := len(CodePrefix); i < len(s); i++ {
		ok := false
		for j := 0; j < len(codeAlphabet); j++ {
			if s[i] == codeAlphabet[j] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// NormalizeCode reads an order code the way people hand it back: in any
// case, with the dash dropped (bank apps strip it from a transfer note),
// spaces, dots or dashes anywhere (dictation, a phone's keyboard), with or
// without the GN prefix. It returns the stored form, GN-XXXXXX, or "" when
// s cannot be a code. Every lookup by code (API and pages) goes through it.
func NormalizeCode(s string) string {
	if len(s) > 64 {
		return ""
	}
	const most = len("GN") + codeLen // the prefix without its dash, and the code
	b := make([]byte, 0, most)
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z':
			r -= 'a' - 'A'
			fallthrough
		case 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
			if len(b) == most {
				return ""
			}
			b = append(b, byte(r))
		case r == '-', r == '.', r == '_', r == ' ', r == '\t', r == '\n', r == '\r', r == '\u00a0':
		default:
			return ""
		}
	}
	letters := string(b)
	if len(letters) == most && letters[:2] == "GN" {
		letters = letters[2:]
	}
	code := CodePrefix + letters
	if !validCode(code) {
		return ""
	}
	return code
}
