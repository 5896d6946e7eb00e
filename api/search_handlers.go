package api

import (
	"context"
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/outbox"
	"github.com/ganh-market/ganh/search"
	"github.com/gofiber/fiber/v2"
)

// searchCacheControl lets browsers and CDNs reuse a search answer briefly:
// it is the same for every caller (only purchasable products), and the
// index itself trails the database by the outbox lag anyway.
const searchCacheControl = "public, max-age=30"

type searchCoopJSON struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type searchHitJSON struct {
	ID        string         `json:"id"`
	Slug      string         `json:"slug"`
	Name      string         `json:"name"`
	PriceVND  int64          `json:"price_vnd"`
	Image     *string        `json:"image"` // the thumbnail URL, null without photos
	OCOPStars int            `json:"ocop_stars"`
	RatingAvg float64        `json:"rating_avg"`
	Coop      searchCoopJSON `json:"coop"`
	Province  string         `json:"province"`
}

type searchFacetsJSON struct {
	Category  map[string]int `json:"category"`
	Province  map[string]int `json:"province"`
	OCOPStars map[string]int `json:"ocop_stars"`
}

type searchResultJSON struct {
	Hits    []searchHitJSON  `json:"hits"`
	Total   int              `json:"total"`
	Page    int              `json:"page"`
	PerPage int              `json:"per_page"`
	Facets  searchFacetsJSON `json:"facets"`
}

type suggestionJSON struct {
	Text string `json:"text"`
	Slug string `json:"slug"`
}

// errSearchOff answers search when no index is configured.
func errSearchOff() error {
	return apperr.New(apperr.KindUnavailable, apperr.CodeUnavailable, "Tìm kiếm tạm thời không khả dụng, xin thử lại sau.")
}

// searchProducts is GET /search: parse, search, encode.
func (s *server) searchProducts(c *fiber.Ctx) error {
	if s.searcher == nil {
		return errSearchOff()
	}
	q, err := search.ParseQuery(func(name string) string { return query(c, name) })
	if err != nil {
		return err
	}
	res, err := s.searcher.Search(c.UserContext(), q)
	if err != nil {
		return err
	}
	out := searchResultJSON{
		Hits: make([]searchHitJSON, len(res.Hits)), Total: res.Total, Page: res.Page, PerPage: res.PerPage,
		Facets: searchFacetsJSON{Category: nonNil(res.Facets.Category), Province: nonNil(res.Facets.Province), OCOPStars: ocopFacet(res.Facets.OCOPStars)},
	}
	for i, h := range res.Hits {
		out.Hits[i] = searchHitJSON{
			ID: h.ID, Slug: h.Slug, Name: h.Name, PriceVND: h.PriceVND, OCOPStars: h.OCOPStars, RatingAvg: h.RatingAvg,
			Coop: searchCoopJSON{Slug: h.CoopSlug, Name: h.CoopName}, Province: h.ProvinceSlug,
		}
		if u := s.thumbURL(c, h.Image); u != "" {
			out.Hits[i].Image = &u
		}
	}
	c.Set(fiber.HeaderCacheControl, searchCacheControl)
	c.Set(fiber.HeaderVary, "Accept-Encoding")
	return c.JSON(out)
}

// thumbURL is the URL of a hit's thumbnail key, built for this request (the
// index keeps keys, so a change of address needs no reindex).
func (s *server) thumbURL(c *fiber.Ctx, key string) string {
	if s.catalog == nil {
		return ""
	}
	return s.catalog.ImageURL(c.UserContext(), key)
}

// suggestProducts is GET /search/suggest: product names for type-ahead.
// Fewer than two letters typed gives no suggestions (every product would
// match).
func (s *server) suggestProducts(c *fiber.Ctx) error {
	if s.searcher == nil {
		return errSearchOff()
	}
	limit := search.DefaultSuggestLimit
	if l := strings.TrimSpace(c.Query("limit")); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > search.MaxSuggestLimit {
			return apperr.Field("limit", "limit phải là số nguyên từ 1 đến "+strconv.Itoa(search.MaxSuggestLimit)+".")
		}
		limit = n
	}
	q := strings.TrimSpace(query(c, "q"))
	list := []search.Suggestion{}
	if len([]rune(q)) >= 2 {
		var err error
		if list, err = s.searcher.Suggest(c.UserContext(), q, limit); err != nil {
			return err
		}
	}
	out := struct {
		Suggestions []suggestionJSON `json:"suggestions"`
	}{Suggestions: make([]suggestionJSON, len(list))}
	for i, sg := range list {
		out.Suggestions[i] = suggestionJSON{Text: sg.Text, Slug: sg.Slug}
	}
	c.Set(fiber.HeaderCacheControl, searchCacheControl)
	c.Set(fiber.HeaderVary, "Accept-Encoding")
	return c.JSON(out)
}

func nonNil(m map[string]int) map[string]int {
	if m == nil {
		return map[string]int{}
	}
	return m
}

// ocopFacet is the OCOP facet with its three keys always present, copied:
// the index may share its maps between cached answers.
func ocopFacet(m map[string]int) map[string]int {
	return map[string]int{"3": m["3"], "4": m["4"], "5": m["5"]}
}

// searchReadyJSON is the detail of the search readiness check.
type searchReadyJSON struct {
	// LagSeconds is the age of the oldest product change not yet in the
	// index; Pending counts those changes.
	LagSeconds float64 `json:"lag_seconds"`
	Pending    int64   `json:"pending"`
}

// SearchReadyCheck is the /readyz check named "search": it fails when the
// index cannot answer (healthy's error) and shows how far the index is
// behind the database (lag, from the outbox). A large lag alone does not
// make the instance unready: search is then stale, not broken, and taking
// instances out of rotation would not help it catch up.
func SearchReadyCheck(idx interface{ Healthy(context.Context) error }, lag func(context.Context) (outbox.Lag, error)) ReadyCheck {
	return ReadyCheck{Name: "search", Check: func(ctx context.Context) (any, error) {
		herr := idx.Healthy(ctx)
		l, lerr := lag(ctx)
		if lerr != nil {
			return nil, errors.Join(herr, lerr)
		}
		return searchReadyJSON{LagSeconds: math.Round(l.Oldest.Seconds()*1000) / 1000, Pending: l.Pending}, herr
	}}
}
