package web

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/sharing"
	"github.com/gofiber/fiber/v2"
)

// sharePage is what a shared link shows and what the "Chia sẻ" button
// offers: the Open Graph tags Zalo and Facebook read for their previews,
// and the links of the button.
type sharePage struct {
	// Type is og:type: "product" or "website".
	Type        string
	Title       string
	Description string
	// Image is the absolute URL of the large photo, or "".
	Image string
	// URL is the page's canonical absolute address (og:url, rel=canonical),
	// with no referrer in it.
	URL string
	// Link is what the button shares: URL with the signed-in sharer's own
	// referrer code, when she has one.
	Link string
	// OwnCode is that code, shown beside the button.
	OwnCode string
	// QR is the path of the page's QR code; Poster that of the coop's A5
	// poster, for coop pages.
	QR, Poster string
}

// Facebook is the Facebook share dialog for Link.
func (s *sharePage) Facebook() string {
	return "https://www.facebook.com/sharer/sharer.php?u=" + url.QueryEscape(s.Link)
}

// maxOGDescription keeps og:description within what previews show.
const maxOGDescription = 200

// productShare is the share data of a product page.
func (w *Web) productShare(c *fiber.Ctx, p *catalog.Product) *sharePage {
	base := w.siteBase(c)
	desc := tr("og.price", formatVND(p.PriceVND)) + " · " + p.Coop.Name + " · " + provinceName(p.Coop.Province)
	if d := strings.Join(strings.Fields(p.Description), " "); d != "" {
		desc += ". " + d
	}
	s := &sharePage{Type: "product", Title: p.Name, Description: clip(desc, maxOGDescription),
		URL: sharing.PageURL(base, sharing.ProductPath, p.Slug, ""), QR: "/api/v1/products/" + url.PathEscape(p.Slug) + "/qr.png"}
	if len(p.Images) > 0 {
		s.Image = absolute(base, p.Images[0].Variants.Large)
	}
	w.ownLink(c, s, sharing.ProductPath, p.Slug, base)
	return s
}

// coopShare is the share data of a coop page; its image is the banner,
// else the logo, else its first product's photo.
func (w *Web) coopShare(c *fiber.Ctx, co *catalog.Coop, products []catalog.Product) *sharePage {
	base := w.siteBase(c)
	desc := provinceName(co.Province)
	if d := strings.Join(strings.Fields(co.Description), " "); d != "" {
		desc += ". " + d
	}
	s := &sharePage{Type: "website", Title: co.Name, Description: clip(desc, maxOGDescription),
		URL: sharing.PageURL(base, sharing.CoopPath, co.Slug, ""),
		QR:  "/api/v1/coops/" + url.PathEscape(co.Slug) + "/qr.png", Poster: "/api/v1/coops/" + url.PathEscape(co.Slug) + "/poster.pdf"}
	switch {
	case co.Banner != nil:
		s.Image = absolute(base, co.Banner.Variants.Large)
	case co.Logo != nil:
		s.Image = absolute(base, co.Logo.Variants.Large)
	case len(products) > 0 && len(products[0].Images) > 0:
		s.Image = absolute(base, products[0].Images[0].Variants.Large)
	}
	w.ownLink(c, s, sharing.CoopPath, co.Slug, base)
	return s
}

// ownLink puts the signed-in sharer's own referrer code into the link she
// shares (and the QR code and poster she prints).
func (w *Web) ownLink(c *fiber.Ctx, s *sharePage, prefix, slug, base string) {
	s.Link = s.URL
	u := httpx.CurrentUser(c)
	if u == nil || w.d.Referrers == nil {
		return
	}
	r, err := w.d.Referrers.OfUser(c.UserContext(), u.ID)
	if err != nil || r == nil {
		return // sharing without a code still shares
	}
	s.OwnCode = r.Code
	s.Link = sharing.PageURL(base, prefix, slug, r.Code)
	s.QR += "?ref=" + r.Code
	if s.Poster != "" {
		s.Poster += "?ref=" + r.Code
	}
}

// absolute makes a photo URL absolute on base (the disk store, without
// GANH_PUBLIC_URL, answers paths); previews need absolute addresses.
func absolute(base, u string) string {
	if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
		return base + u
	}
	return u
}

// clip cuts s to at most n characters at a word, with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	if i := strings.LastIndexByte(string(r), ' '); i > n/2 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

// sharingBase is sharing.Base for a request.
func sharingBase(c *fiber.Ctx, publicURL string) string {
	return sharing.Base(c.UserContext(), publicURL)
}
