package orders

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/places"
)

// MatchLegacyCommunes gives orders placed before communes were checked (an
// empty ship_commune_code) the code of their commune where the text is
// exactly one of the list's names in the order's province; the text stays
// as typed. Erased addresses (empty text) stay empty. It answers how many
// orders it coded; running it again does nothing new.
func (s *Service) MatchLegacyCommunes(ctx context.Context) (matched int, err error) {
	var pairs []struct{ ShipProvince, ShipCommune string }
	err = s.db.WithContext(ctx).Table("orders").Distinct("ship_province", "ship_commune").
		Where("ship_commune_code = '' AND ship_commune <> ''").Scan(&pairs).Error
	if err != nil {
		return 0, apperr.Wrap(err, "read uncoded communes")
	}
	for _, p := range pairs {
		c, ok := places.Match(p.ShipProvince, p.ShipCommune)
		if !ok {
			continue
		}
		res := s.db.WithContext(ctx).Exec(`UPDATE orders SET ship_commune_code = ?
			WHERE ship_province = ? AND ship_commune = ? AND ship_commune_code = ''`, c.Code, p.ShipProvince, p.ShipCommune)
		if res.Error != nil {
			return matched, apperr.Wrap(res.Error, "code communes")
		}
		matched += int(res.RowsAffected)
	}
	return matched, nil
}
