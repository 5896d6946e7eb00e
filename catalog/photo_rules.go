package catalog

import (
	"context"
	"strconv"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
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
	if err := s.CanEditProduct(ctx, a, productID); err != nil {
		return err
	}
	var row struct {
		Status CoopStatus
		Images int64
	}
	err := s.read(ctx).Raw(`SELECT c.status, (SELECT COUNT(*) FROM product_images i WHERE i.product_id = p.id) AS images
		FROM products p JOIN coops c ON c.id = p.coop_id WHERE p.id = ?`, productID).Scan(&row).Error
	if err != nil {
		return apperr.Wrap(err, "check product photo")
	}
	if err := photosAllowed(a, row.Status); err != nil {
		return err
	}
	if row.Images >= MaxImagesPerProduct {
		return errTooManyImages()
	}
	return nil
}

// CheckCoopPhoto says whether a may set the coop's logo or banner from an
// upload now, with CoopImageAccess's rules and answer.
func (s *Service) CheckCoopPhoto(ctx context.Context, a kernel.Caller, coopID, which string) (current *string, err error) {
	if current, err = s.CoopImageAccess(ctx, a, coopID, which); err != nil {
		return nil, err
	}
	var status []CoopStatus
	if err := s.read(ctx).Model(&coopRow{}).Where("id = ?", coopID).Pluck("status", &status).Error; err != nil {
		return nil, apperr.Wrap(err, "check coop photo")
	}
	if len(status) == 0 {
		return nil, errNotFound("hợp tác xã")
	}
	return current, photosAllowed(a, status[0])
}

// photosAllowed is the approval rule above.
func photosAllowed(a kernel.Caller, st CoopStatus) error {
	if st == CoopApproved || a.IsStaff() {
		return nil
	}
	return apperr.Forbiddenf("Hợp tác xã chưa được Hội duyệt nên chưa thể tải ảnh lên; có thể thêm ảnh ngay khi được duyệt.")
}

func errTooManyImages() error {
	return apperr.Field("file", "Mỗi sản phẩm có tối đa "+strconv.Itoa(MaxImagesPerProduct)+" ảnh.")
}
