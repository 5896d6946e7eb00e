package catalog

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// CodeApplicationOpen is the conflict of a second storefront application
// while the same person's first is still pending or rejected: she edits and
// resubmits that one instead (POST /coops/{id}/resubmit).
const CodeApplicationOpen = "application_open"

// resubmittable are the statuses an application may be sent back to the
// Hội from: a rejected one after she fixed what the reason said, and a
// pending one she edited while waiting.
var resubmittable = map[CoopStatus]bool{CoopRejected: true, CoopPending: true}

// ResubmitCoop sends an edited application back to the Hội: rejected or
// pending → pending, kept in the status history and the audit log, the
// rejection reason cleared. The owner does it (staff of the province may,
// on her behalf, as for every owner's action); any other status → 409.
func (s *Service) ResubmitCoop(ctx context.Context, a kernel.Caller, coopID string) (*Coop, error) {
	var r coopRow
	err := s.tx(ctx, "resubmit coop", func(tx *gorm.DB) error {
		ac, err := coopAccess(tx, a, coopID, policy.ManageCoop)
		if err != nil {
			return err
		}
		from := ac.coop.Status
		if !resubmittable[from] {
			return apperr.Conflictf(apperr.CodeConflict, "Chỉ hồ sơ đang chờ duyệt hoặc bị từ chối mới gửi lại được (hiện: %q).", from)
		}
		now := s.now()
		r = ac.coop
		r.Status, r.StatusReason, r.UpdatedAt = CoopPending, "", now
		if err := tx.Model(&coopRow{}).Where("id = ?", r.ID).
			Updates(map[string]any{"status": CoopPending, "status_reason": "", "updated_at": now}).Error; err != nil {
			return err
		}
		if err := tx.Create(&statusRow{ID: newID(), CoopID: r.ID, FromStatus: from, ToStatus: CoopPending, ActorID: &a.UserID, CreatedAt: now}).Error; err != nil {
			return err
		}
		return s.audit(tx, ac, "coop.resubmit", "coop", r.ID, map[string]Change{
			"status":        {Before: string(from), After: string(CoopPending)},
			"status_reason": {Before: ac.coop.StatusReason, After: ""},
		})
	})
	if err != nil {
		return nil, err
	}
	c := s.coopView(ctx, &r, true)
	return &c, nil
}

// refuseSecondApplication is the rule "one open application per person":
// the caller's account row is locked first (on PostgreSQL), so two
// applications sent at once queue and the second sees the first.
func refuseSecondApplication(tx *gorm.DB, a kernel.Caller) error {
	var ids []string
	if err := forUpdate(tx).Table("users").Where("id = ?", a.UserID).Pluck("id", &ids).Error; err != nil {
		return err
	}
	var open int64
	err := tx.Table("coop_members cm").Joins("JOIN coops c ON c.id = cm.coop_id").
		Where("cm.user_id = ? AND cm.role = ? AND c.status IN ?", a.UserID, kernel.MemberOwner, []CoopStatus{CoopPending, CoopRejected}).
		Count(&open).Error
	if err != nil {
		return err
	}
	if open > 0 {
		return apperr.Conflictf(CodeApplicationOpen, "Bạn đã có một hồ sơ mở gian hàng chưa được duyệt. Hãy sửa và gửi lại hồ sơ đó.")
	}
	return nil
}
