package catalog

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
)

// CanEditProduct says whether a may change the product, its photos included
// (the coop's members and staff), answering exactly as the writes do: an
// unauthenticated error for nobody, not found for a product that does not
// exist or that a is not allowed to edit. The API and the pages ask
// (through CheckProductPhoto) before they read an upload: its body streams
// and is left unread, so a stranger's file costs only the bytes the server
// takes in with the request's headers.
// It only reads: no lock, no transaction (see readAccess).
func (s *Service) CanEditProduct(ctx context.Context, a kernel.Caller, productID string) error {
	_, err := productAccess(s.read(ctx), a, productID, policy.EditProducts, false)
	return apperr.Wrap(err, "check product access")
}

// CoopImageAccess says whether a may set the coop's logo or banner (which is
// "logo" or "banner"), with the rules of SetCoopImage, and returns the hash
// it shows now (nil when unset). The API asks before processing an upload,
// and removes the current photo's files once the change has committed if
// nothing else shows it. A concurrent change may replace the image between
// the two calls; the photo it set is then left to the sweeper, never deleted
// while in use, because removal asks ImageHashInUse first.
func (s *Service) CoopImageAccess(ctx context.Context, a kernel.Caller, coopID, which string) (current *string, err error) {
	return s.coopImage(ctx, a, coopID, which, policy.ManageCoop)
}

// coopImage is the current logo or banner of a coop on which a may do act.
func (s *Service) coopImage(ctx context.Context, a kernel.Caller, coopID, which string, act policy.Action) (*string, error) {
	if which != "logo" && which != "banner" {
		return nil, errBadCoopImageKind()
	}
	ac, err := readAccess(s.read(ctx), a, coopID, act)
	if err != nil {
		return nil, apperr.Wrap(err, "check coop image access")
	}
	if which == "banner" {
		return ac.coop.BannerHash, nil
	}
	return ac.coop.LogoHash, nil
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
