package web

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/search"
	"github.com/gofiber/fiber/v2"
)

// homeData is what the home page shows.
type homeData struct {
	Coops      []catalog.Coop
	Products   []catalog.Product
	Categories []catalog.Category
	// Province is the visitor's chosen province, Local its featured lists
	// (home_province.go).
	Province, ProvinceName string
	Local                  *catalog.Featured
}

// home shows the featured cooperatives and products the Hội curates.
func (w *Web) home(c *fiber.Ctx) error {
	ctx := c.UserContext()
	f, err := w.d.Catalog.Featured(ctx, httpx.Actor(c), "")
	if err != nil {
		return err
	}
	cats, err := w.d.Catalog.Categories(ctx)
	if err != nil {
		return err
	}
	d := homeData{Coops: f.Coops, Products: f.Products, Categories: cats}
	if err := w.homeLocal(c, &d); err != nil {
		return err
	}
	return w.render(c, http.StatusOK, "home", &view{Title: tr("home.title"), D: d})
}

// facet is one filter value with its count, and the link that toggles it.
type facet struct {
	Value, Label string
	Count        int
	Selected     bool
	URL          string
}

// option is one <option> of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// searchData is what the search page shows.
type searchData struct {
	Q          search.Query
	Raw        map[string]string
	Hits       []search.Hit
	Products   []catalog.Product // without a search index: a plain list
	Total      int
	Categories []option
	Provinces  []option
	Sorts      []option
	CatFacets  []facet
	ProvFacets []facet
	OCOPFacets []facet
	PrevURL    string
	NextURL    string
	NoIndex    bool
}

// searchParams are the query parameters of the search page, the API's own.
var searchParams = []string{"q", "category", "province", "ocop_min", "price_min", "price_max", "sort", "page"}

// searchPage runs a search from the GET form; it works without JavaScript.
func (w *Web) searchPage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	raw := map[string]string{}
	params := url.Values{}
	for _, p := range searchParams {
		if v := strings.TrimSpace(c.Query(p)); v != "" {
			raw[p] = strings.Clone(v)
			params.Set(p, raw[p])
		}
	}
	v := &view{Title: tr("search.title"), Query: raw["q"]}
	q, err := search.ParseQuery(func(n string) string { return raw[n] })
	if err != nil {
		var ok bool
		if v.Errors, v.ErrorList, ok = formErrors(err, nil); !ok {
			return err
		}
		q, _ = search.Query{Text: raw["q"]}.Normalize()
	}
	cats, err := w.d.Catalog.Categories(ctx)
	if err != nil {
		return err
	}
	names := categoryNames(cats)
	d := searchData{Q: q, Raw: raw, Categories: categoryOptions(cats, q.Category), Provinces: provinceOptions(q.Province), Sorts: sortOptions(q.Sort)}
	if w.d.Search == nil {
		d.NoIndex = true
		page, err := w.d.Catalog.Products(ctx, kernel.Anonymous, catalog.ProductFilter{Category: q.Category, Province: q.Province}, kernel.PageRequest{Limit: 40})
		if err != nil && apperr.KindOf(err) != apperr.KindInvalid {
			return err
		}
		d.Products = page.Items
	} else {
		res, err := w.d.Search.Search(ctx, q)
		if err != nil {
			if apperr.KindOf(err) != apperr.KindInvalid {
				return err
			}
			v.Errors, v.ErrorList, _ = formErrors(err, nil)
		}
		d.Hits, d.Total = w.withThumbURLs(ctx, res.Hits), res.Total
		d.CatFacets = facetList(res.Facets.Category, params, "category", q.Category, func(s string) string { return names[s] })
		d.ProvFacets = facetList(res.Facets.Province, params, "province", q.Province, provinceName)
		d.OCOPFacets = ocopFacets(res.Facets.OCOPStars, params, q.OCOPMin)
		if q.Page > 1 {
			d.PrevURL = withParam(params, "page", strconv.Itoa(q.Page-1))
		}
		if q.Page*q.PerPage < res.Total {
			d.NextURL = withParam(params, "page", strconv.Itoa(q.Page+1))
		}
	}
	v.D = d
	return w.render(c, http.StatusOK, "search", v)
}

// withThumbURLs copies hits (the index may share them between answers)
// with each thumbnail's key turned into its URL for this request.
func (w *Web) withThumbURLs(ctx context.Context, hits []search.Hit) []search.Hit {
	out := make([]search.Hit, len(hits))
	for i, h := range hits {
		h.Image = w.d.Catalog.ImageURL(ctx, h.Image)
		out[i] = h
	}
	return out
}

// suggest answers the type-ahead of the search box with a few product
// names, as a small HTML list the script drops under the box.
func (w *Web) suggest(c *fiber.Ctx) error {
	q := strings.TrimSpace(strings.Clone(c.Query("q")))
	c.Set(fiber.HeaderCacheControl, "public, max-age=60")
	if w.d.Search == nil || len([]rune(q)) < 2 || len(q) > 100 {
		return c.JSON([]search.Suggestion{})
	}
	list, err := w.d.Search.Suggest(c.UserContext(), q, 6)
	if err != nil {
		return c.JSON([]search.Suggestion{})
	}
	return c.JSON(list)
}

// withParam is the search URL with one parameter set (empty removes it),
// back on the first page unless page itself is set.
func withParam(params url.Values, key, value string) string {
	p := url.Values{}
	for k, v := range params {
		p[k] = v
	}
	if key != "page" {
		p.Del("page")
	}
	if value == "" {
		p.Del(key)
	} else {
		p.Set(key, value)
	}
	if len(p) == 0 {
		return pathSearch
	}
	return pathSearch + "?" + p.Encode()
}

// facetList turns facet counts into links that toggle the filter, the most
// frequent first.
func facetList(counts map[string]int, params url.Values, key, selected string, label func(string) string) []facet {
	out := make([]facet, 0, len(counts))
	for val, n := range counts {
		if n == 0 && val != selected {
			continue
		}
		f := facet{Value: val, Label: label(val), Count: n, Selected: val == selected}
		if f.Label == "" {
			f.Label = val
		}
		if f.Selected {
			f.URL = withParam(params, key, "")
		} else {
			f.URL = withParam(params, key, val)
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Label < out[j].Label
	})
	if len(out) > 12 {
		out = out[:12]
	}
	return out
}

// ocopFacets are the "3★ or more" links with their counts.
func ocopFacets(counts map[string]int, params url.Values, selected int) []facet {
	var out []facet
	for _, s := range []int{3, 4, 5} {
		n := 0
		for k := s; k <= 5; k++ {
			n += counts[strconv.Itoa(k)]
		}
		f := facet{Value: strconv.Itoa(s), Label: tr("search.ocop.atleast", s), Count: n, Selected: selected == s}
		if f.Selected {
			f.URL = withParam(params, "ocop_min", "")
		} else {
			f.URL = withParam(params, "ocop_min", f.Value)
		}
		out = append(out, f)
	}
	return out
}

// categoryNames maps every category slug of the tree to its name.
func categoryNames(cats []catalog.Category) map[string]string {
	m := map[string]string{}
	var walk func([]catalog.Category)
	walk = func(list []catalog.Category) {
		for _, c := range list {
			m[c.Slug] = c.Name
			walk(c.Children)
		}
	}
	walk(cats)
	return m
}

// categoryOptions lists the tree for a select, children indented.
func categoryOptions(cats []catalog.Category, selected string) []option {
	var out []option
	var walk func([]catalog.Category, string)
	walk = func(list []catalog.Category, indent string) {
		for _, c := range list {
			out = append(out, option{Value: c.Slug, Label: indent + c.Name, Selected: c.Slug == selected})
			walk(c.Children, indent+"\u00a0\u00a0")
		}
	}
	walk(cats, "")
	return out
}

// provinceOptions lists the 34 provinces for a select.
func provinceOptions(selected string) []option {
	ps := catalog.Provinces()
	out := make([]option, len(ps))
	for i, p := range ps {
		out[i] = option{Value: p.Slug, Label: p.Name, Selected: p.Slug == selected}
	}
	sort.SliceStable(out, func(i, j int) bool { return collate(out[i].Label) < collate(out[j].Label) })
	return out
}

// collate is a sort key that puts Vietnamese names in dictionary order
// closely enough for a list of provinces.
func collate(s string) string { return catalog.Fold(s) }

// sortOptions are the orders a shopper may choose.
func sortOptions(selected search.Sort) []option {
	sorts := []search.Sort{search.SortRelevance, search.SortPriceAsc, search.SortPriceDesc, search.SortNewest, search.SortBestSelling}
	out := make([]option, len(sorts))
	for i, s := range sorts {
		out[i] = option{Value: string(s), Label: tr("search.sort." + string(s)), Selected: s == selected}
	}
	return out
}

// productData is what the product page shows.
type productData struct {
	P        *catalog.Product
	Reviews  []orders.Review
	InCart   int
	Selected string
}

// product shows one product with its photos, variants and reviews.
// productPage reads the product a page shows: for a visitor who is not
// signed in, the one statement the API's answer comes from; members and
// staff may see drafts and hidden products, and get the full read.
func (w *Web) productPage(c *fiber.Ctx, slug string) (*catalog.Product, error) {
	if httpx.CurrentUser(c) == nil {
		return w.d.Catalog.PublicProduct(c.UserContext(), slug)
	}
	return w.d.Catalog.ProductBySlug(c.UserContext(), httpx.Actor(c), slug)
}

func (w *Web) product(c *fiber.Ctx) error {
	ctx := c.UserContext()
	slug := strings.Clone(c.Params("slug"))
	p, err := w.productPage(c, slug)
	if err != nil {
		return err
	}
	d := productData{P: p}
	if len(p.Variants) > 0 {
		d.Selected = p.Variants[0].ID
		for _, v := range p.Variants {
			if v.Stock > 0 {
				d.Selected = v.ID
				break
			}
		}
	}
	if w.d.Orders != nil && p.RatingCount > 0 {
		rs, err := w.d.Orders.ProductReviews(ctx, httpx.Actor(c), slug, kernel.PageRequest{Limit: 5})
		if err != nil {
			return err
		}
		d.Reviews = rs.Items
	}
	k := readCart(c)
	for _, v := range p.Variants {
		d.InCart += k.quantity(v.ID)
	}
	return w.render(c, http.StatusOK, "product", &view{Title: p.Name, D: d, Share: w.productShare(c, p)})
}

// coopData is what a cooperative's page shows.
type coopData struct {
	Coop     *catalog.Coop
	Products []catalog.Product
	NextURL  string
}

// coop shows a cooperative and its products, a page at a time.
func (w *Web) coop(c *fiber.Ctx) error {
	ctx := c.UserContext()
	slug := strings.Clone(c.Params("slug"))
	co, err := w.d.Catalog.Coop(ctx, httpx.Actor(c), slug)
	if err != nil {
		return err
	}
	page, err := w.d.Catalog.CoopProducts(ctx, kernel.Anonymous, co.ID, "", kernel.PageRequest{Limit: 24, Cursor: c.Query("sau")})
	if err != nil && apperr.KindOf(err) != apperr.KindNotFound {
		return err
	}
	d := coopData{Coop: co, Products: page.Items}
	if page.NextCursor != nil {
		d.NextURL = "/hop-tac-xa/" + co.Slug + "?sau=" + url.QueryEscape(*page.NextCursor)
	}
	return w.render(c, http.StatusOK, "coop", &view{Title: co.Name, D: d, Share: w.coopShare(c, co, page.Items)})
}
