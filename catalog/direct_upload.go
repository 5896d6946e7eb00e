package catalog

import (
	"context"
	"time"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// uploadRow is a direct upload (a browser POSTing a photo straight to the
// object store) issued to one member for one product: only that member may
// turn it into a photo of that product.
type uploadRow struct {
	Key       string `gorm:"primaryKey;column:key"`
	UserID    string
	ProductID string
	CreatedAt time.Time
}

func (uploadRow) TableName() string { return "media_uploads" }

// IssueUpload records that a (a member of the product's coop, or staff) was
// given the object key to upload a photo of the product to.
func (s *Service) IssueUpload(ctx context.Context, a kernel.Caller, productID, key string) error {
	return s.tx(ctx, "issue upload", func(tx *gorm.DB) error {
		if _, _, err := productForWrite(tx, a, productID, policy.EditProducts); err != nil {
			return err
		}
		return tx.Create(&uploadRow{Key: key, UserID: a.UserID, ProductID: productID, CreatedAt: s.now()}).Error
	})
}

// ClaimUpload takes the key issued to a for the product, so that exactly one
// request processes it; a key issued to someone else, for another product,
// or already claimed is not found. The caller either finishes with the key
// or hands it back with ReleaseUpload.
func (s *Service) ClaimUpload(ctx context.Context, a kernel.Caller, productID, key string) error {
	return s.tx(ctx, "claim upload", func(tx *gorm.DB) error {
		if _, _, err := productForWrite(tx, a, productID, policy.EditProducts); err != nil {
			return err
		}
		res := tx.Where(map[string]any{"key": key, "user_id": a.UserID, "product_id": productID}).Delete(&uploadRow{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errNotFound("ảnh đã tải lên")
		}
		return nil
	})
}

// ReleaseUpload gives a claimed key back after a failure that a retry may
// cure (the upload has not arrived yet, the server was busy), so the member
// can complete it again.
func (s *Service) ReleaseUpload(ctx context.Context, a kernel.Caller, productID, key string) error {
	err := s.read(ctx).Create(&uploadRow{Key: key, UserID: a.UserID, ProductID: productID, CreatedAt: s.now()}).Error
	if err != nil && !isDuplicate(err) {
		return err
	}
	return nil
}

// PurgeUploads forgets the keys issued before cutoff; the media sweeper
// removes their abandoned objects after the same grace period.
func (s *Service) PurgeUploads(ctx context.Context, cutoff time.Time) (int64, error) {
	res := s.read(ctx).Where("created_at < ?", cutoff).Delete(&uploadRow{})
	return res.RowsAffected, res.Error
}
