package bleve

import (
	"encoding/json"
	"strconv"

	blevelib "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/ganh-market/ganh/search"
)

// Analyzers of the embedded index. Both split on Unicode word boundaries
// (each Vietnamese syllable is a token) and lowercase; the folded one first
// maps every letter to ASCII (ơ→o, ư→u, đ→d, ạ→a …). Text reaches them in NFC.
const (
	analyzerFold  = "ganh_vi_fold"
	analyzerExact = "ganh_vi_exact"
)

// schemaVersion names the mapping below. Change it whenever the mapping or
// the document shape changes: an index on disk with another version reports
// NeedsRebuild so the binary reindexes instead of searching a stale layout.
const schemaVersion = "ganh-search-1"

// internalSchemaKey is where the schema version lives inside the index.
const internalSchemaKey = "ganh_schema_version"

// Field names in the embedded index.
const (
	fName         = "name"
	fNameExact    = "name_exact"
	fTags         = "tags"
	fTagsExact    = "tags_exact"
	fCategory     = "category"
	fCategoryEx   = "category_exact"
	fCoop         = "coop"
	fProvince     = "province"
	fDescription  = "description"
	fDescExact    = "description_exact"
	fCategoryPath = "category_slugs"
	fProvinceSlug = "province_slug"
	fCoopSlug     = "coop_slug"
	fOCOPStars    = "ocop_stars" // numeric, for the ocop_min range filter
	fPriceVND     = "price_vnd"  // numeric, for the price range filter
	fHit          = "hit"        // stored JSON of the Hit, so results need no second lookup
	// fFacets holds every facet value of a document as "c:<leaf category>",
	// "p:<province>" and "o:<stars>": one doc-value read per hit instead of
	// three.
	fFacets = "facets"

	// Sort keys: keywords with one short term each (see sortKey). Bleve
	// stores a numeric field as 16 prefix-coded terms and reads all of them
	// from doc values for every matching document; these keys cut that
	// work several times over. Each is sorted ascending.
	fPriceAscKey  = "price_asc_key"
	fPriceDescKey = "price_desc_key"
	fSoldDescKey  = "sold_desc_key"
	fNewestKey    = "newest_key"
)

// newIndexMapping describes the embedded index: folded text fields for
// matching, exact-form twins of the important ones for ranking the correct
// diacritics first, keyword fields for filters and facets, numbers for
// ranges and sorts, and one stored blob for displaying hits.
func newIndexMapping() (*mapping.IndexMappingImpl, error) {
	im := blevelib.NewIndexMapping()
	if err := im.AddCustomAnalyzer(analyzerFold, map[string]any{
		"type":          custom.Name,
		"char_filters":  []string{asciifolding.Name},
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(analyzerExact, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}

	text := func(name, analyzer string) *mapping.FieldMapping {
		f := blevelib.NewTextFieldMapping()
		f.Name = name
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false // no phrase queries, see exactFactor
		f.DocValues = false
		return f
	}
	kw := func(name string, docValues bool) *mapping.FieldMapping {
		f := blevelib.NewKeywordFieldMapping()
		f.Name = name
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = docValues // only for facets and sorts
		return f
	}
	num := func(name string) *mapping.FieldMapping {
		f := blevelib.NewNumericFieldMapping()
		f.Name = name
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = false // range filters read postings, not doc values
		return f
	}

	dm := blevelib.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fName, text(fName, analyzerFold), text(fNameExact, analyzerExact))
	dm.AddFieldMappingsAt(fTags, text(fTags, analyzerFold), text(fTagsExact, analyzerExact))
	dm.AddFieldMappingsAt(fCategory, text(fCategory, analyzerFold), text(fCategoryEx, analyzerExact))
	dm.AddFieldMappingsAt(fCoop, text(fCoop, analyzerFold))
	dm.AddFieldMappingsAt(fProvince, text(fProvince, analyzerFold))
	dm.AddFieldMappingsAt(fDescription, text(fDescription, analyzerFold), text(fDescExact, analyzerExact))
	dm.AddFieldMappingsAt(fCategoryPath, kw(fCategoryPath, false))
	dm.AddFieldMappingsAt(fProvinceSlug, kw(fProvinceSlug, false))
	dm.AddFieldMappingsAt(fCoopSlug, kw(fCoopSlug, false))
	dm.AddFieldMappingsAt(fFacets, kw(fFacets, true))
	dm.AddFieldMappingsAt(fOCOPStars, num(fOCOPStars))
	dm.AddFieldMappingsAt(fPriceVND, num(fPriceVND))
	for _, k := range []string{fPriceAscKey, fPriceDescKey, fSoldDescKey, fNewestKey} {
		dm.AddFieldMappingsAt(k, kw(k, true))
	}
	stored := blevelib.NewTextFieldMapping()
	stored.Name = fHit
	stored.Analyzer = keyword.Name
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.IncludeTermVectors = false
	stored.DocValues = false
	dm.AddFieldMappingsAt(fHit, stored)

	im.DefaultMapping = dm
	im.DefaultAnalyzer = analyzerFold
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	return im, nil
}

// Prefixes of the values in fFacets.
const (
	facetCategory = "c:"
	facetProvince = "p:"
	facetOCOP     = "o:"
)

// bleveDoc flattens d into what the mapping above indexes. Text is NFC
// first; empty values are left out so facets never count a blank slug.
func bleveDoc(d search.Document) (map[string]any, error) {
	hit, err := json.Marshal(d.Hit())
	if err != nil {
		return nil, err
	}
	m := map[string]any{
		fOCOPStars:    float64(d.OCOPStars),
		fPriceVND:     float64(d.PriceVND),
		fPriceAscKey:  sortKey(d.PriceVND, priceDigits, false, d.ID),
		fPriceDescKey: sortKey(d.PriceVND, priceDigits, true, d.ID),
		fSoldDescKey:  sortKey(int64(d.SoldCount), soldDigits, true, d.ID),
		fNewestKey:    sortKey(d.CreatedAt.Unix(), timeDigits, true, d.ID),
		fHit:          string(hit),
	}
	set := func(k, v string) {
		if v = search.NormalizeText(v); v != "" {
			m[k] = v
		}
	}
	set(fName, d.Name)
	set(fCategory, d.CategoryName)
	set(fCoop, d.CoopName)
	set(fProvince, d.ProvinceName)
	set(fDescription, d.Description)
	set(fProvinceSlug, d.ProvinceSlug)
	set(fCoopSlug, d.CoopSlug)
	if tags := search.NormalizeAll(d.Tags); len(tags) > 0 {
		m[fTags] = tags
	}
	if path := d.CategoryPath(); len(path) > 0 {
		m[fCategoryPath] = path
	}
	var facets []string
	if d.CategorySlug != "" {
		facets = append(facets, facetCategory+d.CategorySlug)
	}
	if d.ProvinceSlug != "" {
		facets = append(facets, facetProvince+d.ProvinceSlug)
	}
	if d.OCOPStars >= 3 && d.OCOPStars <= 5 {
		facets = append(facets, facetOCOP+strconv.Itoa(d.OCOPStars))
	}
	if len(facets) > 0 {
		m[fFacets] = facets
	}
	return m, nil
}
