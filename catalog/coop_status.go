package catalog

import (
	"context"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// ApproveCoop makes a pending, rejected or suspended coop public (staff).
func (s *Service) ApproveCoop(ctx context.Context, a kernel.Caller, coopID, note string) (*Coop, error) {
	return s.moveCoop(ctx, a, coopID, CoopApproved, note)
}

// RejectCoop turns down an application; the reason is shown to the owner.
func (s *Service) RejectCoop(ctx context.Context, a kernel.Caller, coopID, reason string) (*Coop, error) {
	return s.moveCoop(ctx, a, coopID, CoopRejected, reason)
}

// SuspendCoop takes an approved coop off the market: its products leave
// search and cannot be bought until it is approved again.
func (s *Service) SuspendCoop(ctx context.Context, a kernel.Caller, coopID, reason string) (*Coop, error) {
	return s.moveCoop(ctx, a, coopID, CoopSuspended, reason)
}

// moveCoop applies one status move: staff only, a reason where the owner must
// be told why, 409 for a move the lifecycle does not allow. The move is kept
// in coop_status_history and the audit log, and every product of the coop is
// queued for search sync since its purchasability changed.
func (s *Service) moveCoop(ctx context.Context, a kernel.Caller, coopID string, to CoopStatus, reason string) (*Coop, error) {
	if err := policy.Gate(a, policy.ModerateCoop).Err(nil); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	var p problems
	if to.reasonRequired() {
		reason = p.text("reason", reason, 1, 1000)
	} else {
		reason = p.text("reason", reason, 0, 1000)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	var r coopRow
	err := s.tx(ctx, "change coop status", func(tx *gorm.DB) error {
		ac, err := coopAccess(tx, a, coopID, policy.ModerateCoop)
		if err != nil {
			return err
		}
		from := ac.coop.Status
		if !from.CanMove(to) {
			return apperr.Conflictf(apperr.CodeConflict, "Không thể chuyển hợp tác xã từ trạng thái %q sang %q.", from, to)
		}
		now := s.now()
		r = ac.coop
		r.Status, r.StatusReason, r.UpdatedAt = to, reason, now
		if err := tx.Model(&coopRow{}).Where("id = ?", r.ID).
			Updates(map[string]any{"status": to, "status_reason": reason, "updated_at": now}).Error; err != nil {
			return err
		}
		if err := tx.Create(&statusRow{ID: newID(), CoopID: r.ID, FromStatus: from, ToStatus: to, Reason: reason, ActorID: &a.UserID, CreatedAt: now}).Error; err != nil {
			return err
		}
		if err := coopProductsChanged(tx, r.ID); err != nil {
			return err
		}
		if err := notifyCoopMoved(tx, &r); err != nil {
			return err
		}
		return s.audit(tx, ac, "coop."+statusAction(to), "coop", r.ID, map[string]Change{
			"status":        {Before: string(from), After: string(to)},
			"status_reason": {Before: ac.coop.StatusReason, After: reason},
		})
	})
	if err != nil {
		return nil, err
	}
	c := s.coopView(ctx, &r, true)
	return &c, nil
}

func statusAction(to CoopStatus) string {
	switch to {
	case CoopApproved:
		return "approve"
	case CoopRejected:
		return "reject"
	case CoopSuspended:
		return "suspend"
	}
	return string(to)
}

// StatusChange is one move in a coop's life: who made it, when and why.
type StatusChange struct {
	From   CoopStatus `json:"from"`
	To     CoopStatus `json:"to"`
	Reason string     `json:"reason"`
	By     *string    `json:"by"`
	At     time.Time  `json:"at"`
}

// CoopHistory lists a coop's status moves, oldest first (members and staff).
func (s *Service) CoopHistory(ctx context.Context, a kernel.Caller, coopID string) ([]StatusChange, error) {
	var rows []statusRow
	db := s.read(ctx)
	if _, err := readAccess(db, a, coopID, policy.ReadCoop); err != nil {
		return nil, apperr.Wrap(err, "read coop history")
	}
	if err := db.Where("coop_id = ?", coopID).Order("id").Find(&rows).Error; err != nil {
		return nil, apperr.Wrap(err, "read coop history")
	}
	out := make([]StatusChange, len(rows))
	for i, r := range rows {
		out[i] = StatusChange{From: r.FromStatus, To: r.ToStatus, Reason: r.Reason, By: r.ActorID, At: r.CreatedAt.UTC()}
	}
	return out, nil
}
