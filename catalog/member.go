package catalog

import (
	"context"
	"errors"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// Member is a person who runs a coop, as its owner and staff see them.
type Member struct {
	UserID    string            `json:"user_id"`
	Name      string            `json:"name"`
	Phone     string            `json:"phone"`
	Role      kernel.MemberRole `json:"role"`
	CreatedAt time.Time         `json:"created_at"`
}

// MemberInput adds a person to a coop by the phone of their account. Role is
// member or steward; ownership is never given this way.
type MemberInput struct {
	Phone string            `json:"phone"`
	Role  kernel.MemberRole `json:"role"`
}

// AddMember lets an existing user help run the coop (owner or staff). A
// steward must be a Hội staff account.
func (s *Service) AddMember(ctx context.Context, a kernel.Caller, coopID string, in MemberInput) (*Member, error) {
	var m Member
	err := s.tx(ctx, "add member", func(tx *gorm.DB) error {
		ac, err := coopAccess(tx, a, coopID, policy.EditMembers)
		if err != nil {
			return err
		}
		var p problems
		phone, err := accounts.NormalizePhone(in.Phone)
		if err != nil {
			p.addErr("phone", err)
		}
		if in.Role != kernel.MemberMember && in.Role != kernel.MemberSteward {
			p.add("role", "Vai trò phải là member hoặc steward.")
		}
		if err := p.err(); err != nil {
			return err
		}
		var u accounts.User
		if err := tx.Where("phone = ?", phone).Take(&u).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return apperr.Field("phone", "Chưa có tài khoản nào với số điện thoại này; người đó cần đăng ký trước.")
			}
			return err
		}
		if in.Role == kernel.MemberSteward && !u.IsStaff() {
			return apperr.Field("role", "Người quản lý hộ (steward) phải là cán bộ Hội.")
		}
		now := s.now()
		if err := tx.Create(&memberRow{CoopID: coopID, UserID: u.ID, Role: in.Role, CreatedAt: now}).Error; err != nil {
			if isDuplicate(err) {
				return apperr.Conflictf(apperr.CodeConflict, "Người này đã là thành viên của hợp tác xã.")
			}
			return err
		}
		m = Member{UserID: u.ID, Name: u.Name, Phone: u.Phone, Role: in.Role, CreatedAt: now}
		return s.audit(tx, ac, "member.add", "member", u.ID, map[string]Change{"role": {After: string(in.Role)}})
	})
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// RemoveMember takes a member or steward off the coop (owner or staff). The
// owner cannot be removed.
func (s *Service) RemoveMember(ctx context.Context, a kernel.Caller, coopID, userID string) error {
	return s.tx(ctx, "remove member", func(tx *gorm.DB) error {
		ac, err := coopAccess(tx, a, coopID, policy.EditMembers)
		if err != nil {
			return err
		}
		var m memberRow
		if err := tx.Where("coop_id = ? AND user_id = ?", coopID, userID).Take(&m).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return errNotFound("thành viên")
			}
			return err
		}
		if m.Role == kernel.MemberOwner {
			return apperr.Conflictf(apperr.CodeConflict, "Không thể xoá chủ hợp tác xã.")
		}
		if err := tx.Where("coop_id = ? AND user_id = ?", coopID, userID).Delete(&memberRow{}).Error; err != nil {
			return err
		}
		return s.audit(tx, ac, "member.remove", "member", userID, map[string]Change{"role": {Before: string(m.Role)}})
	})
}

// Members lists who runs a coop (its members and staff), owner first.
func (s *Service) Members(ctx context.Context, a kernel.Caller, coopID string) ([]Member, error) {
	out := []Member{}
	db := s.read(ctx)
	if _, err := readAccess(db, a, coopID, policy.ReadCoop); err != nil {
		return nil, apperr.Wrap(err, "list members")
	}
	err := db.Table("coop_members cm").
		Select("cm.user_id, u.name, u.phone, cm.role, cm.created_at").
		Joins("JOIN users u ON u.id = cm.user_id").
		Where("cm.coop_id = ?", coopID).
		Order("CASE cm.role WHEN 'owner' THEN 0 ELSE 1 END, cm.created_at").Scan(&out).Error
	if err != nil {
		return nil, apperr.Wrap(err, "list members")
	}
	for i := range out {
		out[i].CreatedAt = out[i].CreatedAt.UTC()
	}
	return out, nil
}
