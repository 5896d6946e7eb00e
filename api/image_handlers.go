package api

import (
	"io"
	"mime"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpbody"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/photos"
	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
)

// addProductImage answers POST /products/{id}/images: a photo in the
// multipart field "file" becomes the product's next image. Every rule that
// needs no decoding (rights, an approved coop, room for one more photo, the
// caller's upload budget) is checked before the upload is read.
func (s *server) addProductImage(c *fiber.Ctx) error {
	img, err := s.photos.AddProductPhoto(c.UserContext(), httpx.Actor(c), param(c, "id"), uploadedFile(c))
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusCreated, img)
}

// removeProductImage answers DELETE /products/{id}/images/{image_id}; the
// photo's files go once the removal has committed, unless another product
// or coop still shows the same photo.
func (s *server) removeProductImage(c *fiber.Ctx) error {
	if err := s.photos.RemoveProductPhoto(c.UserContext(), httpx.Actor(c), param(c, "id"), param(c, "image_id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// setCoopImage answers POST /coops/{id}/logo and /banner with the updated
// coop; the photo it replaces is removed when nothing else shows it.
func (s *server) setCoopImage(which string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		coop, err := s.photos.SetCoopPhoto(c.UserContext(), httpx.Actor(c), param(c, "id"), which, uploadedFile(c))
		if err != nil {
			return err
		}
		return sendPrivate(c, fiber.StatusOK, coop)
	}
}

// clearCoopImage answers DELETE /coops/{id}/logo and /banner with the coop.
func (s *server) clearCoopImage(which string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		coop, err := s.photos.ClearCoopPhoto(c.UserContext(), httpx.Actor(c), param(c, "id"), which)
		if err != nil {
			return err
		}
		return sendPrivate(c, fiber.StatusOK, coop)
	}
}

// uploadedFile opens the photo in the request's "file" field for the photo
// flow, which calls it only after every check: the body is streamed from
// the connection only then.
func uploadedFile(c *fiber.Ctx) photos.Open {
	return func() (io.Reader, error) {
		if mt, _, err := mime.ParseMediaType(c.Get(fiber.HeaderContentType)); err != nil || mt != fiber.MIMEMultipartForm {
			return nil, apperr.New(apperr.KindUnsupportedMedia, apperr.CodeUnsupportedMedia,
				"Ảnh phải được gửi dạng multipart/form-data, trong trường file.")
		}
		f, err := httpbody.ReadForm(c, "file")
		if err != nil {
			return nil, err
		}
		if !f.HasFile {
			return nil, apperr.Field("file", "Chưa có tệp ảnh nào trong trường file.")
		}
		return f.File, nil
	}
}

// mediaMetrics show on /metrics how many uploads were decoded and how much
// of the decode budget is held.
func mediaMetrics(p *media.Processor) []prometheus.Collector {
	return []prometheus.Collector{
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "ganh_media_decodes_total", Help: "Photo uploads whose pixels were decoded.",
		}, func() float64 { return float64(p.Decodes()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "ganh_media_decode_bytes", Help: "Estimated bytes held by the photos being decoded now.",
		}, func() float64 { n, _ := p.DecodeMemory(); return float64(n) }),
	}
}
