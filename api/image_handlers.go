package api

import (
	"context"
	"mime"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpbody"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/media"
	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
)

// cleanupTimeout bounds the removal of unreferenced photo files after a
// commit. It runs even when the request's own deadline has passed: the
// change is committed, and files left behind would wait for the sweeper.
const cleanupTimeout = 30 * time.Second

// addProductImage answers POST /products/{id}/images: a photo in the
// multipart field "file" becomes the product's next image. Every rule that
// needs no decoding (rights, an approved coop, room for one more photo, the
// caller's upload budget) is checked before the upload is read.
func (s *server) addProductImage(c *fiber.Ctx) error {
	ctx, a, productID := c.UserContext(), httpx.Actor(c), param(c, "id")
	if err := s.mediaReady(); err != nil {
		return err
	}
	if err := s.catalog.CheckProductPhoto(ctx, a, productID); err != nil {
		return err
	}
	if err := s.countPhotoUpload(c); err != nil {
		return err
	}
	p, err := s.processUpload(c)
	if err != nil {
		return err
	}
	img, err := s.catalog.AddProductImage(ctx, a, productID, newImage(p))
	if err != nil {
		s.discardProcessed(ctx, p)
		return err
	}
	return sendPrivate(c, fiber.StatusCreated, img)
}

// removeProductImage answers DELETE /products/{id}/images/{image_id}; the
// photo's files go once the removal has committed, unless another product
// or coop still shows the same photo.
func (s *server) removeProductImage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	hash, stillUsed, err := s.catalog.RemoveProductImage(ctx, httpx.Actor(c), param(c, "id"), param(c, "image_id"))
	if err != nil {
		return err
	}
	if !stillUsed {
		s.dropUnreferenced(ctx, hash)
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// setCoopImage answers POST /coops/{id}/logo and /banner with the updated
// coop; the photo it replaces is removed when nothing else shows it.
func (s *server) setCoopImage(which string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx, a, coopID := c.UserContext(), httpx.Actor(c), param(c, "id")
		if err := s.mediaReady(); err != nil {
			return err
		}
		old, err := s.catalog.CheckCoopPhoto(ctx, a, coopID, which)
		if err != nil {
			return err
		}
		if err := s.countPhotoUpload(c); err != nil {
			return err
		}
		p, err := s.processUpload(c)
		if err != nil {
			return err
		}
		coop, err := s.catalog.SetCoopImage(ctx, a, coopID, which, &p.Hash)
		if err != nil {
			s.discardProcessed(ctx, p)
			return err
		}
		if old != nil && *old != p.Hash {
			s.dropUnreferenced(ctx, *old)
		}
		return sendPrivate(c, fiber.StatusOK, coop)
	}
}

// clearCoopImage answers DELETE /coops/{id}/logo and /banner with the coop.
func (s *server) clearCoopImage(which string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx, a, coopID := c.UserContext(), httpx.Actor(c), param(c, "id")
		old, err := s.catalog.CoopImageAccess(ctx, a, coopID, which)
		if err != nil {
			return err
		}
		coop, err := s.catalog.SetCoopImage(ctx, a, coopID, which, nil)
		if err != nil {
			return err
		}
		if old != nil {
			s.dropUnreferenced(ctx, *old)
		}
		return sendPrivate(c, fiber.StatusOK, coop)
	}
}

// mediaReady refuses photo uploads on an instance without a media store.
func (s *server) mediaReady() error {
	if s.media == nil || s.images == nil {
		return apperr.New(apperr.KindUnavailable, apperr.CodeUnavailable, "Máy chủ chưa được cấu hình kho ảnh.")
	}
	return nil
}

// countPhotoUpload counts an upload against the signed-in caller's budget
// (accounts.CountPhotoUpload), before it is read.
func (s *server) countPhotoUpload(c *fiber.Ctx) error {
	if s.accounts == nil {
		return nil
	}
	return s.accounts.CountPhotoUpload(c.UserContext(), httpx.CurrentUser(c).ID)
}

// processUpload runs the photo in the request's "file" field through the
// pipeline, which enforces size (413), type (415), pixel count and
// readability (422) and its memory budget (503) before storing anything.
// The body is streamed from the connection only now, after every check.
func (s *server) processUpload(c *fiber.Ctx) (*media.Processed, error) {
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
	return s.images.Process(c.UserContext(), f.File)
}

// newImage is what the catalog keeps of a processed upload.
func newImage(p *media.Processed) catalog.NewImage {
	return catalog.NewImage{Hash: p.Hash, Width: p.Width, Height: p.Height}
}

// discardProcessed removes the files an upload just stored when the catalog
// refused the photo (too many photos, a membership removed meanwhile). Files
// that were there before this upload (Reused) are left alone: another
// request of the same bytes may be about to reference them, and the sweeper
// removes them if nobody does.
func (s *server) discardProcessed(ctx context.Context, p *media.Processed) {
	if !p.Reused {
		s.dropUnreferenced(ctx, p.Hash)
	}
}

// dropUnreferenced removes the files of each photo nothing shows any more.
// It runs after the change has committed, so a failure is logged rather than
// returned; the hourly sweep removes what is left.
func (s *server) dropUnreferenced(ctx context.Context, hashes ...string) {
	if s.media == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
	defer cancel()
	if _, err := media.DeleteUnreferenced(ctx, s.media, hashes, s.catalog.ImageHashInUse); err != nil {
		s.log.WarnContext(ctx, "removing unreferenced photo files failed; the sweeper will retry",
			"hashes", hashes, "error", err)
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
