package photos

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
)

// AddProductPhoto makes the upload open gives the product's next photo.
func (s *Service) AddProductPhoto(ctx context.Context, a kernel.Caller, productID string, open Open) (*catalog.Image, error) {
	if err := s.admit(ctx, a, func() error { return s.catalog.CheckProductPhoto(ctx, a, productID) }); err != nil {
		return nil, err
	}
	p, err := s.process(ctx, open)
	if err != nil {
		return nil, err
	}
	return keep(ctx, s, p, func() (*catalog.Image, error) {
		return s.catalog.AddProductImage(ctx, a, productID, newImage(p))
	})
}

// CompleteDirectUpload makes a browser's direct upload waiting under key
// (catalog.IssueUpload) the product's next photo. The photo is decoded
// now, not when the upload was issued, so the rules are checked again (the
// coop may have been suspended, the product filled up) and it is counted.
func (s *Service) CompleteDirectUpload(ctx context.Context, a kernel.Caller, productID, key string) (*catalog.Image, error) {
	if err := s.admit(ctx, a, func() error { return s.catalog.CheckProductPhoto(ctx, a, productID) }); err != nil {
		return nil, err
	}
	if err := s.catalog.ClaimUpload(ctx, a, productID, key); err != nil {
		return nil, err
	}
	p, err := s.images.ProcessStored(ctx, key)
	if err != nil {
		if retryable(err) {
			// The file is still there (or not there yet): let the member
			// complete it again.
			if rerr := s.catalog.ReleaseUpload(context.WithoutCancel(ctx), a, productID, key); rerr != nil {
				s.log.WarnContext(ctx, "releasing a direct upload failed", "key", key, "error", rerr)
			}
		}
		return nil, err
	}
	return keep(ctx, s, p, func() (*catalog.Image, error) {
		return s.catalog.AddProductImage(ctx, a, productID, newImage(p))
	})
}

// retryable says whether ProcessStored kept the upload for another try: it
// had not arrived, or the server was busy or failed.
func retryable(err error) bool {
	switch apperr.KindOf(err) {
	case apperr.KindNotFound, apperr.KindUnavailable, apperr.KindInternal:
		return true
	}
	return false
}

// RemoveProductPhoto takes a photo off a product; its files go once the
// removal has committed, unless another product or coop still shows it.
func (s *Service) RemoveProductPhoto(ctx context.Context, a kernel.Caller, productID, imageID string) error {
	hash, stillUsed, err := s.catalog.RemoveProductImage(ctx, a, productID, imageID)
	if err != nil {
		return err
	}
	if !stillUsed {
		s.dropUnreferenced(ctx, hash)
	}
	return nil
}

// SetCoopPhoto makes the upload open gives the coop's logo or banner
// (which); the photo it replaces is removed when nothing else shows it.
func (s *Service) SetCoopPhoto(ctx context.Context, a kernel.Caller, coopID, which string, open Open) (*catalog.Coop, error) {
	var old *string
	check := func() (err error) {
		old, err = s.catalog.CheckCoopPhoto(ctx, a, coopID, which)
		return err
	}
	if err := s.admit(ctx, a, check); err != nil {
		return nil, err
	}
	p, err := s.process(ctx, open)
	if err != nil {
		return nil, err
	}
	coop, err := keep(ctx, s, p, func() (*catalog.Coop, error) {
		return s.catalog.SetCoopImage(ctx, a, coopID, which, &p.Hash)
	})
	if err == nil && old != nil && *old != p.Hash {
		s.dropUnreferenced(ctx, *old)
	}
	return coop, err
}

// ClearCoopPhoto removes the coop's logo or banner (which), and its files
// when nothing else shows them.
func (s *Service) ClearCoopPhoto(ctx context.Context, a kernel.Caller, coopID, which string) (*catalog.Coop, error) {
	old, err := s.catalog.CoopImageAccess(ctx, a, coopID, which)
	if err != nil {
		return nil, err
	}
	coop, err := s.catalog.SetCoopImage(ctx, a, coopID, which, nil)
	if err != nil {
		return nil, err
	}
	if old != nil {
		s.dropUnreferenced(ctx, *old)
	}
	return coop, nil
}
