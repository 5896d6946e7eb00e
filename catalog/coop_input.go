package catalog

import (
	"strings"

	"github.com/ganh-market/ganh/accounts"
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
	if in.Province != nil {
		r.Province = strings.TrimSpace(*in.Province)
		if _, ok := ProvinceBySlug(r.Province); !ok {
			p.add("province", "Tỉnh/thành phố không có trong danh sách 34 tỉnh, thành.")
		}
	}
	if in.Commune != nil {
		r.Commune = p.text("commune", *in.Commune, 1, 100)
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
			if len(r.BankBIN) != 6 || !allDigits(r.BankBIN) {
				p.add("bank.bin", "Mã BIN ngân hàng gồm đúng 6 chữ số.")
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
	return p.err()
}

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
