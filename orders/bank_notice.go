package orders

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// BankNotice is one bank transaction as SePay's webhook sends it (API.md,
// "Payments"). Code and SubAccount are null when SePay found none.
type BankNotice struct {
	ID              int64   `json:"id"`
	Gateway         string  `json:"gateway"`
	TransactionDate string  `json:"transactionDate"`
	AccountNumber   string  `json:"accountNumber"`
	Code            *string `json:"code"`
	Content         string  `json:"content"`
	TransferType    string  `json:"transferType"`
	TransferAmount  int64   `json:"transferAmount"`
	Accumulated     int64   `json:"accumulated"`
	SubAccount      *string `json:"subAccount"`
	ReferenceCode   string  `json:"referenceCode"`
	Description     string  `json:"description"`
}

// Why a bank notice paid no order (bank_payments.reason); "" is a match.
const (
	ReasonNoCode       = "no_code"       // no order code in the note
	ReasonUnknownCode  = "unknown_code"  // a code, but no such order
	ReasonShortAmount  = "short_amount"  // less than the order's total
	ReasonWrongAccount = "wrong_account" // not the order's coop's account
	ReasonCancelled    = "cancelled"     // the order was cancelled
	ReasonAlreadyPaid  = "already_paid"  // the order was paid already
	ReasonCODOrder     = "cod_order"     // a cash-on-delivery order
	ReasonOut          = "out"           // money going out, not in
)

// ByBank is the History.By of a payment the bank confirmed.
const ByBank = "bank"

// MaxBankAmountVND bounds a notice's amount: far above any order (the
// orders table allows 49,950 billion đồng) and far below int64's end.
const MaxBankAmountVND = 1_000_000_000_000_000

// BankOutcome is what became of a notice: the order it paid, or why none.
type BankOutcome struct {
	// Duplicate says the notice's id was seen before: nothing changed.
	Duplicate bool
	OrderCode string
	Reason    string
}

// bankPaymentRow is a row of bank_payments.
type bankPaymentRow struct {
	ID              string `gorm:"primaryKey"`
	SepayID         int64  `gorm:"column:sepay_id"`
	Gateway         string
	TransactionDate string
	AccountNumber   string
	SubAccount      string
	Code            string
	Content         string
	TransferType    string
	AmountVND       int64 `gorm:"column:amount_vnd"`
	ReferenceCode   string
	OrderCode       string
	OrderID         *string
	Reason          string
	ReceivedAt      time.Time
	AttachedBy      string
	AttachedAt      *time.Time
}

func (bankPaymentRow) TableName() string { return "bank_payments" }

// checkNotice validates a notice before any work: ids, amounts and the
// lengths of its texts (UTF-8 and NUL are the edge's, safetext).
func checkNotice(n *BankNotice) error {
	var p problems
	if n.ID <= 0 {
		p.add("id", "Mã giao dịch phải là số dương.")
	}
	if n.TransferType != "in" && n.TransferType != "out" {
		p.add("transferType", "transferType phải là in hoặc out.")
	}
	if n.TransferAmount < 0 || n.TransferAmount > MaxBankAmountVND {
		p.add("transferAmount", "Số tiền không hợp lệ.")
	}
	for _, t := range []struct {
		field string
		s     *string
		max   int
	}{
		{"gateway", &n.Gateway, 100}, {"transactionDate", &n.TransactionDate, 40}, {"accountNumber", &n.AccountNumber, 40},
		{"content", &n.Content, 1000}, {"referenceCode", &n.ReferenceCode, 100}, {"description", &n.Description, 2000},
		{"code", n.Code, 100}, {"subAccount", n.SubAccount, 40},
	} {
		if t.s != nil {
			*t.s = p.text(t.field, *t.s, 0, t.max)
		}
	}
	return p.err()
}

// RecordBankNotice keeps one bank notice and, when it pays an order, marks
// that order paid, all in one transaction. The notice's id is the
// idempotency key: SePay retries, and a notice seen before changes nothing
// however many copies arrive at once (the unique index decides). Matching is
// lenient on how the note is written (CodesIn) and strict on money and
// account: the transfer must reach the order's coop's account and cover the
// order's total. Anything else is kept with its reason for staff, so money
// is never lost. A payment racing the buyer's cancel ends as exactly one of
// paid or unmatched "cancelled": each side's UPDATE is conditional on the
// other not having happened.
func (s *Service) RecordBankNotice(ctx context.Context, n BankNotice) (*BankOutcome, error) {
	if err := checkNotice(&n); err != nil {
		return nil, err
	}
	var out BankOutcome
	err := s.tx(ctx, "record bank notice", func(tx *gorm.DB) error {
		out = BankOutcome{}
		row := noticeRow(n, s.clock())
		res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "sepay_id"}}, DoNothing: true}).Create(&row)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			out.Duplicate = true
			return nil
		}
		j, reason, err := s.matchNotice(tx, &row)
		if err != nil {
			return err
		}
		out.Reason = reason
		set := map[string]any{"reason": reason}
		if j != nil {
			out.OrderCode = j.O.Code
			set["order_code"] = j.O.Code
			switch reason {
			case "":
				set["order_id"] = j.O.ID
			case ReasonShortAmount, ReasonCancelled, ReasonAlreadyPaid, ReasonCODOrder:
				// The money is in the coop's account: the seller hears.
				if err := notifyUnmatched(tx, j, reason, row.AmountVND); err != nil {
					return err
				}
			}
		}
		return tx.Model(&bankPaymentRow{}).Where("id = ?", row.ID).Updates(set).Error
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func noticeRow(n BankNotice, now time.Time) bankPaymentRow {
	r := bankPaymentRow{
		ID: newID(), SepayID: n.ID, Gateway: n.Gateway, TransactionDate: n.TransactionDate,
		AccountNumber: n.AccountNumber, Content: n.Content, TransferType: n.TransferType,
		AmountVND: n.TransferAmount, ReferenceCode: n.ReferenceCode, ReceivedAt: now,
	}
	if n.Code != nil {
		r.Code = *n.Code
	}
	if n.SubAccount != nil {
		r.SubAccount = *n.SubAccount
	}
	return r
}

// matchNotice finds the order a kept notice pays and marks it paid; it
// returns the order its note named (nil when none) and "" or why the
// notice paid nothing.
func (s *Service) matchNotice(tx *gorm.DB, r *bankPaymentRow) (*orderJoin, string, error) {
	if r.TransferType != "in" {
		return nil, ReasonOut, nil
	}
	codes := CodesIn(r.Code + " " + r.Content)
	if len(codes) == 0 {
		return nil, ReasonNoCode, nil
	}
	j, err := firstOrder(tx, codes)
	if err != nil || j == nil {
		return nil, ReasonUnknownCode, err
	}
	bank, err := coopBank(tx, j.O.CoopID)
	if err != nil {
		return nil, "", err
	}
	if why := paymentRefused(&j.O, bank, r); why != "" {
		return j, why, nil
	}
	why, err := s.markPaidBy(tx, j, r, ByBank,
		fmt.Sprintf("Ngân hàng báo đã nhận %s (mã giao dịch %s).", vnd(r.AmountVND), r.ReferenceCode))
	return j, why, err
}

// paymentRefused says why notice r cannot pay order o automatically, or "".
func paymentRefused(o *orderRow, bank *coopInfo, r *bankPaymentRow) string {
	acct := digits(bank.BankAccountNumber)
	switch {
	case acct == "" || (digits(r.AccountNumber) != acct && digits(r.SubAccount) != acct):
		return ReasonWrongAccount
	case o.Status == StatusCancelled:
		return ReasonCancelled
	case o.PaymentStatus == Paid:
		return ReasonAlreadyPaid
	case o.PaymentMethod != PayBankTransfer:
		return ReasonCODOrder
	case r.AmountVND < o.TotalVND:
		return ReasonShortAmount
	}
	return ""
}

// markPaidBy marks j paid by bank payment r, by the bank or a staff member:
// conditional on the order being unpaid and not cancelled, so a cancel or
// another payment committing meanwhile wins cleanly; then a history row and
// the paid event to the coop and the buyer. It returns why it did not pay.
func (s *Service) markPaidBy(tx *gorm.DB, j *orderJoin, r *bankPaymentRow, by, note string) (string, error) {
	now := s.clock()
	res := tx.Model(&orderRow{}).
		Where("id = ? AND payment_status = ? AND status <> ?", j.O.ID, Unpaid, StatusCancelled).
		Updates(map[string]any{"payment_status": Paid, "paid_at": now, "payment_ref": r.ReferenceCode, "updated_at": now})
	if res.Error != nil {
		return "", res.Error
	}
	if res.RowsAffected != 1 {
		again, err := loadOrder(tx, j.O.Code)
		if err != nil {
			return "", err
		}
		if again.O.Status == StatusCancelled {
			return ReasonCancelled, nil
		}
		return ReasonAlreadyPaid, nil
	}
	j.O.PaymentStatus, j.O.PaidAt, j.O.PaymentRef, j.O.UpdatedAt = Paid, &now, r.ReferenceCode, now
	h := historyRow{ID: newID(), OrderID: j.O.ID, FromStatus: j.O.Status, Status: j.O.Status, Actor: by, Reason: note, CreatedAt: now}
	if err := tx.Create(&h).Error; err != nil {
		return "", err
	}
	return "", notifyPaid(tx, j)
}

// firstOrder is the order of the first of codes that names one, or nil.
func firstOrder(tx *gorm.DB, codes []string) (*orderJoin, error) {
	var rows []orderJoin
	if err := orderQuery(tx).Where("o.code IN ?", codes).Scan(&rows).Error; err != nil {
		return nil, err
	}
	for _, c := range codes {
		for i := range rows {
			if rows[i].O.Code == c {
				return &rows[i], nil
			}
		}
	}
	return nil, nil
}

// digits keeps the digits of an account number: banks and people write
// them with spaces or dots.
func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if '0' <= r && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// vnd writes an amount for a history line the Vietnamese way: 535.000 ₫.
func vnd(v int64) string {
	s := strconv.FormatInt(v, 10)
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && s[0] != '-' && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(s[i])
	}
	return b.String() + "\u00a0₫"
}
