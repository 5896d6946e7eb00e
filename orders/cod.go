package orders

import (
	"context"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// CODRefusedInput is the body of POST /orders/{code}/cod-refused.
type CODRefusedInput struct {
	Reason string `json:"reason,omitempty"`
}

// CODRefused records, for a member of the selling coop, that the buyer of a
// delivered cash-on-delivery order did not pay at the door ("không thu được
// tiền"): the order is unpaid again, the parcel came back, so its stock and
// sales count return and the sales reports leave it out (the
// DeliveryRecorder's RecordRefused), all in one transaction. Once per order;
// anything but a delivered COD order is a conflict.
func (s *Service) CODRefused(ctx context.Context, c Caller, code string, in CODRefusedInput) (*Order, error) {
	var p problems
	reason := p.text("reason", in.Reason, 0, 500)
	if err := p.err(); err != nil {
		return nil, err
	}
	var out *Order
	err := s.byCode(ctx, c, func() error {
		return s.tx(ctx, "record cod refused", func(tx *gorm.DB) error {
			j, err := orderFor(tx, c, code, policy.AdvanceOrder)
			if err != nil {
				return err
			}
			o := &j.O
			switch {
			case o.PaymentMethod != PayCOD:
				return apperr.Conflictf(apperr.CodeConflict, "Chỉ đơn trả tiền khi nhận hàng (COD) mới ghi «không thu được tiền».")
			case o.CODRefusedAt != nil:
				return apperr.Conflictf(apperr.CodeConflict, "Đơn hàng này đã được ghi là không thu được tiền.")
			case o.Status != StatusDelivered:
				return apperr.Conflictf(apperr.CodeConflict, "Chỉ ghi «không thu được tiền» cho đơn đã giao.")
			}
			now := s.clock()
			res := tx.Model(&orderRow{}).Where("id = ? AND status = ? AND cod_refused_at IS NULL", o.ID, StatusDelivered).
				Updates(map[string]any{"cod_refused_at": now, "payment_status": Unpaid, "paid_at": nil, "updated_at": now})
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected != 1 {
				return apperr.Conflictf(apperr.CodeConflict, "Đơn hàng này đã được ghi là không thu được tiền.")
			}
			o.CODRefusedAt, o.PaymentStatus, o.PaidAt, o.UpdatedAt = &now, Unpaid, nil, now
			note := "Không thu được tiền khi giao hàng; hàng đã về kho."
			if reason != "" {
				note = strings.TrimSuffix(note, ".") + ". " + reason
			}
			h := historyRow{ID: newID(), OrderID: o.ID, FromStatus: o.Status, Status: o.Status, Actor: c.byOf(), Reason: note, CreatedAt: now}
			if err := tx.Create(&h).Error; err != nil {
				return err
			}
			if err := restock(tx, o); err != nil {
				return err
			}
			if err := s.deliveries.RecordRefused(tx, o.ID); err != nil {
				return err
			}
			out, err = hydrateOne(tx, j)
			return err
		})
	})
	return out, err
}
