package catalog

import (
	_ "embed"
	"encoding/json"
	"sync"
)

// provincesJSON is a copy of shared/data/provinces.json: the 34
// provincial-level units in force since 1 July 2025.
//
//go:embed data/provinces.json
var provincesJSON []byte

// Province is one provincial-level unit; the slug is what the API speaks.
type Province struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

var loadProvinces = sync.OnceValues(func() ([]Province, map[string]Province) {
	var doc struct {
		Provinces []Province `json:"provinces"`
	}
	if err := json.Unmarshal(provincesJSON, &doc); err != nil {
		panic("catalog: bad embedded provinces.json: " + err.Error())
	}
	bySlug := make(map[string]Province, len(doc.Provinces))
	for _, p := range doc.Provinces {
		bySlug[p.Slug] = p
	}
	return doc.Provinces, bySlug
})

// Provinces lists the provinces in the order of provinces.json.
func Provinces() []Province {
	list, _ := loadProvinces()
	return append([]Province(nil), list...)
}

// ProvinceBySlug finds a province by its slug, the only form a request may use.
func ProvinceBySlug(slug string) (Province, bool) {
	_, m := loadProvinces()
	p, ok := m[slug]
	return p, ok
}
