package api

import (
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpx"
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
	c.Set(fiber.HeaderCacheControl, "public, max-age=300")
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

// coopPoster answers GET /coops/{slug}/poster.pdf.
func (s *server) coopPoster(c *fiber.Ctx) error {
	return fiber.ErrNotImplemented
}
