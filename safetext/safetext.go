// Package safetext is the one rule for text the service takes from outside:
// valid UTF-8 without NUL bytes. PostgreSQL refuses both (a request holding
// them answered 500), SQLite stores them and pages and logs show them
// broken, so such text is refused where it enters: at the HTTP edge (api)
// for everything a request carries, and in the domain for what it decodes
// itself (list cursors).
package safetext

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ganh-market/ganh/apperr"
)

// Valid says whether s is UTF-8 without a NUL byte.
func Valid(s string) bool { return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 }

// ValidBytes says whether b is UTF-8 without a NUL byte.
func ValidBytes(b []byte) bool { return utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 }

// Refuse is the 422 validation_failed for unsafe text in one named part of
// a request (a query parameter, a form field, a JSON path, a header).
func Refuse(field string) error {
	return apperr.Invalid("Dữ liệu gửi lên có ký tự không hợp lệ.", apperr.FieldError{
		Field:   field,
		Message: fmt.Sprintf("«%s» có ký tự không hợp lệ (ký tự NUL hoặc không phải UTF-8).", field),
	})
}
