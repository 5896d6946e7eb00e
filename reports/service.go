package reports

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// Service answers reports. It only reads, keeps nothing in memory and is
// safe for concurrent use.
type Service struct {
	db *gorm.DB
}

// NewService returns the reports over db (migrated to 00006 or later).
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

func (s *Service) read(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// requireStaff refuses whoever is not Hội staff; marketplace-wide figures
// are theirs alone.
func requireStaff(a kernel.Caller) error {
	if !a.SignedIn() {
		return apperr.Unauthenticatedf("Xin đăng nhập để tiếp tục.")
	}
	if !a.IsStaff() {
		return apperr.Forbiddenf("Chỉ cán bộ Hội mới xem được báo cáo này.")
	}
	return nil
}

// coopFor finds the cooperative (by id or slug) whose report a may read:
// members (owner, member, steward) and staff. To anyone else it does not
// exist, exactly like one that does not.
func coopFor(db *gorm.DB, a kernel.Caller, idOrSlug string) (*CoopRef, error) {
	if !a.SignedIn() {
		return nil, apperr.Unauthenticatedf("Xin đăng nhập để tiếp tục.")
	}
	notFound := apperr.NotFoundf("Không tìm thấy hợp tác xã.")
	if idOrSlug == "" {
		return nil, notFound
	}
	var rows []CoopRef
	if err := db.Table("coops").Select("id, slug, name").
		Where("id = ? OR slug = ?", idOrSlug, idOrSlug).Limit(1).Scan(&rows).Error; err != nil {
		return nil, apperr.Wrap(err, "find coop")
	}
	if len(rows) == 0 {
		return nil, notFound
	}
	c := &rows[0]
	if a.IsStaff() {
		return c, nil
	}
	var n int64
	if err := db.Table("coop_members").Where("coop_id = ? AND user_id = ?", c.ID, a.UserID).Count(&n).Error; err != nil {
		return nil, apperr.Wrap(err, "check membership")
	}
	if n == 0 {
		return nil, notFound
	}
	return c, nil
}
