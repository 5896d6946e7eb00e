package orders

import (
	"time"

	"github.com/ganh-market/ganh/referrers"
)

// PaymentMethod is how the buyer pays: cash on delivery (the default) or a
// bank transfer to the cooperative's own account by VietQR.
type PaymentMethod string

// The payment methods of API.md.
const (
	PayCOD          PaymentMethod = "cod"
	PayBankTransfer PaymentMethod = "bank_transfer"
)

// PaymentStatus says whether the seller has received the money: a
// bank-transfer order when the bank confirms it (or the seller or staff say
// so), a COD order when it is delivered (and unpaid again if the seller
// records that the buyer refused to pay at the door).
type PaymentStatus string

// The payment states of API.md.
const (
	Unpaid PaymentStatus = "unpaid"
	Paid   PaymentStatus = "paid"
)

// Order is one cooperative's part of a checkout, as the API shows it.
type Order struct {
	Code          string        `json:"code"`
	CheckoutID    string        `json:"checkout_id"`
	Status        Status        `json:"status"`
	PaymentMethod PaymentMethod `json:"payment_method"`
	PaymentStatus PaymentStatus `json:"payment_status"`
	PaidAt        *time.Time    `json:"paid_at"`
	// PaymentRef is the bank's reference of the transfer that paid the
	// order, when the bank told us (POST /payments/sepay) or staff attached
	// it; empty otherwise.
	PaymentRef string `json:"payment_ref"`
	// CODRefusedAt is when the seller recorded that a delivered
	// cash-on-delivery order was not paid at the door (the stock came back).
	CODRefusedAt    *time.Time `json:"cod_refused_at"`
	Coop            CoopRef    `json:"coop"`
	Buyer           Buyer      `json:"buyer"`
	ShippingAddress Address    `json:"shipping_address"`
	Note            string     `json:"note"`
	Items           []Item     `json:"items"`
	SubtotalVND     int64      `json:"subtotal_vnd"`
	ShippingVND     int64      `json:"shipping_vnd"`
	TotalVND        int64      `json:"total_vnd"`
	History         []Event    `json:"history"`
	// Referrer is who brought the sale: a Hội chapter or member's link.
	Referrer  *referrers.Ref `json:"referrer"`
	CreatedAt time.Time      `json:"created_at"`
	UpdatedAt time.Time      `json:"updated_at"`
}

// CoopRef names the seller of an order.
type CoopRef struct {
	ID   string `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// Buyer is who receives the parcel: name and a normalised +84 phone.
type Buyer struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
}

// Address is where the parcel goes, in the two-tier system in force since
// 1 July 2025: a province slug, a commune or ward, and a street line. In a
// request Commune is the commune's code or its exact name (places.Resolve)
// and the other fields are ignored; in an answer Commune is the code (the
// text as typed on orders placed before communes were checked, which have
// no CommuneCode) and the names are spelled out.
type Address struct {
	Province     string `json:"province"`
	Commune      string `json:"commune"`
	Street       string `json:"street"`
	CommuneCode  string `json:"commune_code"`
	CommuneName  string `json:"commune_name"`
	ProvinceName string `json:"province_name"`
}

// Item is one line of an order, with the names and price of checkout time.
type Item struct {
	ProductID    string `json:"product_id"`
	VariantID    string `json:"variant_id"`
	ProductName  string `json:"product_name"`
	VariantName  string `json:"variant_name"`
	UnitPriceVND int64  `json:"unit_price_vnd"`
	Quantity     int    `json:"quantity"`
	LineTotalVND int64  `json:"line_total_vnd"`
}

// Event is one status move of an order: to what, when, by whom (a user id,
// or "guest" for a buyer without an account) and why.
type Event struct {
	Status Status    `json:"status"`
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Reason string    `json:"reason"`
}

// ByGuest is the History.By of moves made by a buyer without an account.
const ByGuest = "guest"
