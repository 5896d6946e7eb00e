package web

import (
	"net/url"
	"strings"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// staffFeaturedAdd adds one coop or product, picked from the editor's
// search results, at the end of a province's list: no slug is typed. The
// catalog checks it belongs there (another province's is not found for a
// province's staff), then the editor shows again with the same search.
func (w *Web) staffFeaturedAdd(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	ctx, a := c.UserContext(), httpx.Actor(c)
	province := featuredProvince(c, c.FormValue("tinh"))
	id := strings.TrimSpace(strings.Clone(c.FormValue("id")))
	in, err := w.d.Catalog.FeaturedEntries(ctx, a, province)
	if err != nil {
		return err
	}
	added := false
	switch c.FormValue("kind") {
	case "coop":
		added = !hasEntry(in.Coops, id, func(e catalog.FeaturedCoop) string { return e.CoopID })
		if added {
			in.Coops = append(in.Coops, catalog.FeaturedCoop{CoopID: id})
		}
	case "product":
		added = !hasEntry(in.Products, id, func(e catalog.FeaturedProduct) string { return e.ProductID })
		if added {
			in.Products = append(in.Products, catalog.FeaturedProduct{ProductID: id})
		}
	default:
		return fiber.ErrNotFound
	}
	if added {
		if _, err := w.d.Catalog.SetFeatured(ctx, a, province, *in); err != nil {
			return w.featuredRefused(c, err, province)
		}
		w.setFlash(c, "flash.featured.added")
	} else {
		w.setFlash(c, "flash.featured.already")
	}
	back := featuredPath(province)
	if q := strings.TrimSpace(strings.Clone(c.FormValue("tim"))); q != "" {
		sep := "?"
		if strings.Contains(back, "?") {
			sep = "&"
		}
		back += sep + "tim=" + url.QueryEscape(q)
	}
	return seeOther(c, back)
}

func hasEntry[T any](list []T, id string, idOf func(T) string) bool {
	for _, e := range list {
		if idOf(e) == id {
			return true
		}
	}
	return false
}
