package vietqr

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/apperr"
)

// vectorFile is testdata/vectors.json, made once by testdata/gen-vectors.mjs
// with an independent encoder so that a mistake shared by our code and our
// tests cannot pass unnoticed.
type vectorFile struct {
	Source  string `json:"source"`
	Vectors []struct {
		Name          string `json:"name"`
		BankBIN       string `json:"bankBin"`
		AccountNumber string `json:"accountNumber"`
		AmountVND     int64  `json:"amountVnd"`
		Note          string `json:"note"`
		Payload       string `json:"payload"`
	} `json:"vectors"`
}

func TestPayload_Vectors(t *testing.T) {
	raw, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var f vectorFile
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	if f.Source == "" || len(f.Vectors) < 8 {
		t.Fatalf("vectors.json: want a source note and at least 8 vectors, got %d", len(f.Vectors))
	}
	for _, v := range f.Vectors {
		t.Run(v.Name, func(t *testing.T) {
			got, err := Payload(Params{BankBIN: v.BankBIN, AccountNumber: v.AccountNumber, AmountVND: v.AmountVND, Note: v.Note})
			if err != nil {
				t.Fatalf("Payload: %v", err)
			}
			if got != v.Payload {
				t.Fatalf("Payload mismatch\n got  %s\n want %s", got, v.Payload)
			}
		})
	}
}

// The dynamic example of the vietnam-qr-pay README, an encoder-independent
// check that also pins a note with a space in it.
func TestPayload_ReadmeExample(t *testing.T) {
	got, err := Payload(Params{BankBIN: "970416", AccountNumber: "257678859", AmountVND: 10000, Note: "Chuyen tien"})
	if err != nil {
		t.Fatal(err)
	}
	const want = "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestPayload_NormalisesNote(t *testing.T) {
	base := Params{BankBIN: "970436", AccountNumber: "1012345678", AmountVND: 10000}
	ascii := base
	ascii.Note = "Don hang GN-7K3F9Q"
	want, err := Payload(ascii)
	if err != nil {
		t.Fatal(err)
	}
	for _, note := range []string{"Đơn hàng GN-7K3F9Q", "  Đơn   hàng\tGN-7K3F9Q ", "Đơn ha\u0300ng GN-7K3F9Q"} {
		p := base
		p.Note = note
		got, err := Payload(p)
		if err != nil {
			t.Fatalf("%q: %v", note, err)
		}
		if got != want {
			t.Errorf("%q:\n got  %s\n want %s", note, got, want)
		}
	}
}

func TestPayload_Invalid(t *testing.T) {
	ok := Params{BankBIN: "970436", AccountNumber: "1012345678", AmountVND: 10000, Note: "GN-7K3F9Q"}
	tests := []struct {
		name  string
		edit  func(*Params)
		field string
	}{
		{"ErrBINShort", func(p *Params) { p.BankBIN = "97043" }, "bank_bin"},
		{"ErrBINLetters", func(p *Params) { p.BankBIN = "97043A" }, "bank_bin"},
		{"ErrAccountEmpty", func(p *Params) { p.AccountNumber = "" }, "account_number"},
		{"ErrAccountTooLong", func(p *Params) { p.AccountNumber = strings.Repeat("1", 20) }, "account_number"},
		{"ErrAccountSpace", func(p *Params) { p.AccountNumber = "1012 345678" }, "account_number"},
		{"ErrAccountDiacritic", func(p *Params) { p.AccountNumber = "1012345678đ" }, "account_number"},
		{"ErrAmountZero", func(p *Params) { p.AmountVND = 0 }, "amount_vnd"},
		{"ErrAmountNegative", func(p *Params) { p.AmountVND = -5000 }, "amount_vnd"},
		{"ErrAmount14Digits", func(p *Params) { p.AmountVND = 10_000_000_000_000 }, "amount_vnd"},
		{"ErrNoteTooLong", func(p *Params) { p.Note = strings.Repeat("x", MaxNoteLen+1) }, "note"},
		{"ErrNoteSymbol", func(p *Params) { p.Note = "GN-7K3F9Q #1" }, "note"},
		{"ErrNoteNonLatin", func(p *Params) { p.Note = "GN 订单" }, "note"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok
			tt.edit(&p)
			_, err := Payload(p)
			e := apperr.As(err)
			if e == nil || e.Kind != apperr.KindInvalid || e.Code != apperr.CodeValidation {
				t.Fatalf("want a validation *apperr.Error, got %v", err)
			}
			if len(e.Fields) != 1 || e.Fields[0].Field != tt.field {
				t.Fatalf("want one error on %q, got %+v", tt.field, e.Fields)
			}
		})
	}
}

func TestPayload_ReportsEveryBadField(t *testing.T) {
	_, err := Payload(Params{})
	e := apperr.As(err)
	if e == nil || len(e.Fields) != 3 {
		t.Fatalf("want bank_bin, account_number and amount_vnd errors, got %v", err)
	}
}

func TestPayload_Limits(t *testing.T) {
	p := Params{BankBIN: "970436", AccountNumber: strings.Repeat("9", 19), AmountVND: 9_999_999_999_999, Note: strings.Repeat("A", MaxNoteLen)}
	s, err := Payload(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s, "6229"+"0825"+p.Note+"6304") {
		t.Fatalf("note of %d chars not encoded as expected: %s", MaxNoteLen, s)
	}
	if crcHex(s[:len(s)-4]) != s[len(s)-4:] {
		t.Fatalf("CRC does not verify: %s", s)
	}
}
