package addresses

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/places"
)

// Input is the body of POST /me/addresses. Commune is the commune's code or
// its exact name within the province (places.Resolve).
type Input struct {
	RecipientName string `json:"recipient_name"`
	Phone         string `json:"phone"`
	Province      string `json:"province"`
	Commune       string `json:"commune"`
	Street        string `json:"street"`
	IsDefault     bool   `json:"is_default"`
}

// Patch is the body of PATCH /me/addresses/{id}: only the fields present
// change. The default moves with POST /me/addresses/{id}/default.
type Patch struct {
	RecipientName *string `json:"recipient_name"`
	Phone         *string `json:"phone"`
	Province      *string `json:"province"`
	Commune       *string `json:"commune"`
	Street        *string `json:"street"`
}

func (in *Input) patch() *Patch {
	return &Patch{RecipientName: &in.RecipientName, Phone: &in.Phone, Province: &in.Province,
		Commune: &in.Commune, Street: &in.Street}
}

// apply validates the patch onto r, collecting every problem at once.
func (in *Patch) apply(r *row) error {
	var p []apperr.FieldError
	add := func(field, msg string) { p = append(p, apperr.FieldError{Field: field, Message: msg}) }
	text := func(field, s string, max int) string {
		s = strings.TrimSpace(s)
		switch n := utf8.RuneCountInString(s); {
		case n == 0:
			add(field, "Không được để trống.")
		case n > max:
			add(field, "Tối đa "+strconv.Itoa(max)+" ký tự.")
		}
		return s
	}
	if in.RecipientName != nil {
		r.RecipientName = text("recipient_name", *in.RecipientName, 100)
	}
	if in.Phone != nil {
		phone, err := accounts.NormalizePhone(*in.Phone)
		if err != nil {
			msg := "Số điện thoại không hợp lệ."
			if e := apperr.As(err); e != nil && len(e.Fields) > 0 {
				msg = e.Fields[0].Message
			}
			add("phone", msg)
		}
		r.Phone = phone
	}
	if in.Street != nil {
		r.Street = text("street", *in.Street, 300)
	}
	if in.Province != nil || in.Commune != nil {
		prov, commune := r.Province, r.CommuneCode
		if in.Province != nil {
			prov = *in.Province
		}
		if in.Commune != nil {
			commune = *in.Commune
		}
		pl, prob := places.Resolve(prov, commune)
		if prob != nil {
			add(prob.Part, prob.Message)
		} else {
			r.Province, r.Commune, r.CommuneCode = pl.Province.Slug, pl.Commune.Name, pl.Commune.Code
		}
	}
	if len(p) > 0 {
		return apperr.Invalid("", p...)
	}
	return nil
}
