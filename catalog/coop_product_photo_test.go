package catalog_test

import (
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// TestCheckCoopProductPhoto: a photo for a product not created yet may be
// uploaded by the coop's members and staff, once the coop is approved;
// strangers and the signed-out may not, and a pending coop takes none.
func TestCheckCoopProductPhoto(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		owner, staff, stranger := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff), f.user(kernel.RoleShopper)
		approved := f.coop(owner, staff, "HTX Ảnh trước", true)
		applicant := f.user(kernel.RoleShopper)
		pending := f.coop(applicant, staff, "HTX Chờ duyệt", false)

		for _, a := range []kernel.Caller{owner, staff} {
			if err := f.s.CheckCoopProductPhoto(f.ctx, a, approved.ID); err != nil {
				t.Errorf("%+v on the approved coop: %v", a, err)
			}
		}
		wantKind(t, f.s.CheckCoopProductPhoto(f.ctx, stranger, approved.ID), apperr.KindNotFound)
		wantKind(t, f.s.CheckCoopProductPhoto(f.ctx, kernel.Anonymous, approved.ID), apperr.KindUnauthenticated)
		wantKind(t, f.s.CheckCoopProductPhoto(f.ctx, owner, "no-such-coop"), apperr.KindNotFound)
		if err := f.s.CheckCoopProductPhoto(f.ctx, applicant, pending.ID); err == nil || apperr.KindOf(err) == apperr.KindNotFound {
			t.Errorf("a pending coop's own applicant: %v, want a refusal that is not 404", err)
		}
	})
}
