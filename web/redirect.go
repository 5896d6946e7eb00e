package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// maxNext bounds a redirect target taken from a request; no page of the
// site has a longer address.
const maxNext = 2048

// seeOther answers 303 to target, a path on this site. Every redirect of
// the web pages goes through here (a test holds to that), so a target built
// from a request, a tiep= or a back= field can never send a browser to
// another site or break the response's headers; an unsafe target goes home.
// Handlers with a better fallback write cmp.Or(safeNext(x), fallback).
func seeOther(c *fiber.Ctx, target string) error {
	to := safeNext(target)
	if to == "" {
		to = pathHome
	}
	return c.Redirect(to, http.StatusSeeOther)
}

// safeNext keeps only a path on this site, rebuilt from its parsed parts,
// or returns "". It refuses a scheme, a host, a backslash and any control
// byte (below 0x20, or 0x7F) anywhere, before or after unescaping: browsers
// drop tabs and newlines and read "\" as "/", so "/\t/evil.example" or
// "/%5Cevil.example" would lead off the site, and a CR or LF in a Location
// header would start a header of the attacker's. The fragment is dropped.
// The result is a new string, never a view of Fiber's buffers.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || len(next) > maxNext || !plainText(next) {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return ""
	}
	// u.Path is unescaped: "/%2F%2Fevil" is "///evil" here.
	if !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") || !plainText(u.Path) {
		return ""
	}
	query, ok := cleanQuery(u.RawQuery)
	if !ok {
		return ""
	}
	out := (&url.URL{Path: u.Path}).EscapedPath()
	if query != "" {
		return out + "?" + query
	}
	return strings.Clone(out)
}

// cleanQuery re-encodes a query string pair by pair, in its order, and
// says false when a pair does not unescape or holds a byte plainText
// refuses.
func cleanQuery(raw string) (string, bool) {
	if raw == "" {
		return "", true
	}
	var b strings.Builder
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		k, v, hasValue := strings.Cut(part, "=")
		key, err1 := url.QueryUnescape(k)
		val, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil || !plainText(key) || !plainText(val) {
			return "", false
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(key))
		if hasValue {
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(val))
		}
	}
	return b.String(), true
}

// plainText says whether s has no control byte and no backslash.
func plainText(s string) bool {
	for i := range len(s) {
		if ch := s[i]; ch < 0x20 || ch == 0x7f || ch == '\\' {
			return false
		}
	}
	return true
}
