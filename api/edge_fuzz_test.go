package api

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzUnsafeJSON: for any JSON body, unsafeJSON names a field exactly when
// the body is not UTF-8 or one of its strings (key or value) holds a NUL.
func FuzzUnsafeJSON(f *testing.F) {
	for _, s := range []string{
		`{"name":"a\u0000b"}`, `{"items":[{"v":"x"},{"v":"\u0000"}]}`, `{"a\u0000":1}`, `"\u0000"`,
		"{\"name\":\"\xff\"}", `{"name":"\\u0000"}`, `[1,"a",{"b":[true,null,"c"]}]`, `{}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		field := unsafeJSON(body)
		if !json.Valid(body) {
			return
		}
		unsafe := !utf8.Valid(body) || holdsNUL(body)
		if unsafe != (field != "") {
			t.Fatalf("unsafeJSON(%q) = %q, want unsafe=%v", body, field, unsafe)
		}
	})
}

// holdsNUL says whether a string token (key or value, duplicates
// included) of a valid JSON body holds a NUL.
func holdsNUL(body []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if s, ok := tok.(string); ok && strings.IndexByte(s, 0) >= 0 {
			return true
		}
	}
}
