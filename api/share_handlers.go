package api

import (
	"bytes"
	"io"
	"mime"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/sharing"
	"github.com/gofiber/fiber/v2"
)

// productQR answers GET /products/{slug}/qr.png: the product page's
// absolute address, with ?ref= when the code is a referrer's.
func (s *server) productQR(c *fiber.Ctx) error {
	p, err := s.catalog.ProductBySlug(c.UserContext(), httpx.Actor(c), param(c, "slug"))
	if err != nil {
		return err
	}
	return s.sendQR(c, sharing.ProductPath, p.Slug)
}

// coopQR answers GET /coops/{slug}/qr.png.
func (s *server) coopQR(c *fiber.Ctx) error {
	co, err := s.catalog.Coop(c.UserContext(), httpx.Actor(c), param(c, "slug"))
	if err != nil {
		return err
	}
	return s.sendQR(c, sharing.CoopPath, co.Slug)
}

func (s *server) sendQR(c *fiber.Ctx, prefix, slug string) error {
	code, err := s.knownRef(c)
	if err != nil {
		return err
	}
	png, err := sharing.QRPNG(sharing.PageURL(sharing.Base(c.UserContext(), s.cfg.PublicURL), prefix, slug, code), sharing.QRSize)
	if err != nil {
		return apperr.Wrap(err, "encode qr")
	}
	c.Set(fiber.HeaderCacheControl, "private, max-age=300")
	c.Set(fiber.HeaderContentType, "image/png")
	return c.Send(png)
}

// knownRef is ?ref= when it names a referrer, else "": a made-up code is
// not printed into a QR code.
func (s *server) knownRef(c *fiber.Ctx) (string, error) {
	ref := query(c, "ref")
	if ref == "" {
		return "", nil
	}
	r, err := s.referrers.ByCode(c.UserContext(), ref)
	if err != nil || r == nil {
		return "", err
	}
	return r.Code, nil
}

// coopPoster answers GET /coops/{slug}/poster.pdf: an A5 page with the
// coop's name and province, up to four of its products (photo, price) and
// the QR code of its page.
func (s *server) coopPoster(c *fiber.Ctx) error {
	ctx := c.UserContext()
	co, err := s.catalog.Coop(ctx, httpx.Actor(c), param(c, "slug"))
	if err != nil {
		return err
	}
	code, err := s.knownRef(c)
	if err != nil {
		return err
	}
	page, err := s.catalog.CoopProducts(ctx, kernel.Anonymous, co.ID, catalog.ProductActive, kernel.PageRequest{Limit: sharing.MaxPosterProducts})
	if err != nil && apperr.KindOf(err) != apperr.KindNotFound {
		return err
	}
	p := sharing.Poster{Name: co.Name, Province: co.Province, Made: co.UpdatedAt,
		Link: sharing.PageURL(sharing.Base(ctx, s.cfg.PublicURL), sharing.CoopPath, co.Slug, code)}
	if pr, ok := catalog.ProvinceBySlug(co.Province); ok {
		p.Province = pr.Name
	}
	for _, prod := range page.Items {
		pp := sharing.PosterProduct{Name: prod.Name, PriceVND: prod.PriceVND}
		if len(prod.Images) > 0 && s.media != nil {
			pp.Photo = s.photoBytes(c, media.VariantKey(prod.Images[0].Hash, media.Medium))
		}
		p.Products = append(p.Products, pp)
	}
	var buf bytes.Buffer
	if err := sharing.WritePoster(&buf, p); err != nil {
		return apperr.Wrap(err, "poster")
	}
	c.Set(fiber.HeaderCacheControl, "private, max-age=300")
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType("inline", map[string]string{"filename": "ap-phich-" + co.Slug + ".pdf"}))
	return c.Send(buf.Bytes())
}

// maxPosterPhoto bounds a photo read for a poster; a medium variant is far
// smaller.
const maxPosterPhoto = 4 << 20

// photoBytes reads a stored photo, or nil when it cannot be had: a poster
// without a photo beats no poster.
func (s *server) photoBytes(c *fiber.Ctx, key string) []byte {
	obj, _, err := s.media.Get(c.UserContext(), key)
	if err != nil {
		return nil
	}
	defer obj.Close()
	b, err := io.ReadAll(io.LimitReader(obj, maxPosterPhoto))
	if err != nil {
		return nil
	}
	return b
}
