package orders

import (
	"time"

	"github.com/ganh-market/ganh/referrers"
)

// orderRow is a row of orders.
type orderRow struct {
	ID            string `gorm:"primaryKey"`
	Code          string
	CheckoutID    string
	CoopID        string
	UserID        *string
	Status        Status
	PaymentMethod PaymentMethod
	PaymentStatus PaymentStatus
	PaidAt        *time.Time
	PaymentRef    string
	CODRefusedAt  *time.Time `gorm:"column:cod_refused_at"`
	BuyerName     string
	BuyerPhone    string
	ShipProvince  string
	ShipCommune   string
	// ShipCommuneCode is empty on orders placed before communes were
	// checked (and on erased addresses).
	ShipCommuneCode string
	ShipStreet      string
	Note            string
	SubtotalVND     int64 `gorm:"column:subtotal_vnd"`
	ShippingVND     int64 `gorm:"column:shipping_vnd"`
	TotalVND        int64 `gorm:"column:total_vnd"`
	ReferrerID      *string
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

func (orderRow) TableName() string { return "orders" }

// itemRow is a row of order_items.
type itemRow struct {
	OrderID      string `gorm:"primaryKey"`
	Position     int    `gorm:"primaryKey;autoIncrement:false"`
	ProductID    string
	VariantID    string
	ProductName  string
	VariantName  string
	UnitPriceVND int64 `gorm:"column:unit_price_vnd"`
	Quantity     int
	LineTotalVND int64 `gorm:"column:line_total_vnd"`
}

func (itemRow) TableName() string { return "order_items" }

func (r *itemRow) view() Item {
	return Item{
		ProductID: r.ProductID, VariantID: r.VariantID, ProductName: r.ProductName, VariantName: r.VariantName,
		UnitPriceVND: r.UnitPriceVND, Quantity: r.Quantity, LineTotalVND: r.LineTotalVND,
	}
}

// historyRow is a row of order_status_history.
type historyRow struct {
	ID         string `gorm:"primaryKey"`
	OrderID    string
	FromStatus Status
	Status     Status
	Actor      string
	Reason     string
	CreatedAt  time.Time
}

func (historyRow) TableName() string { return "order_status_history" }

func (r *historyRow) view() Event {
	return Event{Status: r.Status, At: r.CreatedAt.UTC(), By: r.Actor, Reason: r.Reason}
}

// orderJoin is an order row with the coop fields its JSON shows.
type orderJoin struct {
	O        orderRow `gorm:"embedded"`
	CoopSlug string
	CoopName string
	// CoopProvince is for the access policy (staff of a province).
	CoopProvince string `json:"-"`
	// ReferrerCode and ReferrerName name who brought the sale, if anyone.
	ReferrerCode *string
	ReferrerName *string
}

const orderSelect = "o.*, c.slug AS coop_slug, c.name AS coop_name, c.province AS coop_province, " +
	"(SELECT r.code FROM referrers r WHERE r.id = o.referrer_id) AS referrer_code, " +
	"(SELECT r.name FROM referrers r WHERE r.id = o.referrer_id) AS referrer_name"

// view is the order without its items and history.
func (j *orderJoin) view() Order {
	r := &j.O
	o := Order{
		Code: r.Code, CheckoutID: r.CheckoutID, Status: r.Status,
		PaymentMethod: r.PaymentMethod, PaymentStatus: r.PaymentStatus,
		Coop:            CoopRef{ID: r.CoopID, Slug: j.CoopSlug, Name: j.CoopName},
		Buyer:           Buyer{Name: r.BuyerName, Phone: r.BuyerPhone},
		ShippingAddress: addressView(r.ShipProvince, r.ShipCommune, r.ShipCommuneCode, r.ShipStreet),
		Note:            r.Note, Items: []Item{}, History: []Event{},
		SubtotalVND: r.SubtotalVND, ShippingVND: r.ShippingVND, TotalVND: r.TotalVND,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
	if j.ReferrerCode != nil && j.ReferrerName != nil {
		o.Referrer = &referrers.Ref{Code: *j.ReferrerCode, Name: *j.ReferrerName}
	}
	if r.PaidAt != nil {
		t := r.PaidAt.UTC()
		o.PaidAt = &t
	}
	o.PaymentRef = r.PaymentRef
	if r.CODRefusedAt != nil {
		t := r.CODRefusedAt.UTC()
		o.CODRefusedAt = &t
	}
	return o
}
