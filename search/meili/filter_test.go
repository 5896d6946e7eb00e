package meili

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ganh-market/ganh/search"
)

// These tests need no server: they parse the filter the way Meilisearch's
// filter-parser does (crates/filter-parser/src/value.rs: quoted_by, then
// unescape of the quote, then Rust-style unescaping) and check that every
// value comes back exactly and that nothing leaks out as syntax.

func TestQuoteFilterValueRoundTrip(t *testing.T) {
	for _, v := range filterNasties() {
		quoted := quoteFilterValue(v)
		got, rest, err := parseMeiliQuoted(quoted)
		if err != nil || rest != "" || got != v {
			t.Errorf("value %q → %s → %q rest %q err %v", v, quoted, got, rest, err)
		}
	}
}

func TestMeiliFilterCannotBeInjected(t *testing.T) {
	for _, v := range filterNasties() {
		if v == "" {
			continue // an empty filter value means "no filter"
		}
		q := search.Query{Category: v, Province: v, Coop: v, OCOPMin: 4, PriceMin: 1000, PriceMax: 90000}
		toks, err := tokenizeMeiliFilter(meiliFilter(q))
		if err != nil {
			t.Fatalf("value %q: %v", v, err)
		}
		want := []filterToken{
			{word: attrCategorySlugs}, {word: "="}, {value: v, quoted: true}, {word: "AND"},
			{word: attrProvinceSlug}, {word: "="}, {value: v, quoted: true}, {word: "AND"},
			{word: attrCoopSlug}, {word: "="}, {value: v, quoted: true}, {word: "AND"},
			{word: attrOCOPStars}, {word: ">="}, {word: "4"}, {word: "AND"},
			{word: attrPriceVND}, {word: ">="}, {word: "1000"}, {word: "AND"},
			{word: attrPriceVND}, {word: "<="}, {word: "90000"},
		}
		if len(toks) != len(want) {
			t.Fatalf("value %q: filter %s parsed into %d tokens %+v", v, meiliFilter(q), len(toks), toks)
		}
		for i := range want {
			if toks[i] != want[i] {
				t.Fatalf("value %q: token %d = %+v, want %+v (filter %s)", v, i, toks[i], want[i], meiliFilter(q))
			}
		}
	}
}

func TestMeiliFilterShapes(t *testing.T) {
	for _, c := range []struct {
		q    search.Query
		want string
	}{
		{search.Query{}, ""},
		{search.Query{Category: "thuc-pham"}, `category_slugs = "thuc-pham"`},
		{search.Query{Province: "ninh-binh", OCOPMin: 3}, `province_slug = "ninh-binh" AND ocop_stars >= 3`},
		{search.Query{PriceMax: 500000}, `price_vnd <= 500000`},
		{search.Query{Coop: `a"b\c`}, `coop_slug = "a\"b\\c"`},
	} {
		if got := meiliFilter(c.q); got != c.want {
			t.Errorf("%+v: got %s, want %s", c.q, got, c.want)
		}
	}
}

func FuzzQuoteFilterValue(f *testing.F) {
	for _, v := range filterNasties() {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if !utf8.ValidString(v) {
			t.Skip()
		}
		got, rest, err := parseMeiliQuoted(quoteFilterValue(v))
		if err != nil || rest != "" || got != v {
			t.Fatalf("value %q → %q rest %q err %v", v, got, rest, err)
		}
	})
}

func filterNasties() []string {
	return []string{
		"",
		"ninh-binh",
		`a" OR province_slug = "x`,
		`a" OR province = "x`,
		`"`, `""`, `\`, `\\`, `\"`, `\\"`, `a\`, `a\\`, `x\" OR 1 = 1 OR "`,
		`') OR (ocop_stars > 0`,
		`] OR category_slugs IN ["x`,
		"Đắk Lắk", "cơm cháy", "bánh đa \"quê\"", "🦀 AND language = rust",
		`\u{41}`, `\n`, "line\nbreak\ttab",
		"NOT", "a' OR 'b",
	}
}

// parseMeiliQuoted reads one double-quoted value at the start of s exactly
// as Meilisearch does and returns it with the rest of s.
func parseMeiliQuoted(s string) (string, string, error) {
	if !strings.HasPrefix(s, `"`) {
		return "", s, errors.New("not quoted")
	}
	body := s[1:]
	escaped := false
	end := -1
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '"' {
			end = i
			break
		}
		if c == '\\' {
			if i+1 >= len(body) {
				return "", "", errors.New("malformed: trailing backslash")
			}
			escaped = escaped || body[i+1] == '"'
			i++
		}
	}
	if end < 0 {
		return "", "", errors.New("missing closing quote")
	}
	raw := body[:end]
	if escaped {
		raw = strings.ReplaceAll(raw, `\"`, `"`)
	}
	v, err := rustUnescape(raw)
	return v, body[end+1:], err
}

// rustUnescape is the subset of the unescaper crate that matters: a
// backslash must start a known escape.
func rustUnescape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 >= len(s) {
			return "", errors.New("incomplete escape")
		}
		i++
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
		case '"':
			b.WriteByte('"')
		case '\'':
			b.WriteByte('\'')
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		default:
			// \u{…} and \x.. would decode to other characters: our
			// quoting must never produce them.
			return "", errors.New("unexpected escape \\" + string(s[i]))
		}
	}
	return b.String(), nil
}

type filterToken struct {
	word   string
	value  string
	quoted bool
}

// tokenizeMeiliFilter splits a filter into words, operators and quoted
// values the way Meilisearch's grammar sees them.
func tokenizeMeiliFilter(s string) ([]filterToken, error) {
	var out []filterToken
	for {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			return out, nil
		}
		switch {
		case s[0] == '"':
			v, rest, err := parseMeiliQuoted(s)
			if err != nil {
				return nil, err
			}
			out = append(out, filterToken{value: v, quoted: true})
			s = rest
		case strings.ContainsRune("<>=!", rune(s[0])):
			n := 1
			if len(s) > 1 && s[1] == '=' {
				n = 2
			}
			out = append(out, filterToken{word: s[:n]})
			s = s[n:]
		case strings.ContainsRune("()[],'", rune(s[0])):
			out = append(out, filterToken{word: s[:1]})
			s = s[1:]
		default:
			n := strings.IndexFunc(s, func(r rune) bool {
				return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '.')
			})
			if n == 0 {
				return nil, errors.New("unexpected character in " + s)
			}
			if n < 0 {
				n = len(s)
			}
			out = append(out, filterToken{word: s[:n]})
			s = s[n:]
		}
	}
}
