package catalog

import "github.com/ganh-market/ganh/places"

// Province is one provincial-level unit; the list is the places package's.
type Province = places.Province

// Provinces lists the 34 provinces in the order of places' provinces.json.
func Provinces() []Province { return places.Provinces() }

// ProvinceBySlug finds a province by its slug, the only form a request may use.
func ProvinceBySlug(slug string) (Province, bool) { return places.ProvinceBySlug(slug) }
