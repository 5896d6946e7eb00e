package catalog

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// MaxImagesPerProduct bounds the photos of one product.
const MaxImagesPerProduct = 10

// NewImage is a processed upload to attach: the media package stores the
// variants under img/<Hash>/… and hands over the hash and the size of the
// photo as stored (orientation applied).
type NewImage struct {
	Hash   string
	Width  int
	Height int
}

// AddProductImage attaches a processed photo to a product (the coop's
// members and staff), after the existing ones.
func (s *Service) AddProductImage(ctx context.Context, a kernel.Caller, productID string, in NewImage) (*Image, error) {
	if !isSHA256Hex(in.Hash) || in.Width <= 0 || in.Height <= 0 {
		return nil, apperr.Wrap(errBadImage, "add product image")
	}
	row := imageRow{ID: newID(), ProductID: productID, Hash: in.Hash, Width: in.Width, Height: in.Height, CreatedAt: s.now()}
	err := s.tx(ctx, "add product image", func(tx *gorm.DB) error {
		ac, _, err := productForWrite(tx, a, productID, policy.EditProducts)
		if err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&imageRow{}).Where("product_id = ?", productID).Count(&n).Error; err != nil {
			return err
		}
		if n >= MaxImagesPerProduct {
			return errTooManyImages()
		}
		var maxPos *int
		if err := tx.Model(&imageRow{}).Where("product_id = ?", productID).Select("MAX(position)").Scan(&maxPos).Error; err != nil {
			return err
		}
		if maxPos != nil {
			row.Position = *maxPos + 1
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		if err := s.touchProduct(tx, productID); err != nil {
			return err
		}
		return s.audit(tx, ac, "image.add", "image", row.ID, map[string]Change{"hash": {After: row.Hash}})
	})
	if err != nil {
		return nil, err
	}
	img, _ := s.imageOf(ctx, row.ID, row.Hash, row.Width, row.Height)
	img.ID, img.Width, img.Height, img.Hash = row.ID, row.Width, row.Height, row.Hash
	return &img, nil
}

// RemoveProductImage detaches a photo (the coop's members and staff) and
// returns its hash; stillUsed says whether another product or coop still
// shows the same photo, so the media objects must stay.
func (s *Service) RemoveProductImage(ctx context.Context, a kernel.Caller, productID, imageID string) (hash string, stillUsed bool, err error) {
	err = s.tx(ctx, "remove product image", func(tx *gorm.DB) error {
		ac, _, err := productForWrite(tx, a, productID, policy.EditProducts)
		if err != nil {
			return err
		}
		var row imageRow
		if err := tx.Where("id = ? AND product_id = ?", imageID, productID).Take(&row).Error; err != nil {
			if isNotFound(err) {
				return errNotFound("ảnh")
			}
			return err
		}
		if err := tx.Delete(&imageRow{}, "id = ?", row.ID).Error; err != nil {
			return err
		}
		hash = row.Hash
		if stillUsed, err = hashInUse(tx, hash); err != nil {
			return err
		}
		if err := s.touchProduct(tx, productID); err != nil {
			return err
		}
		return s.audit(tx, ac, "image.remove", "image", row.ID, map[string]Change{"hash": {Before: row.Hash}})
	})
	return hash, stillUsed, err
}

// SetCoopImage sets or clears (hash nil) a coop's logo or banner (owner and
// staff). which is "logo" or "banner".
func (s *Service) SetCoopImage(ctx context.Context, a kernel.Caller, coopID, which string, hash *string) (*Coop, error) {
	if which != "logo" && which != "banner" {
		return nil, apperr.Field("kind", "Ảnh của hợp tác xã là logo hoặc banner.")
	}
	if hash != nil && !isSHA256Hex(*hash) {
		return nil, apperr.Wrap(errBadImage, "set coop image")
	}
	var r coopRow
	err := s.tx(ctx, "set coop image", func(tx *gorm.DB) error {
		ac, err := coopAccess(tx, a, coopID, policy.ManageCoop)
		if err != nil {
			return err
		}
		r = ac.coop
		col, field := which+"_hash", &r.LogoHash
		if which == "banner" {
			field = &r.BannerHash
		}
		before := *field
		*field, r.UpdatedAt = hash, s.now()
		if err := tx.Model(&coopRow{}).Where("id = ?", coopID).Updates(map[string]any{col: hash, "updated_at": r.UpdatedAt}).Error; err != nil {
			return err
		}
		return s.audit(tx, ac, "coop."+which, "coop", coopID, map[string]Change{col: {Before: before, After: hash}})
	})
	if err != nil {
		return nil, err
	}
	c := s.coopView(ctx, &r, true)
	return &c, nil
}

// touchProduct marks a product changed (its photos are part of its page and
// search document) and queues it for search sync.
func (s *Service) touchProduct(tx *gorm.DB, productID string) error {
	if err := tx.Model(&productRow{}).Where("id = ?", productID).Update("updated_at", s.now()).Error; err != nil {
		return err
	}
	return ProductsChanged(tx, productID)
}

// hashInUse says whether any product or coop still shows the photo.
func hashInUse(tx *gorm.DB, hash string) (bool, error) {
	var n int64
	err := tx.Raw(`SELECT (SELECT COUNT(*) FROM product_images WHERE hash = ?) +
		(SELECT COUNT(*) FROM coops WHERE logo_hash = ? OR banner_hash = ?)`, hash, hash, hash).Scan(&n).Error
	return n > 0, err
}

var errBadImage = apperr.New(apperr.KindInternal, apperr.CodeInternal, "Ảnh chưa được xử lý đúng.")

func isSHA256Hex(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
