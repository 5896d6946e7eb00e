package search

import (
	"strconv"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
)

// Document is one purchasable product as the index sees it: a flattened,
// denormalised copy of the product, its category path, its cooperative and its
// province, so that a search never has to go back to the database.
type Document struct {
	ID          string
	Slug        string
	Name        string
	Description string
	Tags        []string

	// CategorySlug is the product's own (leaf) category; facets count it.
	CategorySlug string
	CategoryName string
	// CategorySlugs is the whole path from the top-level category down to
	// CategorySlug, so filtering by a parent category finds its children.
	// CategorySlug is added to it if missing.
	CategorySlugs []string

	CoopID   string
	CoopSlug string
	CoopName string

	ProvinceSlug string
	ProvinceName string

	// OCOPStars is 0 (not certified) or 3, 4 or 5.
	OCOPStars   int
	PriceVND    int64
	RatingAvg   float64
	RatingCount int
	SoldCount   int
	// Image is the media key of the thumbnail shown in result lists
	// (img/<hash>/thumb.webp), "" without photos; answers build its URL.
	Image     string
	CreatedAt time.Time
}

// CategoryPath returns the slugs a category filter may match: the path plus
// the leaf, without blanks or duplicates.
func (d Document) CategoryPath() []string {
	out := make([]string, 0, len(d.CategorySlugs)+1)
	seen := make(map[string]bool, len(d.CategorySlugs)+1)
	for _, s := range append(append([]string(nil), d.CategorySlugs...), d.CategorySlug) {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// Hit is the part of a document a result list shows, text in NFC.
func (d Document) Hit() Hit {
	return Hit{
		ID:           d.ID,
		Slug:         d.Slug,
		Name:         NormalizeText(d.Name),
		PriceVND:     d.PriceVND,
		Image:        d.Image,
		OCOPStars:    d.OCOPStars,
		RatingAvg:    d.RatingAvg,
		CoopSlug:     d.CoopSlug,
		CoopName:     NormalizeText(d.CoopName),
		ProvinceSlug: d.ProvinceSlug,
	}
}

// ImageKeyOf reads the thumbnail a document keeps: its media key, or, in a
// document indexed before keys were kept, the URL it was shown at, whose
// key is the part from "img/" on. So old documents show their photo on the
// current address without a reindex.
func ImageKeyOf(stored string) string {
	if stored == "" || strings.HasPrefix(stored, "img/") {
		return stored
	}
	if i := strings.Index(stored, "/img/"); i >= 0 {
		return stored[i+1:]
	}
	return ""
}

// ValidateDocuments rejects documents an index cannot store: without an ID
// there is nothing to replace or delete later.
func ValidateDocuments(docs []Document) error {
	for i, d := range docs {
		if strings.TrimSpace(d.ID) == "" {
			return apperr.Field("id", "Sản phẩm thứ "+strconv.Itoa(i+1)+" thiếu mã (id) nên không thể đưa vào chỉ mục tìm kiếm.")
		}
	}
	return nil
}
