package accounts

import (
	"context"
	"errors"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// AuditStaffProvinceSet is the audit action of a staff account's province
// being set or cleared.
const AuditStaffProvinceSet = "staff.province"

// SetStaffProvince scopes the staff account targetID to province (a slug
// the caller has checked against catalog's provinces; "" for every
// province) and returns the account. Only an admin of every province may:
// a scoped member widening her own or a colleague's reach would defeat the
// scope. Only staff accounts carry a province. The change is audited (who,
// for whom, from where; the province itself is on the account).
func (s *Service) SetStaffProvince(ctx context.Context, a kernel.Caller, targetID, province, clientIP string) (*User, error) {
	if !a.SignedIn() {
		return nil, apperr.Unauthenticatedf("Vui lòng đăng nhập.")
	}
	if a.Role != kernel.RoleAdmin || a.Province != "" {
		return nil, apperr.Forbiddenf("Chỉ quản trị viên toàn quốc được đổi tỉnh phụ trách của cán bộ Hội.")
	}
	province = strings.TrimSpace(province)
	var out User
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("id = ?", targetID).Take(&out).Error; err != nil {
			return err
		}
		if province != "" && !out.IsStaff() {
			return apperr.Invalid("", apperr.FieldError{Field: "province", Message: "Chỉ tài khoản cán bộ Hội mới gắn với một tỉnh."})
		}
		var value *string
		if province != "" {
			value = &province
		}
		out.Province, out.UpdatedAt = value, s.now()
		if err := tx.Model(&User{}).Where("id = ?", out.ID).
			Updates(map[string]any{"province": value, "updated_at": out.UpdatedAt}).Error; err != nil {
			return err
		}
		return s.audit(tx, AuditStaffProvinceSet, a.UserID, out.ID, clientIP)
	})
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, apperr.NotFoundf("Không tìm thấy tài khoản.")
	}
	if err != nil {
		return nil, apperr.Wrap(err, "set staff province")
	}
	return &out, nil
}
