package catalog

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/places"
)

// MatchLegacyCommunes gives coops stored before communes were checked (an
// empty commune_code) the code of their commune where the text is exactly
// one of the list's names in the coop's province (case and Unicode form
// aside). Their text stays as typed. What stays unmatched is the staff's
// review list (CoopFilter.PlaceReview). It answers how many coops it coded
// and how many are left; running it again does nothing new, so serve calls
// it at every start.
func (s *Service) MatchLegacyCommunes(ctx context.Context) (matched, left int, err error) {
	var pairs []struct{ Province, Commune string }
	err = s.read(ctx).Table("coops").Distinct("province", "commune").
		Where("commune_code = ''").Scan(&pairs).Error
	if err != nil {
		return 0, 0, apperr.Wrap(err, "read uncoded communes")
	}
	for _, p := range pairs {
		c, ok := places.Match(p.Province, p.Commune)
		if !ok {
			continue
		}
		res := s.db.WithContext(ctx).Exec(`UPDATE coops SET commune_code = ?
			WHERE province = ? AND commune = ? AND commune_code = ''`, c.Code, p.Province, p.Commune)
		if res.Error != nil {
			return matched, 0, apperr.Wrap(res.Error, "code communes")
		}
		matched += int(res.RowsAffected)
	}
	var n int64
	if err := s.read(ctx).Table("coops").Where("commune_code = ''").Count(&n).Error; err != nil {
		return matched, 0, apperr.Wrap(err, "count uncoded communes")
	}
	return matched, int(n), nil
}
