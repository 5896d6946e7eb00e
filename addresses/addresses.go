// Package addresses is a signed-in shopper's address book: where her
// parcels go, checked against the two-tier list of places, one of them the
// default that checkout fills in. It owns the saved_addresses table.
//
// The rules hold under concurrent requests: at most Max addresses, and
// exactly one default whenever there is any. Every change runs in one
// transaction that first locks the account's row (PostgreSQL; SQLite
// transactions take the write lock up front), so two adds cannot both see
// room for one more, and a unique index refuses a second default.
package addresses

import (
	"time"

	"github.com/ganh-market/ganh/places"
)

// Max is how many addresses one account may keep.
const Max = 20

// Address is a saved address as the API shows it. Commune is the commune's
// code; CommuneName and ProvinceName spell the place out.
type Address struct {
	ID            string    `json:"id"`
	RecipientName string    `json:"recipient_name"`
	Phone         string    `json:"phone"`
	Province      string    `json:"province"`
	Commune       string    `json:"commune"`
	CommuneCode   string    `json:"commune_code"`
	CommuneName   string    `json:"commune_name"`
	ProvinceName  string    `json:"province_name"`
	Street        string    `json:"street"`
	IsDefault     bool      `json:"is_default"`
	CreatedAt     time.Time `json:"created_at"`
}

// row is a row of saved_addresses.
type row struct {
	ID            string `gorm:"primaryKey"`
	UserID        string
	RecipientName string
	Phone         string
	Province      string
	Commune       string // the official name
	CommuneCode   string
	Street        string
	IsDefault     bool
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

func (row) TableName() string { return "saved_addresses" }

func (r *row) view() Address {
	a := Address{
		ID: r.ID, RecipientName: r.RecipientName, Phone: r.Phone, Province: r.Province,
		Commune: r.CommuneCode, CommuneCode: r.CommuneCode, CommuneName: r.Commune, Street: r.Street,
		IsDefault: r.IsDefault, CreatedAt: r.CreatedAt.UTC(),
	}
	if p, ok := places.ProvinceBySlug(r.Province); ok {
		a.ProvinceName = p.Name
	}
	return a
}
