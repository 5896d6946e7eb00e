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
