package search

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ganh-market/ganh/apperr"
)

// Sort is the order of a result list; the values are those of the API's
// `sort` parameter.
type Sort string

// The orders a shopper may ask for. Every order ends in a stable tiebreak so
// that paging never shows a product twice or skips one.
const (
	SortRelevance   Sort = "relevance"
	SortPriceAsc    Sort = "price_asc"
	SortPriceDesc   Sort = "price_desc"
	SortNewest      Sort = "newest"
	SortBestSelling Sort = "best_selling"
)

// Limits of a query. MaxResultWindow bounds how deep paging may go, so a
// crawler cannot make the index rank the whole catalogue on every request.
const (
	DefaultPerPage  = 20
	MaxPerPage      = 100
	MaxQueryRunes   = 200
	MaxResultWindow = 10_000
	maxFilterLen    = 200

	// MaxPage is the largest page number any search may ask for: the
	// result window at one product per page. With more per page the
	// window check (page × per_page ≤ MaxResultWindow) is the tighter one:
	// page 500 at the default 20, page 100 at 100.
	MaxPage = MaxResultWindow
	// MaxPriceFilterVND bounds price_min and price_max: far above any
	// price a cooperative can set, and an integer Bleve's float64 numbers
	// still hold exactly.
	MaxPriceFilterVND  = 1_000_000_000_000
	maxPriceFilterText = "1.000.000.000.000 ₫" // MaxPriceFilterVND as people read it
)

// Query is one search as a shopper asks it. The zero value of a filter means
// "no filter": empty strings, OCOPMin 0, PriceMin 0 and PriceMax 0.
// Empty Text with filters browses everything that matches the filters.
type Query struct {
	Text     string
	Category string // category slug; matches the category and its children
	Province string // province slug
	Coop     string // cooperative slug
	OCOPMin  int    // 0, or 1..5: at least that many OCOP stars
	PriceMin int64  // VND, inclusive; at most MaxPriceFilterVND
	PriceMax int64  // VND, inclusive; at most MaxPriceFilterVND
	Sort     Sort   // empty means relevance
	Page     int    // 1-based, at most MaxPage and page × per_page ≤ MaxResultWindow; 0 means 1
	PerPage  int    // 0 means DefaultPerPage; above MaxPerPage is capped
}

// Hit is one product in a result list.
type Hit struct {
	ID           string
	Slug         string
	Name         string
	PriceVND     int64
	Image        string // the thumbnail's media key, "" without photos (catalog.Service.ImageURL makes it a URL)
	OCOPStars    int
	RatingAvg    float64
	CoopSlug     string
	CoopName     string
	ProvinceSlug string
}

// Facets counts the matching products by category (leaf slug), province
// (slug) and OCOP stars ("3", "4", "5", always present). The counts are over
// the whole result set, filters included, not just the current page.
type Facets struct {
	Category  map[string]int
	Province  map[string]int
	OCOPStars map[string]int
}

// Result is one page of a search. Total is the exact number of matches.
type Result struct {
	Hits    []Hit
	Total   int
	Page    int
	PerPage int
	Facets  Facets
}

// Suggestion is one type-ahead proposal: the product name to show and the
// slug to link to.
type Suggestion struct {
	Text string
	Slug string
}

// DefaultSuggestLimit and MaxSuggestLimit bound Suggest's limit argument.
const (
	DefaultSuggestLimit = 8
	MaxSuggestLimit     = 20
)

// ParseQuery reads a query from the API's parameters (q, category, province,
// coop, ocop_min, price_min, price_max, sort, page, per_page) through get,
// which returns "" for a missing parameter, and validates it. It lets the
// HTTP layer stay free of search rules: a bad number is reported with the
// parameter's name, like any other validation failure.
func ParseQuery(get func(name string) string) (Query, error) {
	var fields []apperr.FieldError
	num := func(name string) int64 {
		s := strings.TrimSpace(get(name))
		if s == "" {
			return 0
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			fields = append(fields, apperr.FieldError{Field: name, Message: "Phải là một số nguyên."})
			return 0
		}
		return n
	}
	q := Query{
		Text:     get("q"),
		Category: strings.TrimSpace(get("category")),
		Province: strings.TrimSpace(get("province")),
		Coop:     strings.TrimSpace(get("coop")),
		OCOPMin:  clampInt(num("ocop_min")),
		PriceMin: num("price_min"),
		PriceMax: num("price_max"),
		Sort:     Sort(strings.TrimSpace(get("sort"))),
		Page:     clampInt(num("page")),
		PerPage:  clampInt(num("per_page")),
	}
	nq, err := q.Normalize()
	if err != nil {
		if e := apperr.As(err); e != nil {
			fields = append(fields, e.Fields...)
		}
	}
	if len(fields) > 0 {
		return Query{}, apperr.Invalid("Tham số tìm kiếm không hợp lệ.", fields...)
	}
	return nq, nil
}

// clampInt keeps an out-of-range number out of range after the conversion,
// so validation still rejects it instead of seeing a wrapped value.
func clampInt(n int64) int {
	const maxInt = int64(^uint(0) >> 1)
	switch {
	case n > maxInt:
		return int(maxInt)
	case n < -maxInt:
		return int(-maxInt)
	}
	return int(n)
}

// Normalize validates q and fills in the defaults (page 1, 20 per page,
// relevance, NFC text). It is the one place both implementations check a
// query; every failure is a validation_failed error naming the API parameter.
func (q Query) Normalize() (Query, error) {
	var fields []apperr.FieldError
	bad := func(field, msg string) { fields = append(fields, apperr.FieldError{Field: field, Message: msg}) }

	q.Text = strings.TrimSpace(NormalizeText(q.Text))
	if utf8.RuneCountInString(q.Text) > MaxQueryRunes {
		bad("q", "Từ khoá tìm kiếm dài quá "+strconv.Itoa(MaxQueryRunes)+" ký tự.")
	}
	for _, f := range []struct{ name, value string }{{"category", q.Category}, {"province", q.Province}, {"coop", q.Coop}} {
		if len(f.value) > maxFilterLen {
			bad(f.name, "Giá trị lọc quá dài.")
		}
	}

	switch q.Sort {
	case "":
		q.Sort = SortRelevance
	case SortRelevance, SortPriceAsc, SortPriceDesc, SortNewest, SortBestSelling:
	default:
		bad("sort", "Cách sắp xếp không hợp lệ; chọn một trong: relevance, price_asc, price_desc, newest, best_selling.")
	}

	// Every number is compared with its bounds before any arithmetic, so
	// no value a client sends can wrap around and slip past a check.
	if q.OCOPMin < 0 || q.OCOPMin > 5 {
		bad("ocop_min", "Số sao OCOP phải từ 1 đến 5.")
	}
	priceFields := []struct {
		name, label string
		value       int64
	}{{"price_min", "Giá thấp nhất", q.PriceMin}, {"price_max", "Giá cao nhất", q.PriceMax}}
	for _, f := range priceFields {
		switch {
		case f.value < 0:
			bad(f.name, f.label+" không được âm.")
		case f.value > MaxPriceFilterVND:
			bad(f.name, f.label+" không được vượt quá "+maxPriceFilterText+".")
		}
	}
	if q.PriceMin > 0 && q.PriceMax > 0 && q.PriceMin > q.PriceMax {
		bad("price_max", "Giá cao nhất phải lớn hơn hoặc bằng giá thấp nhất.")
	}

	switch {
	case q.PerPage < 0:
		bad("per_page", "Số sản phẩm mỗi trang không được âm.")
	case q.PerPage == 0:
		q.PerPage = DefaultPerPage
	case q.PerPage > MaxPerPage:
		q.PerPage = MaxPerPage
	}
	switch {
	case q.Page < 0:
		bad("page", "Số trang phải từ 1 trở lên.")
	case q.Page == 0:
		q.Page = 1
	case q.Page > MaxPage:
		bad("page", "Số trang phải từ 1 đến "+strconv.Itoa(MaxPage)+".")
	case q.PerPage > 0 && q.Page > MaxResultWindow/q.PerPage:
		// page × per_page > MaxResultWindow, asked without multiplying.
		bad("page", "Chỉ xem được "+strconv.Itoa(MaxResultWindow)+" kết quả đầu tiên; hãy thu hẹp tìm kiếm.")
	}

	if len(fields) > 0 {
		return q, apperr.Invalid("Tham số tìm kiếm không hợp lệ.", fields...)
	}
	return q, nil
}

// offset is the number of hits before the page. q must be normalized:
// Normalize has checked page × per_page ≤ MaxResultWindow, so the product
// here cannot overflow; a query that skipped it gets offset 0 rather than a
// wrapped number.
func (q Query) Offset() int {
	if q.Page < 1 || q.PerPage < 1 || q.Page > MaxResultWindow/q.PerPage {
		return 0
	}
	return (q.Page - 1) * q.PerPage
}

// EmptyFacets returns facets with the three OCOP keys present, as the API
// promises them.
func EmptyFacets() Facets {
	return Facets{
		Category:  map[string]int{},
		Province:  map[string]int{},
		OCOPStars: map[string]int{"3": 0, "4": 0, "5": 0},
	}
}

// NormalizeSuggestLimit applies the default and the cap.
func NormalizeSuggestLimit(limit int) int {
	switch {
	case limit <= 0:
		return DefaultSuggestLimit
	case limit > MaxSuggestLimit:
		return MaxSuggestLimit
	}
	return limit
}
