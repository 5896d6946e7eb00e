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

// PaymentStatus says whether the seller has received the money of a
// bank-transfer order; a COD order stays unpaid until the courier settles,
// which the marketplace does not track.
type PaymentStatus string

// The payment states of API.md.
const (
	Unpaid PaymentStatus = "unpaid"
	Paid   PaymentStatus = "paid"
)

// Order is one cooperative's part of a checkout, as the API shows it.
type Order struct {
	Code            string        `json:"code"`
	CheckoutID      string        `json:"checkout_id"`
	Status          Status        `json:"status"`
	PaymentMethod   PaymentMethod `json:"payment_method"`
	PaymentStatus   PaymentStatus `json:"payment_status"`
	PaidAt          *time.Time    `json:"paid_at"`
	Coop            CoopRef       `json:"coop"`
	Buyer           Buyer         `json:"buyer"`
	ShippingAddress Address       `json:"shipping_address"`
	Note            string        `json:"note"`
	Items           []Item        `json:"items"`
	SubtotalVND     int64         `json:"subtotal_vnd"`
	ShippingVND     int64         `json:"shipping_vnd"`
	TotalVND        int64         `json:"total_vnd"`
	History         []Event       `json:"history"`
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
// 1 July 2025: a province slug, a commune or ward, and a street line.
type Address struct {
	Province string `json:"province"`
	Commune  string `json:"commune"`
	Street   string `json:"street"`
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
