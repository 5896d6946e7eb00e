package catalog

import (
	"context"
	"errors"
	"strings"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"gorm.io/gorm"
)

// mayMoveOwnership is the one rule of who may give a coop another owner
// (to move into package policy): its owner, or Hội staff. An owner who
// leaves (or erases her account) hands the coop on; staff do it for a
// coop whose owner can no longer.
func mayMoveOwnership(ac *access) bool { return ac.staff || ac.role == MemberOwner }

// MoveOwnership makes an existing member (or steward) of the coop its
// owner; the former owner stays on as a member. A shopper who becomes an
// owner becomes a seller, as applying for a coop makes one. The move is in
// the coop's audit log. Someone who is not a member is a 422 on user_id.
func (s *Service) MoveOwnership(ctx context.Context, a Actor, coopID, userID string) (*Coop, error) {
	userID = strings.TrimSpace(userID)
	var r coopRow
	err := s.tx(ctx, "move ownership", func(tx *gorm.DB) error {
		ac, err := coopAccess(tx, a, coopID)
		if err != nil {
			return err
		}
		if !mayMoveOwnership(ac) {
			return apperr.Forbiddenf("Chỉ chủ hợp tác xã hoặc cán bộ Hội được chuyển quyền chủ.")
		}
		r = ac.coop
		var next memberRow
		if err := tx.Where("coop_id = ? AND user_id = ?", coopID, userID).Take(&next).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return apperr.Field("user_id", "Người nhận quyền chủ phải là thành viên của hợp tác xã.")
			}
			return err
		}
		if next.Role == MemberOwner {
			return nil // already the owner: nothing moves
		}
		var prev memberRow
		err = tx.Where("coop_id = ? AND role = ?", coopID, MemberOwner).Take(&prev).Error
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		// The old owner steps down first: one owner per coop is a unique index.
		if err := tx.Model(&memberRow{}).Where("coop_id = ? AND role = ?", coopID, MemberOwner).Update("role", MemberMember).Error; err != nil {
			return err
		}
		if err := tx.Model(&memberRow{}).Where("coop_id = ? AND user_id = ?", coopID, userID).Update("role", MemberOwner).Error; err != nil {
			return err
		}
		if err := tx.Model(&accounts.User{}).Where("id = ? AND role = ?", userID, accounts.RoleShopper).
			Updates(map[string]any{"role": accounts.RoleSeller, "updated_at": s.now()}).Error; err != nil {
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
