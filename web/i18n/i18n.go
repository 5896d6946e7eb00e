// Package i18n holds every string the web pages show people, one catalogue
// per language, so that another language can be added beside Vietnamese
// without touching templates or handlers.
package i18n

import (
	"fmt"
	"sort"
)

// Catalogue maps a message key to its text; a text may hold fmt verbs that
// T fills from its arguments.
type Catalogue map[string]string

// catalogues are the languages known, by BCP 47 tag.
var catalogues = map[string]Catalogue{"vi": merge(vi, viAccounts, viReports, viNotify, viStaff, viPlaces, viPayments, viShop, viNetwork, viPhotos)}

// merge puts the parts of one language's catalogue together; a key in
// two parts is a mistake the catalogue test would not see, so it panics.
func merge(parts ...Catalogue) Catalogue {
	out := Catalogue{}
	for _, p := range parts {
		for k, v := range p {
			if _, dup := out[k]; dup {
				panic("i18n: key in two catalogue parts: " + k)
			}
			out[k] = v
		}
	}
	return out
}

// Default is the language every page is served in today.
const Default = "vi"

// T returns the text of key in the default language, formatted with args
// when given. A missing key shows itself, so a forgotten entry is visible
// on the page and caught by the catalogue test rather than hidden.
func T(key string, args ...any) string { return Lang(Default).T(key, args...) }

// Lang returns the catalogue of a language, or the default one.
func Lang(tag string) Catalogue {
	if c, ok := catalogues[tag]; ok {
		return c
	}
	return catalogues[Default]
}

// T returns the text of key in c (see the package-level T).
func (c Catalogue) T(key string, args ...any) string {
	s, ok := c[key]
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has says whether the catalogue defines key.
func (c Catalogue) Has(key string) bool {
	_, ok := c[key]
	return ok
}

// Keys lists the catalogue's keys in order, for tests.
func (c Catalogue) Keys() []string {
	out := make([]string, 0, len(c))
	for k := range c {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
