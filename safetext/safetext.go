// Package safetext is the one rule for text the service takes from outside:
// valid UTF-8 without NUL bytes. PostgreSQL refuses both (a request holding
// them answered 500), SQLite stores them and pages and logs show them
// broken, so such text is refused where it enters: at the HTTP edge (api)
// for everything a request carries, and in the domain for what it decodes
// itself (list cursors).
package safetext

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Valid says whether s is UTF-8 without a NUL byte.
func Valid(s string) bool { return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 }

// ValidBytes says whether b is UTF-8 without a NUL byte.
func ValidBytes(b []byte) bool { return utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 }
