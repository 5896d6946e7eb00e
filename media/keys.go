package media

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
)

// Key shapes. Every store accepts only these, so a key can never name a file
// outside the store's folder, whatever a caller passes in:
//
//	img/<sha256 hex>/<variant>.<ext>   a processed variant (content-addressed)
//	incoming/<id>                      a browser's direct upload awaiting processing
const (
	imagePrefix    = "img/"
	incomingPrefix = "incoming/"
	maxIncomingID  = 64
)

// ValidateKey returns an error wrapping ErrInvalidKey unless key has one of the
// shapes above.
func ValidateKey(key string) error {
	switch {
	case strings.HasPrefix(key, imagePrefix):
		rest := key[len(imagePrefix):]
		hash, file, ok := strings.Cut(rest, "/")
		if ok && isHash(hash) && isVariantFile(file) {
			return nil
		}
	case strings.HasPrefix(key, incomingPrefix):
		id := key[len(incomingPrefix):]
		if len(id) > 0 && len(id) <= maxIncomingID && isIDChars(id) {
			return nil
		}
	}
	return fmt.Errorf("%w: %q", ErrInvalidKey, key)
}

// validatePrefix accepts a Walk prefix: empty, or made only of key characters
// with no "..", so a prefix cannot leave the store either.
func validatePrefix(prefix string) error {
	if strings.Contains(prefix, "..") || strings.HasPrefix(prefix, "/") || strings.Contains(prefix, "//") {
		return fmt.Errorf("%w: prefix %q", ErrInvalidKey, prefix)
	}
	for _, c := range prefix {
		if !isIDChar(c) && c != '/' && c != '.' {
			return fmt.Errorf("%w: prefix %q", ErrInvalidKey, prefix)
		}
	}
	return nil
}

// NewIncomingKey returns a fresh, unguessable key for a direct upload.
func NewIncomingKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	return incomingPrefix + hex.EncodeToString(b[:])
}

// VariantKey is where the variant v of the image whose original bytes hash to
// hash is stored.
func VariantKey(hash string, v Variant) string {
	return imagePrefix + hash + "/" + string(v) + "." + variantExt
}

// HashPrefix is the prefix shared by every object of one image.
func HashPrefix(hash string) string { return imagePrefix + hash + "/" }

// hashOfKey returns the sha256 part of an image key, or "".
func hashOfKey(key string) string {
	rest, ok := strings.CutPrefix(key, imagePrefix)
	if !ok {
		return ""
	}
	hash, _, ok := strings.Cut(rest, "/")
	if !ok || !isHash(hash) {
		return ""
	}
	return hash
}

func isHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func isVariantFile(file string) bool {
	name, ext, ok := strings.Cut(file, ".")
	if !ok || (ext != "webp" && ext != "jpg") {
		return false
	}
	for _, v := range allVariants() {
		if name == string(v) {
			return true
		}
	}
	return false
}

func isIDChars(s string) bool {
	for _, c := range s {
		if !isIDChar(c) {
			return false
		}
	}
	return true
}

func isIDChar(c rune) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}
