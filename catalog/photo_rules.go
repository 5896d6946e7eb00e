package catalog

import (
	"context"
	"strconv"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
)

// Decoding a photo costs seconds of CPU and hundreds of MB, so every rule
// that can refuse an upload without looking at it is checked first, before
// the upload is read: the caller's rights, an approved coop, room for one
// more photo. AddProductImage and SetCoopImage check rights and room again
// in the transaction that keeps the photo.
//
// Only an approved coop takes photos (product photos, logo and banner): an
// application is pending until staff approve it, and anyone can apply, so a
// pending, rejected or suspended coop cannot make the server decode
// anything. Its members add photos once it is approved; staff, who are
// vetted, may add them to any coop. Removing photos stays allowed.

// CheckProductPhoto says whether a may add a photo to the product now.
func (s *Service) CheckProductPhoto(ctx context.Context, a kernel.Caller, productID string) error {
	db := s.read(ctx)
	if _, err := productAccess(db, a, productID, policy.AddProductPhoto, false); err != nil {
		return apperr.Wrap(err, "check product photo")
	}
	var images int64
	if err := db.Model(&imageRow{}).Where("product_id = ?", productID).Count(&images).Error; err != nil {
		return apperr.Wrap(err, "check product photo")
	}
	if images >= MaxImagesPerProduct {
		return errTooManyImages()
	}
	return nil
}

// CheckCoopProductPhoto says whether a may upload a photo for a product of
// the coop that does not exist yet (the new-product form starts the upload
// while she is still typing): the same rights as a product photo, on the
// coop. The room left is checked once the product exists and the photo is
// attached (CheckProductPhoto).
func (s *Service) CheckCoopProductPhoto(ctx context.Context, a kernel.Caller, coopID string) error {
	if _, err := readAccess(s.read(ctx), a, coopID, policy.AddProductPhoto); err != nil {
		return apperr.Wrap(err, "check coop product photo")
	}
	return nil
}

// CheckCoopPhoto says whether a may set the coop's logo or banner from an
// upload now, with CoopImageAccess's rules and answer.
func (s *Service) CheckCoopPhoto(ctx context.Context, a kernel.Caller, coopID, which string) (current *string, err error) {
	return s.coopImage(ctx, a, coopID, which, policy.SetCoopPhoto)
}

func errTooManyImages() error {
	return apperr.Field("file", "Mỗi sản phẩm có tối đa "+strconv.Itoa(MaxImagesPerProduct)+" ảnh.")
}
