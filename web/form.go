package web

import (
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/gofiber/fiber/v2"
)

// formErrors splits a validation error into messages by form field, using
// rename to turn a service's field name ("buyer.phone", "variants[0].stock")
// into the form's input name; messages of fields not on the form go to the
// list shown above it. ok is false when err is not a validation failure.
func formErrors(err error, rename func(string) string) (byField map[string]string, list []string, ok bool) {
	e := apperr.As(err)
	if e == nil || e.Kind != apperr.KindInvalid {
		return nil, nil, false
	}
	byField = map[string]string{}
	for _, f := range e.Fields {
		name := f.Field
		if rename != nil {
			name = rename(name)
		}
		if name == "" {
			list = append(list, f.Message)
			continue
		}
		if prev, dup := byField[name]; dup {
			byField[name] = prev + " " + f.Message
		} else {
			byField[name] = f.Message
		}
	}
	if len(e.Fields) == 0 {
		list = append(list, e.Message)
	}
	return byField, list, true
}

// formValues copies the named fields of a posted form, trimmed, to echo
// them back on a failed form (Fiber's buffers are reused after the handler).
func formValues(c *fiber.Ctx, names ...string) map[string]string {
	value := func(n string) string { return c.FormValue(n) }
	if f := photoForm(c); f != nil { // a form with a photo, streamed (photoPage)
		value = f.Value
	}
	m := make(map[string]string, len(names))
	for _, n := range names {
		m[n] = strings.TrimSpace(strings.Clone(value(n)))
	}
	return m
}

// formInt reads a whole number a person typed, accepting the dots and
// spaces Vietnamese write in prices ("125.000"). ok is false for anything
// else; empty is 0 and ok.
func formInt(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	s = strings.NewReplacer(".", "", " ", "", "\u00a0", "", "₫", "", "đ", "").Replace(s)
	if s == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// numberFields checks that the named form fields hold whole numbers and
// returns them; bad ones get a message under their own name.
func numberFields(form map[string]string, errs map[string]string, names ...string) map[string]int64 {
	out := make(map[string]int64, len(names))
	for _, n := range names {
		v, ok := formInt(form[n])
		if !ok {
			errs[n] = tr("form.number")
			continue
		}
		out[n] = v
	}
	return out
}
