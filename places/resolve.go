package places

import (
	"strings"
	"unicode/utf8"

	"github.com/ganh-market/ganh/textfold"
)

// Place is a province and one of its communes, resolved.
type Place struct {
	Province Province
	Commune  Commune
}

// The parts of an address a Problem can name.
const (
	PartProvince = "province"
	PartCommune  = "commune"
)

// Problem says why an address was refused: which part (PartProvince or
// PartCommune) and why, in words for people. Callers turn it into a field
// error under their own field name ("shipping_address.commune").
type Problem struct {
	Part    string
	Message string
}

func (p *Problem) Error() string { return p.Part + ": " + p.Message }

// maxCommuneInput bounds what Resolve reads; the longest name is far shorter.
const maxCommuneInput = 100

// Resolve checks a province slug and a commune given by its code or by its
// exact name within that province (any case, any Unicode normal form, but
// with its diacritics). A name without its diacritics, a commune of another
// province and a name that left the list in the 2025 reform are refused with
// a message that says which and what to do.
func Resolve(province, communeText string) (Place, *Problem) {
	provinces := loadProvinces().bySlug
	p, ok := provinces[strings.TrimSpace(province)]
	if !ok {
		return Place{}, &Problem{PartProvince, "Tỉnh/thành phố không có trong danh sách 34 tỉnh, thành."}
	}
	t := load()
	in := strings.TrimSpace(communeText)
	switch {
	case in == "":
		return Place{}, &Problem{PartCommune, "Hãy chọn xã, phường."}
	case utf8.RuneCountInString(in) > maxCommuneInput:
		return Place{}, &Problem{PartCommune, "Tên xã, phường quá dài."}
	case isCode(in):
		c, ok := t.byCode[in]
		if !ok {
			return Place{}, &Problem{PartCommune, "Không có xã, phường nào mang mã " + in + "."}
		}
		if c.Province != p.Slug {
			return Place{}, &Problem{PartCommune, c.Name + " (mã " + in + ") thuộc " + provinces[c.Province].Name +
				", không thuộc " + p.Name + "."}
		}
		return Place{p, c.Commune}, nil
	}
	if c, ok := t.byName[p.Slug][nameKey(in)]; ok {
		return Place{p, c.Commune}, nil
	}
	if same := t.foldedName[p.Slug][foldKey(in)]; len(same) > 0 {
		return Place{}, &Problem{PartCommune, "Hãy viết tên xã, phường có dấu, ví dụ “" + same[0].Name +
			"”, hoặc chọn trong danh sách."}
	}
	return Place{}, &Problem{PartCommune, "“" + in + "” không có trong danh sách xã, phường của " + p.Name +
		". Danh sách xã, phường đã thay đổi từ ngày 01/07/2025 (sắp xếp lại đơn vị hành chính, bỏ cấp huyện): " +
		"hãy chọn xã, phường hiện nay."}
}

// Match is the exact match Resolve makes, without words for people: what
// the start-up step uses to give rows stored before validation their code.
func Match(province, communeText string) (Commune, bool) {
	pl, prob := Resolve(province, communeText)
	return pl.Commune, prob == nil
}

func foldKey(s string) string { return strings.Join(strings.Fields(textfold.Fold(s)), " ") }

func isCode(s string) bool {
	if len(s) != 5 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
