// Package vietqr builds the VietQR code a shopper scans to pay a bank-transfer
// order: the EMVCo merchant-presented QR payload that NAPAS 247 banks read,
// pointing at the seller's own account with the order code as the transfer
// note, and its PNG image. It is pure: no I/O, no storage.
package vietqr

import (
	"fmt"
	"strconv"

	"github.com/ganh-market/ganh/apperr"
)

// Fixed values of the VietQR profile of EMVCo QRCPS-MPM.
const (
	// guidNAPAS is the application id that routes tag 38 to NAPAS.
	guidNAPAS = "A000000727"
	// serviceToAccount is "transfer to an account number" (QRIBFTTC would be to a card).
	serviceToAccount = "QRIBFTTA"
	// currencyVND is ISO 4217 numeric for the đồng.
	currencyVND = "704"
	countryVN   = "VN"

	// MaxNoteLen is the longest transfer note we put in a code; bank apps
	// truncate or reject longer ones.
	MaxNoteLen = 25
	// maxAmountDigits is the EMVCo limit on the amount field (tag 54).
	maxAmountDigits = 13
	maxAccountLen   = 19
)

// Params is what a VietQR code says: pay AmountVND to AccountNumber at the bank
// with BIN BankBIN, with Note as the transfer content.
type Params struct {
	BankBIN       string // NAPAS bank identification number, 6 digits (e.g. 970436 Vietcombank)
	AccountNumber string // beneficiary account, 1..19 letters or digits
	AmountVND     int64  // whole đồng, > 0
	Note          string // transfer content, usually the order code; diacritics are removed
}

// Payload returns the VietQR string for p, ready to be drawn as a QR code.
//
// Fields are written in ascending tag order, as EMVCo requires and as the
// independent encoder our test vectors come from (npm vietnam-qr-pay) writes
// them: 00 format, 01 point of initiation, 38 NAPAS account, 53 currency,
// 54 amount, 58 country, 62 additional data (08 purpose), 63 CRC. The point of
// initiation is 12 (dynamic) because the code carries an amount and is made
// for one order. An empty note leaves out tag 62 entirely, as that encoder does.
// Invalid params give an *apperr.Error naming every bad field.
func Payload(p Params) (string, error) {
	note := NormalizeNote(p.Note)
	if err := validate(p, note); err != nil {
		return "", err
	}

	account := tlv("00", p.BankBIN) + tlv("01", p.AccountNumber)
	merchant := tlv("00", guidNAPAS) + tlv("01", account) + tlv("02", serviceToAccount)

	s := tlv("00", "01") +
		tlv("01", "12") +
		tlv("38", merchant) +
		tlv("53", currencyVND) +
		tlv("54", strconv.FormatInt(p.AmountVND, 10)) +
		tlv("58", countryVN)
	if note != "" {
		s += tlv("62", tlv("08", note))
	}
	s += "6304" // the CRC covers its own tag and length
	return s + crcHex(s), nil
}

// tlv encodes one EMVCo data object: 2-digit id, 2-digit length, value.
// Validation keeps every value well under the 99-byte limit of the format.
func tlv(id, value string) string {
	return fmt.Sprintf("%s%02d%s", id, len(value), value)
}

// validate checks p with its note already normalised, reporting every bad
// field at once so a seller fixes their bank details in one go.
func validate(p Params, note string) error {
	var fields []apperr.FieldError
	if len(p.BankBIN) != 6 || !allOf(p.BankBIN, isDigit) {
		fields = append(fields, apperr.FieldError{Field: "bank_bin", Message: "Mã BIN ngân hàng phải gồm đúng 6 chữ số."})
	}
	if n := len(p.AccountNumber); n < 1 || n > maxAccountLen || !allOf(p.AccountNumber, isAlnum) {
		fields = append(fields, apperr.FieldError{Field: "account_number", Message: "Số tài khoản phải gồm 1 đến 19 chữ cái hoặc chữ số, không dấu cách."})
	}
	if p.AmountVND <= 0 || len(strconv.FormatInt(p.AmountVND, 10)) > maxAmountDigits {
		fields = append(fields, apperr.FieldError{Field: "amount_vnd", Message: "Số tiền phải lớn hơn 0 và có tối đa 13 chữ số."})
	}
	switch {
	case len(note) > MaxNoteLen:
		fields = append(fields, apperr.FieldError{Field: "note", Message: "Nội dung chuyển khoản tối đa 25 ký tự."})
	case !allOf(note, isNoteChar):
		fields = append(fields, apperr.FieldError{Field: "note", Message: "Nội dung chuyển khoản chỉ được có chữ, số, dấu cách và - . _"})
	}
	if len(fields) > 0 {
		return apperr.Invalid("", fields...)
	}
	return nil
}

func allOf(s string, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isAlnum(c byte) bool { return isDigit(c) || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' }

// isNoteChar is the conservative set that every bank app we know keeps in a
// transfer note; others (#, &, quotes, …) are dropped or refused by some banks,
// which would break matching the payment to its order.
func isNoteChar(c byte) bool { return isAlnum(c) || c == ' ' || c == '-' || c == '.' || c == '_' }
