package catalog

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"gorm.io/gorm"
)

// CanEditProduct says whether a may change the product, its photos included
// (the coop's members and staff), answering exactly as the writes do: an
// unauthenticated error for nobody, not found for a product that does not
// exist or that a is not allowed to edit. The API and the pages ask
// (through CheckProductPhoto) before they read an upload: its body streams
// and is left unread, so a stranger's file costs only the bytes the server
// takes in with the request's headers.
func (s *Service) CanEditProduct(ctx context.Context, a Actor, productID string) error {
	return s.tx(ctx, "check product access", func(tx *gorm.DB) error {
		_, _, err := productForWrite(tx, a, productID)
		return err
	})
}

// CoopImageAccess says whether a may set the coop's logo or banner (which is
// "logo" or "banner"), with the rules of SetCoopImage, and returns the hash
// it shows now (nil when unset). The API asks before processing an upload,
// and removes the current photo's files once the change has committed if
// nothing else shows it. A concurrent change may replace the image between
// the two calls; the photo it set is then left to the sweeper, never deleted
// while in use, because removal asks ImageHashInUse first.
func (s *Service) CoopImageAccess(ctx context.Context, a Actor, coopID, which string) (current *string, err error) {
	if which != "logo" && which != "banner" {
		return nil, errBadCoopImageKind()
	}
	err = s.tx(ctx, "check coop image access", func(tx *gorm.DB) error {
		ac, err := manageAccess(tx, a, coopID)
		if err != nil {
			return err
		}
		current = ac.coop.LogoHash
		if which == "banner" {
			current = ac.coop.BannerHash
		}
		return nil
	})
	return current, err
}

// ImageHashInUse says whether any product photo, coop logo or coop banner
// shows the image whose upload hashed to hash. It is the media.Referenced
// the sweeper and the removal of photos ask before deleting files.
func (s *Service) ImageHashInUse(ctx context.Context, hash string) (bool, error) {
	return hashInUse(s.read(ctx), hash)
}

func errBadCoopImageKind() error {
	return apperr.Field("kind", "Ảnh của hợp tác xã là logo hoặc banner.")
}
