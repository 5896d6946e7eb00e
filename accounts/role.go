package accounts

import (
	"context"
	"errors"
	"log/slog"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// RoleChange is what SetRole did: whose role, from what, to what. It holds
// no personal data, so it can be logged as it is (see LogValue).
type RoleChange struct {
	UserID string
	From   kernel.Role
	To     kernel.Role
}

// Changed says whether the account had another role before.
func (c RoleChange) Changed() bool { return c.From != c.To }

// LogValue is the audit record of the change: the user id and both roles.
func (c RoleChange) LogValue() slog.Value {
	return slog.GroupValue(slog.String("user_id", c.UserID), slog.String("from", string(c.From)), slog.String("to", string(c.To)))
}

// SetRole gives the account with this phone number another role. Nothing
// is revoked: sessions carry no role, every request reads it from the
// account (Authenticate), so the next request already has the new one. An
// unknown role or a malformed phone is a validation failure, a phone
// without an account not_found. The caller logs the returned change as the
// audit record; setting the role it already has changes nothing.
func (s *Service) SetRole(ctx context.Context, phone string, role kernel.Role) (RoleChange, error) {
	var fields []apperr.FieldError
	normalized, err := NormalizePhone(phone)
	if err != nil {
		fields = append(fields, apperr.As(err).Fields...)
	}
	if !role.Valid() {
		fields = append(fields, apperr.FieldError{Field: "role", Message: "Vai trò phải là shopper, seller, staff hoặc admin."})
	}
	if len(fields) > 0 {
		return RoleChange{}, apperr.Invalid("", fields...)
	}
	var change RoleChange
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var u User
		if err := tx.Select("id", "role").Where("phone = ?", normalized).Take(&u).Error; err != nil {
			return err
		}
		change = RoleChange{UserID: u.ID, From: u.Role, To: role}
		if !change.Changed() {
			return nil
		}
		return tx.Model(&User{}).Where("id = ?", u.ID).Updates(map[string]any{"role": role, "updated_at": s.now()}).Error
	})
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return RoleChange{}, apperr.NotFoundf("Không có tài khoản nào với số điện thoại này.")
	}
	if err != nil {
		return RoleChange{}, apperr.Wrap(err, "set role")
	}
	return change, nil
}
