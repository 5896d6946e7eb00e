package reports

import (
	"context"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// Service answers reports. It only reads (the rollups it reads are kept by
// Rollups), keeps nothing in memory and is safe for concurrent use.
type Service struct {
	db *gorm.DB
}

// NewService returns the reports over db (migrated to 00006 or later).
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

func (s *Service) read(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// requireMarket refuses whoever policy does not let read the marketplace's
// figures (Hội staff), and returns the province whose coops the figures
// cover ("" for every coop): policy's MarketReport for the province asked
// (a slug, "" for all the caller oversees).
func requireMarket(a kernel.Caller, province string) (string, error) {
	if err := policy.Gate(a, policy.ReadMarketReport).Err(nil); err != nil {
		return "", err
	}
	province = strings.TrimSpace(province)
	if province != "" {
		if _, ok := catalog.ProvinceBySlug(province); !ok {
			return "", apperr.Field("province", "Không có tỉnh này trong danh sách.")
		}
	}
	o, d := policy.MarketReport(a, province)
	if err := d.Err(nil); err != nil {
		return "", err
	}
	if o.All {
		return "", nil
	}
	return o.Province, nil
}

// inProvince is the condition that a coop id column (col) names a coop of
// the province, for queries over rollups and orders that carry no province.
func inProvince(col string) string {
	return col + " IN (SELECT id FROM coops WHERE province = ?)"
}

// coopFor finds the cooperative (by id or slug) whose report a may read,
// with policy's ReadCoopReport: to whoever may not, it does not exist,
// exactly like one that does not.
func coopFor(db *gorm.DB, a kernel.Caller, idOrSlug string) (*CoopRef, error) {
	if err := policy.Gate(a, policy.ReadCoopReport).Err(nil); err != nil {
		return nil, err
	}
	notFound := apperr.NotFoundf("Không tìm thấy hợp tác xã.")
	if idOrSlug == "" {
		return nil, notFound
	}
	var rows []struct{ ID, Slug, Name, Province string }
	if err := db.Table("coops").Select("id, slug, name, province").
		Where("id = ? OR slug = ?", idOrSlug, idOrSlug).Limit(1).Scan(&rows).Error; err != nil {
		return nil, apperr.Wrap(err, "find coop")
	}
	if len(rows) == 0 {
		return nil, notFound
	}
	c := &rows[0]
	var roles []kernel.MemberRole
	if err := db.Table("coop_members").Where("coop_id = ? AND user_id = ?", c.ID, a.UserID).
		Limit(1).Pluck("role", &roles).Error; err != nil {
		return nil, apperr.Wrap(err, "check membership")
	}
	f := policy.Facts{Province: c.Province}
	if len(roles) > 0 {
		f.Member = roles[0]
	}
	if err := policy.Decide(a, policy.ReadCoopReport, f).Err(notFound); err != nil {
		return nil, err
	}
	return &CoopRef{ID: c.ID, Slug: c.Slug, Name: c.Name}, nil
}
