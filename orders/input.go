package orders

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/places"
	"github.com/ganh-market/ganh/referrers"
)

// Limits of a cart. A real cart has a handful of lines; the cap keeps one
// request from locking hundreds of rows.
const (
	MaxLines    = 50
	MaxQuantity = 999
)

// MaxReferrerLen bounds the referrer field; a code is 6 characters, the
// slack forgives spaces around it.
const MaxReferrerLen = 32

// MaxSubtotalVND is the largest merchandise value of one order: every line
// of a full cart at the unit price bound. Migration 00009 makes the
// database refuse an order above it.
const MaxSubtotalVND = MaxLines * MaxQuantity * catalog.MaxPriceVND

// LineInput asks for quantity units of one variant. There is deliberately no
// price field: prices come from the database, and the HTTP layer refuses
// unknown fields.
type LineInput struct {
	VariantID string `json:"variant_id"`
	Quantity  int    `json:"quantity"`
}

// BuyerInput is the recipient. A signed-in buyer may leave it out: the
// account's name and phone are used.
type BuyerInput struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
}

// QuoteInput is the body of POST /checkout/quote. The address is optional: a
// cart can be priced before the shopper types where it goes.
type QuoteInput struct {
	Items           []LineInput `json:"items"`
	ShippingAddress *Address    `json:"shipping_address,omitempty"`
}

// CheckoutInput is the body of POST /checkout.
type CheckoutInput struct {
	Items           []LineInput   `json:"items"`
	Buyer           *BuyerInput   `json:"buyer,omitempty"`
	ShippingAddress *Address      `json:"shipping_address"`
	PaymentMethod   PaymentMethod `json:"payment_method,omitempty"`
	Note            string        `json:"note,omitempty"`
	// Referrer is the code of the Hội chapter or member whose link the
	// buyer came through (the web keeps it 7 days in a cookie). An unknown
	// code is ignored, as on links: a stale poster must not stop a sale.
	Referrer string `json:"referrer,omitempty"`
}

// problems collects per-field failures so a shopper sees every mistake at once.
type problems []apperr.FieldError

func (p *problems) add(field, msg string) {
	*p = append(*p, apperr.FieldError{Field: field, Message: msg})
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return apperr.Invalid("", p...)
}

// text trims s and checks its length in characters (Vietnamese letters take
// several bytes).
func (p *problems) text(field, s string, min, max int) string {
	s = strings.TrimSpace(s)
	switch n := utf8.RuneCountInString(s); {
	case n < min:
		p.add(field, "Không được để trống.")
	case n > max:
		p.add(field, "Tối đa "+strconv.Itoa(max)+" ký tự.")
	}
	return s
}

func itemField(i int, name string) string { return "items[" + strconv.Itoa(i) + "]." + name }

// checkLines validates the cart lines on their own (no database): count,
// quantities, and no variant twice.
func checkLines(lines []LineInput, p *problems) {
	switch {
	case len(lines) == 0:
		p.add("items", "Giỏ hàng đang trống.")
		return
	case len(lines) > MaxLines:
		p.add("items", "Mỗi lần đặt tối đa "+strconv.Itoa(MaxLines)+" dòng hàng.")
		return
	}
	seen := make(map[string]int, len(lines))
	for i, l := range lines {
		if strings.TrimSpace(l.VariantID) == "" {
			p.add(itemField(i, "variant_id"), "Thiếu mã loại hàng.")
		} else if j, dup := seen[l.VariantID]; dup {
			p.add(itemField(i, "variant_id"), "Loại hàng này đã có ở dòng "+strconv.Itoa(j+1)+"; hãy gộp số lượng.")
		} else {
			seen[l.VariantID] = i
		}
		if l.Quantity < 1 || l.Quantity > MaxQuantity {
			p.add(itemField(i, "quantity"), "Số lượng phải từ 1 đến "+strconv.Itoa(MaxQuantity)+".")
		}
	}
}

// checkAddress validates a shipping address against the list of provinces
// and communes (places) and returns it with the commune's official name and
// code.
func checkAddress(a *Address, p *problems) Address {
	if a == nil {
		p.add("shipping_address", "Cần địa chỉ giao hàng.")
		return Address{}
	}
	out := Address{
		Province: strings.TrimSpace(a.Province),
		Commune:  strings.TrimSpace(a.Commune),
		Street:   p.text("shipping_address.street", a.Street, 1, 300),
	}
	pl, prob := places.Resolve(out.Province, out.Commune)
	if prob != nil {
		p.add("shipping_address."+prob.Part, prob.Message)
		return out
	}
	// The stored form: the official name and its code (addressView makes
	// the answer's).
	return Address{Province: pl.Province.Slug, Commune: pl.Commune.Name, CommuneCode: pl.Commune.Code, Street: out.Street}
}

// checkout is a CheckoutInput that passed validation, with the buyer
// resolved (account defaults applied, phone normalised).
type checkout struct {
	lines   []LineInput
	buyer   Buyer
	address Address
	method  PaymentMethod
	note    string
	// referrer is the normalised code ("" for none or a malformed one).
	referrer string
}

// validate checks everything that needs no database. account is the
// signed-in buyer, or nil for a guest.
func (in *CheckoutInput) validate(account *accounts.User) (*checkout, error) {
	var p problems
	c := &checkout{lines: in.Items, method: in.PaymentMethod}
	checkLines(in.Items, &p)
	c.address = checkAddress(in.ShippingAddress, &p)
	c.buyer = resolveBuyer(in.Buyer, account, &p)
	switch c.method {
	case "":
		c.method = PayCOD
	case PayCOD, PayBankTransfer:
	default:
		p.add("payment_method", "Chỉ nhận cod (trả tiền khi nhận hàng) hoặc bank_transfer (chuyển khoản).")
	}
	c.note = p.text("note", in.Note, 0, 500)
	if len(in.Referrer) > MaxReferrerLen {
		p.add("referrer", "Mã giới thiệu tối đa "+strconv.Itoa(MaxReferrerLen)+" ký tự.")
	}
	c.referrer = referrers.NormalizeCode(in.Referrer)
	return c, p.err()
}

// resolveBuyer fills the recipient from the account where the body leaves a
// field out, and normalises the phone.
func resolveBuyer(in *BuyerInput, account *accounts.User, p *problems) Buyer {
	var b Buyer
	if in != nil {
		b = Buyer{Name: strings.TrimSpace(in.Name), Phone: strings.TrimSpace(in.Phone)}
	}
	if account != nil {
		if b.Name == "" {
			b.Name = account.Name
		}
		if b.Phone == "" {
			b.Phone = account.Phone
		}
	}
	b.Name = p.text("buyer.name", b.Name, 1, 100)
	if b.Phone == "" {
		p.add("buyer.phone", "Cần số điện thoại người nhận.")
		return b
	}
	phone, err := accounts.NormalizePhone(b.Phone)
	if err != nil {
		p.add("buyer.phone", phoneMessage(err))
		return b
	}
	b.Phone = phone
	return b
}

// phoneMessage is the words accounts.NormalizePhone gives for a bad number.
func phoneMessage(err error) string {
	if e := apperr.As(err); e != nil && len(e.Fields) > 0 {
		return e.Fields[0].Message
	}
	return "Số điện thoại không hợp lệ."
}
