// Package places is the two-tier map of Viet Nam in force since 1 July
// 2025: 34 provinces and centrally-run cities, and their 3,321 communes
// (phường, xã, đặc khu) with the official 5-digit codes. Both lists are
// embedded (provinces.json, communes.json: copies of the shared reference
// data) and read once, on first use: the provinces by themselves, since
// most pages only name a province, and the communes (2 MiB of tables) when
// an address is checked, searched or listed.
//
// An address names its commune by code, or by its exact name within the
// province: diacritics are required, case is not. Unaccented input is a
// search (Search), never a match, because many names differ only by their
// marks ("Xã Kim Sơn", "Xã Kim Sở"...).
package places

import (
	_ "embed"
	"encoding/json"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"

	"github.com/ganh-market/ganh/textfold"
)

//go:embed provinces.json
var provincesJSON []byte

//go:embed communes.json
var communesJSON []byte

// Province is one provincial-level unit; the slug is what the API speaks.
type Province struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Kind string `json:"kind"` // "city" or "province"
}

// Commune is one commune-level unit. Kind is "phuong", "xa" or "dac_khu".
type Commune struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Province string `json:"-"` // the province slug
}

// The kinds of commune.
const (
	KindWard    = "phuong"
	KindCommune = "xa"
	KindSpecial = "dac_khu"
)

type commune struct {
	Commune
	folded string // textfold.Fold(Name), for Search
}

type provinceTables struct {
	list   []Province
	bySlug map[string]Province
}

type tables struct {
	communes   map[string][]commune // by province slug, in the file's order (by code)
	byCode     map[string]commune
	byName     map[string]map[string]commune // province slug → nameKey → commune
	foldedName map[string]map[string][]commune
}

// loadProvinces and load read the embedded lists once, on first use.
var (
	loadProvinces = sync.OnceValue(buildProvinces)
	load          = sync.OnceValue(build)
)

// buildProvinces parses the embedded list of provinces.
func buildProvinces() *provinceTables {
	var doc struct {
		Provinces []Province `json:"provinces"`
	}
	if err := json.Unmarshal(provincesJSON, &doc); err != nil {
		panic("places: provinces.json: " + err.Error())
	}
	t := &provinceTables{list: doc.Provinces, bySlug: make(map[string]Province, len(doc.Provinces))}
	for _, p := range doc.Provinces {
		t.bySlug[p.Slug] = p
	}
	return t
}

// build parses the embedded list of communes into the lookup tables.
func build() *tables {
	var cdoc struct {
		Communes []struct {
			Code, Name, Kind, Province string
		} `json:"communes"`
	}
	if err := json.Unmarshal(communesJSON, &cdoc); err != nil {
		panic("places: communes.json: " + err.Error())
	}
	provinces := loadProvinces().list
	t := &tables{
		communes:   make(map[string][]commune, len(provinces)),
		byCode:     make(map[string]commune, len(cdoc.Communes)),
		byName:     make(map[string]map[string]commune, len(provinces)),
		foldedName: make(map[string]map[string][]commune, len(provinces)),
	}
	for _, p := range provinces {
		t.byName[p.Slug] = map[string]commune{}
		t.foldedName[p.Slug] = map[string][]commune{}
	}
	for _, fc := range cdoc.Communes {
		c := Commune{Code: fc.Code, Name: fc.Name, Kind: fc.Kind, Province: fc.Province}
		if _, ok := t.byName[c.Province]; !ok {
			panic("places: commune " + c.Code + " names an unknown province " + c.Province)
		}
		if _, dup := t.byCode[c.Code]; dup {
			panic("places: two communes share code " + c.Code)
		}
		key := nameKey(c.Name)
		if _, dup := t.byName[c.Province][key]; dup {
			panic("places: two communes of " + c.Province + " are named " + c.Name)
		}
		e := commune{Commune: c, folded: textfold.Fold(c.Name)}
		t.communes[c.Province] = append(t.communes[c.Province], e)
		t.byCode[c.Code] = e
		t.byName[c.Province][key] = e
		t.foldedName[c.Province][e.folded] = append(t.foldedName[c.Province][e.folded], e)
	}
	return t
}

// nameKey is how a typed name is compared with the list: NFC (phones often
// send decomposed text), lower case, spaces collapsed. Diacritics stay.
func nameKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}

// Provinces lists the 34 provinces in the order of provinces.json. The slice
// is a copy.
func Provinces() []Province {
	return append([]Province(nil), loadProvinces().list...)
}

// ProvinceBySlug finds a province by its slug, the only form a request may use.
func ProvinceBySlug(slug string) (Province, bool) {
	p, ok := loadProvinces().bySlug[slug]
	return p, ok
}

// Communes lists the communes of a province by code; false for an unknown
// province.
func Communes(province string) ([]Commune, bool) {
	t := load()
	list, ok := t.communes[province]
	if !ok {
		return nil, false
	}
	out := make([]Commune, len(list))
	for i, c := range list {
		out[i] = c.Commune
	}
	return out, true
}

// CommuneByCode finds a commune by its official code.
func CommuneByCode(code string) (Commune, bool) {
	c, ok := load().byCode[strings.TrimSpace(code)]
	return c.Commune, ok
}

// Count is the number of communes in the list.
func Count() int { return len(load().byCode) }

// Search lists the communes of a province whose name contains every word of
// q, without regard to diacritics or case ("kim son" finds "Xã Kim Sơn");
// those whose own name (after "Xã", "Phường"...) starts with q come first.
// An empty q is every commune of the province; an unknown province is none.
func Search(province, q string) []Commune {
	t := load()
	words := strings.Fields(textfold.Fold(q))
	phrase := strings.Join(words, " ")
	var first, rest []Commune
	for _, c := range t.communes[province] {
		if !containsAll(c.folded, words) {
			continue
		}
		if phrase != "" && strings.HasPrefix(bareName(c.folded), phrase) {
			first = append(first, c.Commune)
		} else {
			rest = append(rest, c.Commune)
		}
	}
	return append(first, rest...)
}

// bareName drops the kind word of a folded name: "xa kim son" → "kim son".
func bareName(folded string) string {
	for _, k := range []string{"phuong ", "xa ", "dac khu "} {
		if s, ok := strings.CutPrefix(folded, k); ok {
			return s
		}
	}
	return folded
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}
