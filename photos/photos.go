// Package photos is the one flow that turns an upload into a product's or a
// coop's photo, for the API and the pages alike: every rule that needs no
// decoding is checked first (the catalog's rights and room, the account's
// upload budget), then the upload is read and processed (media), then the
// catalog is asked to keep it; when the catalog refuses (rights lost, too
// many photos, the product gone meanwhile) the files just stored are
// removed. It sits between media and catalog and knows nothing of HTTP.
package photos

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/media"
)

// cleanupTimeout bounds the removal of unreferenced photo files. It runs
// even when the request's own deadline has passed: the change is committed
// (or refused), and files left behind would wait for the sweeper.
const cleanupTimeout = 30 * time.Second

// Service runs the photo flows. Build it with New.
type Service struct {
	catalog  *catalog.Service
	accounts *accounts.Service
	images   *media.Processor
	log      *slog.Logger
}

// New makes the flows over the catalog and the photo pipeline. Without
// images (an instance with no media store) every upload is refused with
// 503; without acc, uploads are not counted against an upload budget.
func New(cat *catalog.Service, acc *accounts.Service, images *media.Processor, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{catalog: cat, accounts: acc, images: images, log: log}
}

// Open gives an upload's bytes. The flows call it only once every rule
// that needs no decoding has passed, so a front-end that streams the
// request body reads nothing of a refused upload.
type Open func() (io.Reader, error)

// Ready refuses uploads on an instance without a media store.
func (s *Service) Ready() error {
	if s == nil || s.images == nil {
		return apperr.New(apperr.KindUnavailable, apperr.CodeUnavailable, "Chức năng tải ảnh tạm thời chưa sẵn sàng.")
	}
	return nil
}

// admit checks what every upload needs before it is read: a media store
// and the caller's upload budget (accounts.CountPhotoUpload); check is the
// catalog's rule for this photo, between the two.
func (s *Service) admit(ctx context.Context, a kernel.Caller, check func() error) error {
	if err := s.Ready(); err != nil {
		return err
	}
	if err := check(); err != nil {
		return err
	}
	if s.accounts == nil {
		return nil
	}
	return s.accounts.CountPhotoUpload(ctx, a.UserID)
}

// process reads the upload open gives and runs it through the pipeline,
// which enforces size (413), type (415), pixel count and readability (422)
// and its memory budget (503) before storing anything.
func (s *Service) process(ctx context.Context, open Open) (*media.Processed, error) {
	r, err := open()
	if err != nil {
		return nil, err
	}
	return s.images.Process(ctx, r)
}

// keep asks the catalog to keep a processed photo (attach); when it
// refuses, the files this upload stored are removed and its refusal is
// returned. Files that were there before this upload (Reused) are left
// alone: another request of the same bytes may be about to reference them,
// and the sweeper removes them if nobody does.
func keep[T any](ctx context.Context, s *Service, p *media.Processed, attach func() (T, error)) (T, error) {
	v, err := attach()
	if err != nil && !p.Reused {
		s.dropUnreferenced(ctx, p.Hash)
	}
	return v, err
}

// newImage is what the catalog keeps of a processed upload.
func newImage(p *media.Processed) catalog.NewImage {
	return catalog.NewImage{Hash: p.Hash, Width: p.Width, Height: p.Height}
}

// dropUnreferenced removes the files of each photo nothing shows any more.
// It runs after the change has committed (or been refused), so a failure
// is logged rather than returned; the hourly sweep removes what is left.
func (s *Service) dropUnreferenced(ctx context.Context, hashes ...string) {
	if s.images == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
	defer cancel()
	if _, err := media.DeleteUnreferenced(ctx, s.images.Store(), hashes, s.catalog.ImageHashInUse); err != nil {
		s.log.WarnContext(ctx, "removing unreferenced photo files failed; the sweeper will retry",
			"hashes", hashes, "error", err)
	}
}
