package orders

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/orders/vietqr"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// VietQR is what a buyer needs to pay a bank-transfer order from any
// Vietnamese banking app: the QR payload and, for typing by hand, the same
// facts in clear. Note is the order code, the transfer content the seller
// matches the money with.
type VietQR struct {
	Payload       string `json:"payload"`
	AmountVND     int64  `json:"amount_vnd"`
	BankBIN       string `json:"bank_bin"`
	AccountNumber string `json:"account_number"`
	AccountName   string `json:"account_name"`
	Note          string `json:"note"`
}

// VietQR returns the payment code of a bank-transfer order to whoever may
// see the order, for its total, to the coop's current bank account. A COD
// order, a cancelled one, one already paid (a code still on screen invites
// a second transfer), or a coop that has since removed its bank account is
// a conflict: there is nothing to pay by transfer.
func (s *Service) VietQR(ctx context.Context, c Caller, code string) (*VietQR, error) {
	var q *VietQR
	err := s.byCode(ctx, c, func() (err error) {
		q, err = s.vietQR(ctx, c, code)
		return err
	})
	return q, err
}

func (s *Service) vietQR(ctx context.Context, c Caller, code string) (*VietQR, error) {
	db := s.read(ctx)
	j, err := orderFor(db, c, code, policy.ReadOrder)
	if err != nil {
		return nil, apperr.Wrap(err, "read order")
	}
	o := &j.O
	switch {
	case o.PaymentMethod != PayBankTransfer:
		return nil, apperr.Conflictf(apperr.CodeConflict, "Đơn hàng này trả tiền khi nhận hàng (COD), không cần chuyển khoản.")
	case o.PaymentStatus == Paid:
		return nil, apperr.Conflictf(apperr.CodeConflict, "Đơn hàng đã được thanh toán; không cần chuyển khoản nữa.")
	case o.Status == StatusCancelled:
		return nil, apperr.Conflictf(apperr.CodeConflict, "Đơn hàng đã huỷ; xin đừng chuyển khoản.")
	}
	bank, err := coopBank(db, o.CoopID)
	if err != nil {
		return nil, apperr.Wrap(err, "read coop bank")
	}
	if !bank.hasBank() {
		return nil, apperr.Conflictf(apperr.CodeConflict, "Hợp tác xã chưa có tài khoản ngân hàng; xin liên hệ người bán.")
	}
	note := vietqr.NormalizeNote(o.Code)
	payload, err := vietqr.Payload(vietqr.Params{BankBIN: bank.BankBIN, AccountNumber: bank.BankAccountNumber, AmountVND: o.TotalVND, Note: note})
	if err != nil {
		// The coop's stored account does not make a valid code: the seller
		// must fix it, the buyer cannot.
		return nil, apperr.Conflictf(apperr.CodeConflict, "Tài khoản ngân hàng của hợp tác xã không hợp lệ; xin liên hệ người bán.")
	}
	return &VietQR{
		Payload: payload, AmountVND: o.TotalVND, BankBIN: bank.BankBIN,
		AccountNumber: bank.BankAccountNumber, AccountName: bank.BankAccountName, Note: note,
	}, nil
}

func coopBank(db *gorm.DB, coopID string) (*coopInfo, error) {
	var c coopInfo
	err := db.Table("coops").Select("id, bank_bin, bank_account_number, bank_account_name").Where("id = ?", coopID).Take(&c).Error
	return &c, err
}
