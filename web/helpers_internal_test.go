package web

import "github.com/ganh-market/ganh/apperr"

// catalogInvalid is a validation error naming fields, as the services make.
func catalogInvalid(fields ...string) error {
	var fe []apperr.FieldError
	for _, f := range fields {
		fe = append(fe, apperr.FieldError{Field: f, Message: "sai " + f})
	}
	return apperr.Invalid("", fe...)
}
