package meili

import (
	"time"

	"github.com/meilisearch/meilisearch-go"

	"github.com/ganh-market/ganh/search"
)

// Meilisearch tuning.
const (
	// meiliMaxTotalHits bounds how many matches Meilisearch counts and
	// ranks; totalHits is exact up to it. It is well above MaxResultWindow
	// so result counts stay exact for any realistic catalogue.
	meiliMaxTotalHits = 100_000
	// meiliBatchSize is how many documents go in one add task.
	meiliBatchSize = 1000
	// defaultMeiliPoll is how often a task's status is polled.
	defaultMeiliPoll = 50 * time.Millisecond
	meiliPrimaryKey  = attrID
)

// meiliSettings is the whole configuration of a products index. It is
// applied at start-up and to every rebuilt index, so settings can never
// drift between the two.
func meiliSettings() *meilisearch.Settings {
	return &meilisearch.Settings{
		// Order is importance: name > tags > category > cooperative >
		// province > description (the "attribute" ranking rule uses it).
		SearchableAttributes: []string{attrName, attrTags, attrCategory, attrCooperative, attrProvince, attrDescription},
		DisplayedAttributes:  []string{"*"},
		FilterableAttributes: []string{attrCategorySlug, attrCategorySlugs, attrProvinceSlug, attrCoopSlug, attrOCOPStars, attrPriceVND},
		// id gives every explicit sort a stable tiebreak.
		SortableAttributes: []string{attrPriceVND, attrCreatedAt, attrSoldCount, attrID},
		// "sort" first: an explicit sort (price, newest, best selling) is
		// strict; relevance only orders within equal sort values. Among
		// equally relevant products the better seller comes first.
		RankingRules: []string{"sort", "words", "typo", "proximity", "attribute", "exactness", attrSoldCount + ":desc"},
		Synonyms:     meiliSynonyms(),
		// The struct has no omitempty: every field is spelled out, or a
		// partial value would silently switch typo tolerance off.
		TypoTolerance: &meilisearch.TypoTolerance{
			Enabled:             true,
			MinWordSizeForTypos: meilisearch.MinWordSizeForTypos{OneTypo: 5, TwoTypos: 9},
			DisableOnWords:      []string{},
			DisableOnAttributes: []string{},
			DisableOnNumbers:    true,
		},
		Pagination: &meilisearch.Pagination{MaxTotalHits: meiliMaxTotalHits},
		Faceting: &meilisearch.Faceting{
			MaxValuesPerFacet: 500,
			SortFacetValuesBy: map[string]meilisearch.SortFacetType{"*": meilisearch.SortFacetTypeCount},
		},
	}
}

// meiliSort is Meilisearch's sort parameter for s (nil = relevance, where
// the ranking rules end in sold_count:desc). Like the embedded index, each
// explicit order ends in the ID so paging is stable.
func meiliSort(s search.Sort) []string {
	switch s {
	case search.SortPriceAsc:
		return []string{attrPriceVND + ":asc", attrID + ":asc"}
	case search.SortPriceDesc:
		return []string{attrPriceVND + ":desc", attrID + ":asc"}
	case search.SortNewest:
		return []string{attrCreatedAt + ":desc", attrID + ":asc"}
	case search.SortBestSelling:
		return []string{attrSoldCount + ":desc", attrID + ":asc"}
	}
	return nil
}

// meiliDoc is a Document as stored in Meilisearch. created_at is Unix
// seconds so that it sorts as a number.
type meiliDoc struct {
	ID            string   `json:"id"`
	Slug          string   `json:"slug"`
	Name          string   `json:"name"`
	Description   string   `json:"description"`
	Tags          []string `json:"tags"`
	Category      string   `json:"category"`
	CategorySlug  string   `json:"category_slug"`
	CategorySlugs []string `json:"category_slugs"`
	CoopID        string   `json:"coop_id"`
	CoopSlug      string   `json:"coop_slug"`
	Cooperative   string   `json:"cooperative"`
	ProvinceSlug  string   `json:"province_slug"`
	Province      string   `json:"province"`
	OCOPStars     int      `json:"ocop_stars"`
	PriceVND      int64    `json:"price_vnd"`
	RatingAvg     float64  `json:"rating_avg"`
	RatingCount   int      `json:"rating_count"`
	SoldCount     int      `json:"sold_count"`
	Image         string   `json:"image"`
	CreatedAt     int64    `json:"created_at"`
}

// hitAttributes are the attributes a result list needs.
func hitAttributes() []string {
	return []string{attrID, attrSlug, attrName, attrPriceVND, "image", attrOCOPStars, "rating_avg", attrCoopSlug, attrCooperative, attrProvinceSlug}
}

func toMeiliDoc(d search.Document) meiliDoc {
	return meiliDoc{
		ID:            d.ID,
		Slug:          d.Slug,
		Name:          search.NormalizeText(d.Name),
		Description:   search.NormalizeText(d.Description),
		Tags:          search.NormalizeAll(d.Tags),
		Category:      search.NormalizeText(d.CategoryName),
		CategorySlug:  d.CategorySlug,
		CategorySlugs: d.CategoryPath(),
		CoopID:        d.CoopID,
		CoopSlug:      d.CoopSlug,
		Cooperative:   search.NormalizeText(d.CoopName),
		ProvinceSlug:  d.ProvinceSlug,
		Province:      search.NormalizeText(d.ProvinceName),
		OCOPStars:     d.OCOPStars,
		PriceVND:      d.PriceVND,
		RatingAvg:     d.RatingAvg,
		RatingCount:   d.RatingCount,
		SoldCount:     d.SoldCount,
		Image:         d.Image,
		CreatedAt:     d.CreatedAt.Unix(),
	}
}

func (m meiliDoc) hit() search.Hit {
	return search.Hit{
		ID: m.ID, Slug: m.Slug, Name: m.Name, PriceVND: m.PriceVND, Image: search.ImageKeyOf(m.Image),
		OCOPStars: m.OCOPStars, RatingAvg: m.RatingAvg, CoopSlug: m.CoopSlug, CoopName: m.Cooperative,
		ProvinceSlug: m.ProvinceSlug,
	}
}

// meiliSynonyms turns the groups into Meilisearch's synonyms setting, where
// each word lists the words it also finds (both directions spelled out).
func meiliSynonyms() map[string][]string {
	out := make(map[string][]string)
	for _, g := range search.SynonymGroups() {
		for _, w := range g {
			for _, other := range g {
				if other != w {
					out[w] = append(out[w], other)
				}
			}
		}
	}
	return out
}
