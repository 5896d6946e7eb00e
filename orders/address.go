package orders

import "github.com/ganh-market/ganh/places"

// addressView is the answer's address of a stored one.
func addressView(province, commune, code, street string) Address {
	a := Address{Province: province, Commune: commune, Street: street, CommuneCode: code, CommuneName: commune}
	if code != "" {
		a.Commune = code
	}
	if p, ok := places.ProvinceBySlug(province); ok {
		a.ProvinceName = p.Name
	}
	return a
}
