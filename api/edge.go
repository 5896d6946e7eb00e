package api

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ganh-market/ganh/safetext"
	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// refuseUnsafeText is the one place a request is checked for text no part
// of the service can take (safetext: NUL bytes, bytes that are not UTF-8).
// It runs before every route of the app, the API's and the pages' alike, and
// refuses such a request with 422 validation_failed naming the part at
// fault: the query parameter, the form field, the JSON field path
// ("items[1].variant_id"), the header (cookies are the Cookie header), or
// "path". The error handler shows it as problem+json or as a page.
func refuseUnsafeText(c *fiber.Ctx) error {
	if field := unsafeField(c.Request()); field != "" {
		return safetext.Refuse(field)
	}
	return c.Next()
}

// unsafeField names the first part of req holding unsafe text, or "".
func unsafeField(req *fasthttp.Request) string {
	if !safetext.ValidBytes(req.URI().Path()) { // percent-decoded
		return "path"
	}
	if f := unsafeArg(req.URI().QueryArgs(), "query"); f != "" {
		return f
	}
	var header string
	req.Header.VisitAll(func(k, v []byte) {
		if header == "" && !safetext.ValidBytes(v) {
			header = string(k)
		}
	})
	if header != "" {
		return header
	}
	return unsafeBody(req)
}

// unsafeArg names the first argument whose value is unsafe; an argument
// whose very name is unsafe is called what ("query", "form").
func unsafeArg(args *fasthttp.Args, what string) string {
	var field string
	args.VisitAll(func(k, v []byte) {
		switch {
		case field != "":
		case !safetext.ValidBytes(k):
			field = what
		case !safetext.ValidBytes(v):
			field = string(k)
		}
	})
	return field
}

// unsafeBody checks the text a body carries: JSON strings, form fields
// (multipart text fields included). A body streamed to its handler is not
// read here.
func unsafeBody(req *fasthttp.Request) string {
	if req.IsBodyStream() || len(req.Body()) == 0 {
		return ""
	}
	mt, params, err := mime.ParseMediaType(string(req.Header.ContentType()))
	switch {
	case err != nil:
		return ""
	case mt == fiber.MIMEApplicationJSON || strings.HasSuffix(mt, "+json"):
		return unsafeJSON(req.Body())
	case mt == fiber.MIMEApplicationForm:
		return unsafeArg(req.PostArgs(), "form")
	case mt == fiber.MIMEMultipartForm:
		return unsafeMultipart(req.Body(), params["boundary"])
	}
	return ""
}

// unsafeMultipart checks the text fields of a multipart body. File parts
// are skipped unread: this runs before anyone is known to be allowed to
// upload, and files are the media pipeline's to check.
func unsafeMultipart(body []byte, boundary string) string {
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := mr.NextPart()
		if err != nil {
			return "" // the end, or a malformed form its handler answers
		}
		if part.FileName() != "" {
			continue
		}
		value, err := io.ReadAll(io.LimitReader(part, maxJSONBody))
		switch {
		case err != nil:
			return ""
		case !safetext.Valid(part.FormName()):
			return "form"
		case !safetext.ValidBytes(value):
			return part.FormName()
		}
	}
}

// jsonLevel is one open object or array while walking a JSON body.
type jsonLevel struct {
	object  bool
	wantKey bool   // object: the next string is a key
	key     string // object: the key of the value being read
	index   int    // array: the index of the value being read
}

// unsafeJSON returns the path of the first JSON string (value or key) that
// holds a NUL (\u0000) or bytes that are not UTF-8, such as "name" or
// "items[1].variant_id"; "" when there is none, or when the body is not
// JSON (decodeJSON answers that). encoding/json would turn such bytes into
// U+FFFD silently, so each string is checked in the raw body.
func unsafeJSON(body []byte) string {
	if utf8.Valid(body) && !bytes.Contains(body, []byte(`\u0000`)) {
		return "" // the common case, in one pass
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var levels []jsonLevel
	var last int64
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		raw := body[last:dec.InputOffset()]
		last = dec.InputOffset()
		s, isString := tok.(string)
		unsafe := isString && (!utf8.Valid(raw) || strings.IndexByte(s, 0) >= 0)
		top := len(levels) - 1
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			levels = levels[:top]
			continue
		}
		if top >= 0 && levels[top].object && levels[top].wantKey {
			if unsafe {
				return jsonPath(levels[:top], "body")
			}
			levels[top].key, levels[top].wantKey = s, false
			continue
		}
		if top >= 0 { // a value: the next thing in its object is a key
			if levels[top].object {
				levels[top].wantKey = true
			} else {
				levels[top].index++
			}
		}
		switch tok {
		case json.Delim('{'):
			levels = append(levels, jsonLevel{object: true, wantKey: true})
		case json.Delim('['):
			levels = append(levels, jsonLevel{index: -1})
		}
		if unsafe {
			return jsonPath(levels, "body")
		}
	}
}

// jsonPath writes the path of the value being read at the innermost level,
// the way validation errors name fields; whole is the name of the top.
func jsonPath(levels []jsonLevel, whole string) string {
	var b strings.Builder
	for _, l := range levels {
		if !l.object {
			b.WriteString("[" + strconv.Itoa(l.index) + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(l.key)
	}
	if b.Len() == 0 {
		return whole
	}
	return b.String()
}
