package orders

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// StatusInput is the body of POST /orders/{code}/status.
type StatusInput struct {
	Status Status `json:"status"`
	Reason string `json:"reason,omitempty"`
}

// settable are the statuses a seller may ask for; anything else, pending
// included, is a validation failure rather than a conflict.
var settable = []Status{StatusConfirmed, StatusShipping, StatusDelivered, StatusCancelled}

// statusLabel is how a status reads in Vietnamese messages.
var statusLabel = map[Status]string{
	StatusPending:   "chờ xác nhận",
	StatusConfirmed: "đã xác nhận",
	StatusShipping:  "đang giao",
	StatusDelivered: "đã giao",
	StatusCancelled: "đã huỷ",
}

// Cancel cancels an order for its buyer (their account, or a guest with the
// order's phone) while it is pending or confirmed; the stock returns in the
// same transaction. A reason is required: the seller reads it.
func (s *Service) Cancel(ctx context.Context, c Caller, code, reason string) (*Order, error) {
	var p problems
	reason = p.text("reason", reason, 1, 500)
	if err := p.err(); err != nil {
		return nil, err
	}
	return s.transition(ctx, c, code, policy.CancelOrder, StatusCancelled, reason)
}

// SetStatus moves an order along the state machine for a member of the
// selling coop (owner, member or steward). An unknown status is a
// validation failure; a move the state machine does not allow, or one that
// lost a race with another move, is a conflict. Cancelling needs a reason.
func (s *Service) SetStatus(ctx context.Context, c Caller, code string, in StatusInput) (*Order, error) {
	var p problems
	if !isSettable(in.Status) {
		p.add("status", "Trạng thái phải là confirmed, shipping, delivered hoặc cancelled.")
	}
	min := 0
	if in.Status == StatusCancelled {
		min = 1
	}
	reason := p.text("reason", in.Reason, min, 500)
	if err := p.err(); err != nil {
		return nil, err
	}
	return s.transition(ctx, c, code, policy.AdvanceOrder, in.Status, reason)
}

func isSettable(st Status) bool {
	for _, s := range settable {
		if s == st {
			return true
		}
	}
	return false
}

// transition is the shape of every status move: load the order the caller
// may do act to, apply the move, answer the updated order.
func (s *Service) transition(ctx context.Context, c Caller, code string, act policy.Action, to Status, reason string) (*Order, error) {
	var out *Order
	err := s.byCode(ctx, c, func() error {
		return s.tx(ctx, "move order", func(tx *gorm.DB) error {
			j, err := orderFor(tx, c, code, act)
			if err != nil {
				return err
			}
			// A paid order is the seller's to cancel (she refunds); the
			// buyer's cancel also loses to a payment committing meanwhile
			// (move's UPDATE checks it again), so a transfer racing a
			// cancel ends in exactly one of paid or cancelled.
			byBuyer := act == policy.CancelOrder
			if byBuyer && j.O.PaymentStatus == Paid {
				return apperr.Conflictf(apperr.CodeConflict, "Đơn hàng đã được thanh toán nên không huỷ được ở đây; xin liên hệ người bán.")
			}
			if err := s.move(tx, &j.O, to, c.byOf(), reason, byBuyer); err != nil {
				return err
			}
			// Cancelling is the buyer's act; every other move the seller's.
			if err := notifyMoved(tx, j, act == policy.CancelOrder, reason); err != nil {
				return err
			}
			out, err = hydrateOne(tx, j)
			return err
		})
	})
	return out, err
}

// move applies one state-machine move to r. The UPDATE is conditional on the
// status the caller saw, so of two concurrent moves exactly one wins and the
// other is a conflict. A cancellation returns the stock and the sales count
// in the same transaction. A cash-on-delivery order that reaches delivered
// is paid in the same UPDATE: the courier collected the money (the one place
// this rule lives; CODRefused undoes it when she did not). unpaidOnly makes
// the move conditional on the order being unpaid too (the buyer's cancel).
func (s *Service) move(tx *gorm.DB, r *orderRow, to Status, by, reason string, unpaidOnly bool) error {
	from := r.Status
	if !from.CanMove(to) {
		return apperr.Conflictf(apperr.CodeConflict, "Không thể chuyển đơn hàng từ «%s» sang «%s».", statusLabel[from], statusLabel[to])
	}
	now := s.clock()
	set := map[string]any{"status": to, "updated_at": now}
	codSettled := to == StatusDelivered && r.PaymentMethod == PayCOD && r.PaymentStatus == Unpaid
	if codSettled {
		set["payment_status"], set["paid_at"] = Paid, now
	}
	q := tx.Model(&orderRow{}).Where("id = ? AND status = ?", r.ID, from)
	if unpaidOnly {
		q = q.Where("payment_status = ?", Unpaid)
	}
	res := q.Updates(set)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return apperr.Conflictf(apperr.CodeConflict, "Đơn hàng vừa được người khác cập nhật; hãy tải lại rồi thử lại.")
	}
	r.Status, r.UpdatedAt = to, now
	if codSettled {
		r.PaymentStatus, r.PaidAt = Paid, &now
	}
	h := historyRow{ID: newID(), OrderID: r.ID, FromStatus: from, Status: to, Actor: by, Reason: reason, CreatedAt: now}
	if err := tx.Create(&h).Error; err != nil {
		return err
	}
	if to == StatusCancelled {
		return restock(tx, r)
	}
	if to == StatusDelivered {
		return s.deliveries.RecordDelivered(tx, r.ID)
	}
	return nil
}

// restock undoes a cancelled order's sale: stock back on its variants, the
// units off its products' sold counts, the products queued for search.
func restock(tx *gorm.DB, r *orderRow) error {
	var items []itemRow
	if err := tx.Where("order_id = ?", r.ID).Find(&items).Error; err != nil {
		return err
	}
	return returnStock(tx, items)
}

// MarkPaid records that a bank-transfer order's money arrived (members of
// the selling coop). Marking a paid order again changes nothing; a COD or
// cancelled order is a conflict.
func (s *Service) MarkPaid(ctx context.Context, c Caller, code string) (*Order, error) {
	var out *Order
	err := s.byCode(ctx, c, func() error { return s.markPaid(ctx, c, code, &out) })
	return out, err
}

func (s *Service) markPaid(ctx context.Context, c Caller, code string, out **Order) error {
	return s.tx(ctx, "mark order paid", func(tx *gorm.DB) error {
		j, err := orderFor(tx, c, code, policy.AdvanceOrder)
		if err != nil {
			return err
		}
		o := &j.O
		switch {
		case o.PaymentMethod != PayBankTransfer:
			return apperr.Conflictf(apperr.CodeConflict, "Đơn trả tiền khi nhận hàng (COD) không đánh dấu chuyển khoản được.")
		case o.PaymentStatus == Paid:
		case o.Status == StatusCancelled:
			return apperr.Conflictf(apperr.CodeConflict, "Đơn hàng đã huỷ.")
		default:
			now := s.clock()
			res := tx.Model(&orderRow{}).Where("id = ? AND payment_status = ? AND status <> ?", o.ID, Unpaid, StatusCancelled).
				Updates(map[string]any{"payment_status": Paid, "paid_at": now, "updated_at": now})
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected != 1 {
				// Someone moved the order meanwhile: paid by another member
				// is success, cancelled is a conflict.
				if j, err = loadOrder(tx, code); err != nil {
					return err
				}
				if j.O.PaymentStatus != Paid {
					return apperr.Conflictf(apperr.CodeConflict, "Đơn hàng đã huỷ.")
				}
				break
			}
			o.PaymentStatus, o.PaidAt, o.UpdatedAt = Paid, &now, now
			if err := notifyPaid(tx, j); err != nil {
				return err
			}
		}
		*out, err = hydrateOne(tx, j)
		return err
	})
}
