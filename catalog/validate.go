package catalog

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ganh-market/ganh/apperr"
)

// problems collects per-field validation failures so a person sees every
// mistake of a form at once.
type problems []apperr.FieldError

func (p *problems) add(field, msg string) {
	*p = append(*p, apperr.FieldError{Field: field, Message: msg})
}

// addErr copies the field errors of an apperr validation error, renaming its
// field to field when given.
func (p *problems) addErr(field string, err error) {
	e := apperr.As(err)
	if e == nil || len(e.Fields) == 0 {
		p.add(field, "Giá trị không hợp lệ.")
		return
	}
	for _, f := range e.Fields {
		if field != "" {
			f.Field = field
		}
		*p = append(*p, f)
	}
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return apperr.Invalid("", p...)
}

// text trims s and checks its length in characters (not bytes: Vietnamese
// letters take two or three bytes each).
func (p *problems) text(field, s string, min, max int) string {
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	switch {
	case n < min && min == 1:
		p.add(field, "Không được để trống.")
	case n < min:
		p.add(field, "Cần ít nhất "+strconv.Itoa(min)+" ký tự.")
	case n > max:
		p.add(field, "Tối đa "+strconv.Itoa(max)+" ký tự.")
	}
	return s
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
