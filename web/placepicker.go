package web

import (
	"github.com/ganh-market/ganh/places"
	"github.com/gofiber/fiber/v2"
)

// placePicker is what the "placepicker" partial (templates/_placepicker.html)
// shows: the provinces, and the communes of the chosen one as a plain
// select. placepicker.js turns the commune select into a type-ahead without
// diacritics and reloads it when the province changes; without script, the
// button "Hiện xã, phường của tỉnh đã chọn" posts the form back to its own
// handler, which shows it again with that province's communes
// (placeRefresh).
type placePicker struct {
	Provinces []option
	Communes  []option
}

// placePickerFor builds the picker for the form's province and commune
// (a code, or a name as an older row or a refused form holds it).
func placePickerFor(province, commune string) placePicker {
	p := placePicker{Provinces: provinceOptions(province)}
	list, ok := places.Communes(province)
	if !ok {
		return p
	}
	chosen := commune
	if c, ok := places.Match(province, commune); ok {
		chosen = c.Code
	}
	p.Communes = make([]option, len(list))
	for i, c := range list {
		p.Communes[i] = option{Value: c.Code, Label: c.Name, Selected: c.Code == chosen}
	}
	return p
}

// placeRefresh says whether a form was posted by the picker's no-script
// button: its handler then shows the form again, unsaved, with the
// communes of the province just chosen.
func placeRefresh(c *fiber.Ctx) bool { return c.FormValue("placepicker") != "" }
