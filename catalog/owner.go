package catalog

import (
	"context"
	"errors"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// MoveOwnership makes an existing member (or steward) of the coop its
// owner; the former owner stays on as a member. Who may is policy's
// EditMembers rule: the owner (who leaves, or erases her account), or Hội
// staff overseeing the coop (for an owner who no longer can). A shopper who becomes an
// owner becomes a seller, as applying for a coop makes one. The move is in
// the coop's audit log. Someone who is not a member is a 422 on user_id.
func (s *Service) MoveOwnership(ctx context.Context, a kernel.Caller, coopID, userID string) (*Coop, error) {
	userID = strings.TrimSpace(userID)
	var r coopRow
	err := s.tx(ctx, "move ownership", func(tx *gorm.DB) error {
		ac, err := coopAccess(tx, a, coopID, policy.EditMembers)
		if err != nil {
			return err
		}
		r = ac.coop
		var next memberRow
		if err := tx.Where("coop_id = ? AND user_id = ?", coopID, userID).Take(&next).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return apperr.Field("user_id", "Người nhận quyền chủ phải là thành viên của hợp tác xã.")
			}
			return err
		}
		if next.Role == kernel.MemberOwner {
			return nil // already the owner: nothing moves
		}
		var prev memberRow
		err = tx.Where("coop_id = ? AND role = ?", coopID, kernel.MemberOwner).Take(&prev).Error
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		// The old owner steps down first: one owner per coop is a unique index.
		if err := tx.Model(&memberRow{}).Where("coop_id = ? AND role = ?", coopID, kernel.MemberOwner).Update("role", kernel.MemberMember).Error; err != nil {
			return err
		}
		if err := tx.Model(&memberRow{}).Where("coop_id = ? AND user_id = ?", coopID, userID).Update("role", kernel.MemberOwner).Error; err != nil {
			return err
		}
		if err := tx.Table("users").Where("id = ? AND role = ?", userID, kernel.RoleShopper).
			Updates(map[string]any{"role": kernel.RoleSeller, "updated_at": s.now()}).Error; err != nil {
			return err
		}
		return s.audit(tx, ac, "coop.owner", "member", userID, map[string]Change{"owner": {Before: prev.UserID, After: userID}})
	})
	if err != nil {
		return nil, err
	}
	c := s.coopView(ctx, &r, true)
	return &c, nil
}
