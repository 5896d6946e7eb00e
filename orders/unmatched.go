package orders

import (
	"context"
	"fmt"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// UnmatchedPayment is bank money that paid no order, waiting for staff
// (GET /admin/payments/unmatched). OrderCode is the code its note named,
// if any (for a short amount, the order it fell short of).
type UnmatchedPayment struct {
	ID            string    `json:"id"`
	ReceivedAt    time.Time `json:"received_at"`
	AmountVND     int64     `json:"amount_vnd"`
	Content       string    `json:"content"`
	AccountNumber string    `json:"account_number"`
	Reason        string    `json:"reason"`
	OrderCode     string    `json:"order_code"`
	ReferenceCode string    `json:"reference_code"`
	Gateway       string    `json:"gateway"`
}

// unmatchedPages is the cursor family of the unmatched money list.
const unmatchedPages kernel.Cursor = "u1:"

// UnmatchedPayments lists incoming bank money that paid no order, newest
// first, to Hội staff: every notice to national staff; to staff of a
// province, the notices paid to the account of a coop of that province
// (the only tie an unmatched notice has to a place).
func (s *Service) UnmatchedPayments(ctx context.Context, a kernel.Caller, pr kernel.PageRequest) (kernel.Page[UnmatchedPayment], error) {
	var none kernel.Page[UnmatchedPayment]
	if err := policy.Gate(a, policy.AttachPayment).Err(nil); err != nil {
		return none, err
	}
	after, err := unmatchedPages.After(pr)
	if err != nil {
		return none, err
	}
	limit := pr.Size()
	q := s.read(ctx).Model(&bankPaymentRow{}).Where("order_id IS NULL AND reason <> ?", ReasonOut)
	if after != "" {
		q = q.Where("id < ?", after)
	}
	if scope := policy.Visible(a); !scope.All {
		q = q.Where("EXISTS (SELECT 1 FROM coops c WHERE c.province = ? AND c.bank_account_number <> '' AND c.bank_account_number IN (bank_payments.account_number, bank_payments.sub_account))", scope.Province)
	}
	var rows []bankPaymentRow
	if err := q.Order("id DESC").Limit(limit + 1).Find(&rows).Error; err != nil {
		return none, apperr.Wrap(err, "list unmatched payments")
	}
	items := make([]UnmatchedPayment, len(rows))
	for i, r := range rows {
		items[i] = r.unmatched()
	}
	return kernel.PageOf(items, limit, unmatchedPages, func(u UnmatchedPayment) string { return u.ID }), nil
}

func (r *bankPaymentRow) unmatched() UnmatchedPayment {
	return UnmatchedPayment{
		ID: r.ID, ReceivedAt: r.ReceivedAt.UTC(), AmountVND: r.AmountVND, Content: r.Content,
		AccountNumber: r.AccountNumber, Reason: r.Reason, OrderCode: r.OrderCode,
		ReferenceCode: r.ReferenceCode, Gateway: r.Gateway,
	}
}

// AttachPayment attaches unmatched bank money to an order by hand, for Hội
// staff of the order's coop's province: the staff member has checked what
// the bank's rules could not (a note with a typo, a transfer split in two),
// so amount and account are hers to judge; the order must still be unpaid
// and not cancelled. The order is marked paid as a bank match would; the
// notice records who attached it and when, and the order's history names
// the staff member (the audit).
func (s *Service) AttachPayment(ctx context.Context, a kernel.Caller, paymentID, code string) (*Order, error) {
	if err := policy.Gate(a, policy.AttachPayment).Err(nil); err != nil {
		return nil, err
	}
	var out *Order
	err := s.tx(ctx, "attach payment", func(tx *gorm.DB) error {
		var r bankPaymentRow
		if err := lockRow(tx).Where("id = ?", paymentID).Take(&r).Error; err != nil {
			if isNotFound(err) {
				return apperr.NotFoundf("Không tìm thấy khoản tiền này.")
			}
			return err
		}
		if r.OrderID != nil || r.TransferType != "in" {
			return apperr.Conflictf(apperr.CodeConflict, "Khoản tiền này đã được gắn với một đơn hàng.")
		}
		j, err := orderFor(tx, Caller{Actor: a}, code, policy.AttachPayment)
		if err != nil {
			return err
		}
		switch {
		case j.O.Status == StatusCancelled:
			return apperr.Conflictf(apperr.CodeConflict, "Đơn hàng đã huỷ; không gắn tiền vào được.")
		case j.O.PaymentStatus == Paid:
			return apperr.Conflictf(apperr.CodeConflict, "Đơn hàng đã được thanh toán.")
		}
		why, err := s.markPaidBy(tx, j, &r, a.UserID,
			fmt.Sprintf("Cán bộ Hội gắn khoản chuyển khoản %s (mã giao dịch %s) vào đơn.", vnd(r.AmountVND), r.ReferenceCode))
		if err != nil {
			return err
		}
		if why != "" {
			return apperr.Conflictf(apperr.CodeConflict, "Đơn hàng vừa được người khác cập nhật; hãy tải lại rồi thử lại.")
		}
		now := s.clock()
		res := tx.Model(&bankPaymentRow{}).Where("id = ? AND order_id IS NULL", r.ID).
			Updates(map[string]any{"order_id": j.O.ID, "order_code": j.O.Code, "attached_by": a.UserID, "attached_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return apperr.Conflictf(apperr.CodeConflict, "Khoản tiền này đã được gắn với một đơn hàng.")
		}
		out, err = hydrateOne(tx, j)
		return err
	})
	return out, err
}
