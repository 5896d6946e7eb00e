package meili

import (
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/search"
)

// Meilisearch attribute names. They are also the JSON keys of meiliDoc.
const (
	attrID            = "id"
	attrName          = "name"
	attrSlug          = "slug"
	attrTags          = "tags"
	attrCategory      = "category"
	attrCategorySlug  = "category_slug"
	attrCategorySlugs = "category_slugs"
	attrCooperative   = "cooperative"
	attrCoopSlug      = "coop_slug"
	attrProvince      = "province"
	attrProvinceSlug  = "province_slug"
	attrDescription   = "description"
	attrOCOPStars     = "ocop_stars"
	attrPriceVND      = "price_vnd"
	attrSoldCount     = "sold_count"
	attrCreatedAt     = "created_at"
)

// meiliFilter builds the Meilisearch filter expression for q's filters, or ""
// when there are none. Every string value goes through quoteFilterValue, and
// numbers are formatted by strconv, so nothing a shopper puts in a query
// parameter can add an operator or reach another attribute.
func meiliFilter(q search.Query) string {
	var parts []string
	eq := func(attr, value string) {
		if value != "" {
			parts = append(parts, attr+" = "+quoteFilterValue(value))
		}
	}
	eq(attrCategorySlugs, q.Category)
	eq(attrProvinceSlug, q.Province)
	eq(attrCoopSlug, q.Coop)
	if q.OCOPMin > 0 {
		parts = append(parts, attrOCOPStars+" >= "+strconv.Itoa(q.OCOPMin))
	}
	if q.PriceMin > 0 {
		parts = append(parts, attrPriceVND+" >= "+strconv.FormatInt(q.PriceMin, 10))
	}
	if q.PriceMax > 0 {
		parts = append(parts, attrPriceVND+" <= "+strconv.FormatInt(q.PriceMax, 10))
	}
	return strings.Join(parts, " AND ")
}

// quoteFilterValue makes s a double-quoted Meilisearch filter string.
//
// Meilisearch's filter parser (crates/filter-parser, value.rs) ends a quoted
// value at the first double quote not preceded by a backslash, skips the
// character after every backslash, and then unescapes `\"` and Rust-style
// sequences such as `\\`. Escaping every backslash first and then every
// double quote therefore yields exactly s after parsing, whatever s holds
// (quotes, backslashes, operators, brackets, any Unicode).
func quoteFilterValue(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
