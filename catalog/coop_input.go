package catalog

import (
	"strings"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/banks"
	"github.com/ganh-market/ganh/places"
)

// CoopInput is an application for a storefront (POST /coops). It has no
// status, owner or id: those are the service's to set.
type CoopInput struct {
	Name                string `json:"name"`
	Kind                Kind   `json:"kind"`
	Description         string `json:"description"`
	Province            string `json:"province"`
	Commune             string `json:"commune"`
	Address             string `json:"address"`
	Phone               string `json:"phone"`
	Zalo                string `json:"zalo"`
	Bank                *Bank  `json:"bank"`
	ShippingFeeVND      int64  `json:"shipping_fee_vnd"`
	FreeShippingOverVND *int64 `json:"free_shipping_over_vnd"`
	// Referrer is the code of the Hội chapter or member whose link brought
	// the applicant; an unknown code is ignored.
	Referrer string `json:"referrer,omitempty"`
}

// CoopPatch is a partial update of a coop (PATCH /coops/{id}): only the
// fields present change. Status, slug and members have their own calls.
type CoopPatch struct {
	Name                *string         `json:"name"`
	Kind                *Kind           `json:"kind"`
	Description         *string         `json:"description"`
	Province            *string         `json:"province"`
	Commune             *string         `json:"commune"`
	Address             *string         `json:"address"`
	Phone               *string         `json:"phone"`
	Zalo                *string         `json:"zalo"`
	Bank                Nullable[Bank]  `json:"bank"`
	ShippingFeeVND      *int64          `json:"shipping_fee_vnd"`
	FreeShippingOverVND Nullable[int64] `json:"free_shipping_over_vnd"`
}

// maxShippingFeeVND bounds a coop's flat shipping fee, far above any real
// one, to catch typos.
const maxShippingFeeVND = 10_000_000

// apply validates the patch and writes it onto r, collecting every problem.
func (in *CoopPatch) apply(r *coopRow) error {
	var p problems
	unknownBank := false
	if in.Name != nil {
		r.Name = p.text("name", *in.Name, 2, 150)
		r.SearchName = Fold(r.Name)
	}
	if in.Kind != nil {
		if !in.Kind.Valid() {
			p.add("kind", "Loại hình phải là hop_tac_xa, to_hop_tac, ho_kinh_doanh hoặc doanh_nghiep.")
		}
		r.Kind = *in.Kind
	}
	if in.Description != nil {
		r.Description = p.text("description", *in.Description, 0, 5000)
	}
	if in.Province != nil || in.Commune != nil {
		p.place(r, in.Province, in.Commune)
	}
	if in.Address != nil {
		r.Address = p.text("address", *in.Address, 0, 255)
	}
	if in.Phone != nil {
		phone, err := accounts.NormalizePhone(*in.Phone)
		if err != nil {
			p.addErr("phone", err)
		}
		r.Phone = phone
	}
	if in.Zalo != nil {
		r.Zalo = ""
		if z := strings.TrimSpace(*in.Zalo); z != "" {
			phone, err := accounts.NormalizePhone(z)
			if err != nil {
				p.add("zalo", "Số Zalo phải là số điện thoại di động Việt Nam.")
			}
			r.Zalo = phone
		}
	}
	if in.Bank.Set {
		r.BankBIN, r.BankAccountNumber, r.BankAccountName = "", "", ""
		if !in.Bank.Null {
			b := in.Bank.Value
			r.BankBIN = strings.TrimSpace(b.BIN)
			if _, known := banks.ByBIN(r.BankBIN); !known {
				unknownBank = true
				p.add("bank.bin", "Ngân hàng không có trong danh sách ngân hàng nhận VietQR; hãy chọn ngân hàng theo tên.")
			}
			r.BankAccountNumber = strings.ReplaceAll(strings.TrimSpace(b.AccountNumber), " ", "")
			if n := len(r.BankAccountNumber); n < 4 || n > 19 || !allDigits(r.BankAccountNumber) {
				p.add("bank.account_number", "Số tài khoản gồm 4 đến 19 chữ số.")
			}
			r.BankAccountName = strings.ToUpper(p.text("bank.account_name", b.AccountName, 1, 70))
		}
	}
	if in.ShippingFeeVND != nil {
		r.ShippingFeeVND = *in.ShippingFeeVND
		if r.ShippingFeeVND < 0 || r.ShippingFeeVND > maxShippingFeeVND {
			p.add("shipping_fee_vnd", "Phí giao hàng phải từ 0 đến 10.000.000 ₫.")
		}
	}
	if in.FreeShippingOverVND.Set {
		r.FreeShippingOverVND = in.FreeShippingOverVND.ptr()
		if v := r.FreeShippingOverVND; v != nil && (*v <= 0 || *v > MaxPriceVND) {
			p.add("free_shipping_over_vnd", "Mức miễn phí giao hàng phải từ 1 ₫ đến 1.000.000.000 ₫.")
		}
	}
	err := p.err()
	if e := apperr.As(err); e != nil && unknownBank {
		// A bank the VietQR list does not know would make every QR of the
		// shop unpayable: a code of its own, so clients can send her back
		// to the bank list (the field problems stay as they are).
		e.Code = CodeUnknownBank
	}
	return err
}

// place checks a change of province or commune against the list (places):
// the other part, when left out, is the row's own, so moving a coop to
// another province needs a commune of that province. The row keeps the
// official name and its code.
func (p *problems) place(r *coopRow, province, commune *string) {
	prov, text := r.Province, r.Commune
	if province != nil {
		prov = strings.TrimSpace(*province)
	}
	if commune != nil {
		text = *commune
	}
	pl, prob := places.Resolve(prov, text)
	if prob != nil {
		p.add(prob.Part, prob.Message)
		r.Province, r.Commune = prov, strings.TrimSpace(text)
		return
	}
	r.Province, r.Commune, r.CommuneCode = pl.Province.Slug, pl.Commune.Name, pl.Commune.Code
}

// CodeUnknownBank refuses a coop's bank whose BIN is not one of the VietQR
// banks (package banks): validation failed, on field bank.bin.
const CodeUnknownBank = "unknown_bank"

// patch turns a full application into a patch that sets every field, so
// creation and update share one validation.
func (in *CoopInput) patch() *CoopPatch {
	p := &CoopPatch{
		Name: &in.Name, Kind: &in.Kind, Description: &in.Description, Province: &in.Province,
		Commune: &in.Commune, Address: &in.Address, Phone: &in.Phone, Zalo: &in.Zalo,
		ShippingFeeVND: &in.ShippingFeeVND,
	}
	if in.Bank != nil {
		p.Bank = Some(*in.Bank)
	}
	if in.FreeShippingOverVND != nil {
		p.FreeShippingOverVND = Some(*in.FreeShippingOverVND)
	}
	return p
}
