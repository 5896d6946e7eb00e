package catalog

import (
	"context"
	"github.com/ganh-market/ganh/places"
	"time"

	"github.com/ganh-market/ganh/kernel"
)

// Kind is the legal form of a seller.
type Kind string

// The kinds of API.md.
const (
	KindHopTacXa    Kind = "hop_tac_xa"    // cooperative (hợp tác xã)
	KindToHopTac    Kind = "to_hop_tac"    // cooperative group (tổ hợp tác)
	KindHoKinhDoanh Kind = "ho_kinh_doanh" // household business
	KindDoanhNghiep Kind = "doanh_nghiep"  // enterprise
)

// Valid says whether k is a known kind.
func (k Kind) Valid() bool {
	switch k {
	case KindHopTacXa, KindToHopTac, KindHoKinhDoanh, KindDoanhNghiep:
		return true
	}
	return false
}

// CoopStatus is where a storefront stands with the Hội.
type CoopStatus string

// A coop applies (pending); staff approve or reject it; an approved coop may
// be suspended and later approved again; a rejected one may be approved on
// appeal. Only approved coops are public and can sell.
const (
	CoopPending   CoopStatus = "pending"
	CoopApproved  CoopStatus = "approved"
	CoopRejected  CoopStatus = "rejected"
	CoopSuspended CoopStatus = "suspended"
)

// Valid says whether st is a known status.
func (st CoopStatus) Valid() bool {
	switch st {
	case CoopPending, CoopApproved, CoopRejected, CoopSuspended:
		return true
	}
	return false
}

// coopMoves lists the legal status moves.
var coopMoves = map[CoopStatus][]CoopStatus{
	CoopPending:   {CoopApproved, CoopRejected},
	CoopApproved:  {CoopSuspended},
	CoopSuspended: {CoopApproved},
	CoopRejected:  {CoopApproved},
}

// CanMove says whether a coop in status from may move to to.
func (st CoopStatus) CanMove(to CoopStatus) bool {
	for _, s := range coopMoves[st] {
		if s == to {
			return true
		}
	}
	return false
}

// reasonRequired says whether moving to st needs a reason the owner will read.
func (st CoopStatus) reasonRequired() bool { return st == CoopRejected || st == CoopSuspended }

// Bank is the account VietQR transfers go to. Private: only the coop's
// members and staff ever see it.
type Bank struct {
	BIN           string `json:"bin"`
	AccountNumber string `json:"account_number"`
	AccountName   string `json:"account_name"`
}

// Coop is a storefront as the API shows it. Bank is set only for the coop's
// members and staff.
type Coop struct {
	ID          string `json:"id"`
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Kind        Kind   `json:"kind"`
	Description string `json:"description"`
	Province    string `json:"province"`
	// Commune is the commune's code once it is checked against the list
	// (places), or the text of a row stored before that; CommuneCode is
	// empty for those, which wait in the staff's review list.
	Commune             string     `json:"commune"`
	CommuneCode         string     `json:"commune_code"`
	CommuneName         string     `json:"commune_name"`
	ProvinceName        string     `json:"province_name"`
	Address             string     `json:"address"`
	Phone               string     `json:"phone"`
	Zalo                string     `json:"zalo"`
	Logo                *Image     `json:"logo"`
	Banner              *Image     `json:"banner"`
	Status              CoopStatus `json:"status"`
	StatusReason        string     `json:"status_reason"`
	ShippingFeeVND      int64      `json:"shipping_fee_vnd"`
	FreeShippingOverVND *int64     `json:"free_shipping_over_vnd"`
	Bank                *Bank      `json:"bank,omitempty"`
	CreatedAt           time.Time  `json:"created_at"`
	UpdatedAt           time.Time  `json:"updated_at"`
}

// coopRow is a row of coops.
type coopRow struct {
	ID                  string `gorm:"primaryKey"`
	Slug                string
	Name                string
	SearchName          string
	Kind                Kind
	Description         string
	Province            string
	Commune             string
	CommuneCode         string
	Address             string
	Phone               string
	Zalo                string
	BankBIN             string `gorm:"column:bank_bin"`
	BankAccountNumber   string `gorm:"column:bank_account_number"`
	BankAccountName     string `gorm:"column:bank_account_name"`
	ShippingFeeVND      int64  `gorm:"column:shipping_fee_vnd"`
	FreeShippingOverVND *int64 `gorm:"column:free_shipping_over_vnd"`
	Status              CoopStatus
	StatusReason        string
	LogoHash            *string
	BannerHash          *string
	// ReferrerID is who onboarded the coop (issue 16); never shown.
	ReferrerID *string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

func (coopRow) TableName() string { return "coops" }

func (r *coopRow) bank() *Bank {
	if r.BankBIN == "" && r.BankAccountNumber == "" {
		return nil
	}
	return &Bank{BIN: r.BankBIN, AccountNumber: r.BankAccountNumber, AccountName: r.BankAccountName}
}

// view turns a row into the API shape; private says whether the caller may
// see the bank account.
func (s *Service) coopView(ctx context.Context, r *coopRow, private bool) Coop {
	c := Coop{
		ID: r.ID, Slug: r.Slug, Name: r.Name, Kind: r.Kind, Description: r.Description,
		Province: r.Province, Commune: r.Commune, CommuneCode: r.CommuneCode, CommuneName: r.Commune, Address: r.Address, Phone: r.Phone, Zalo: r.Zalo,
		Status: r.Status, StatusReason: r.StatusReason, ShippingFeeVND: r.ShippingFeeVND,
		FreeShippingOverVND: r.FreeShippingOverVND, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
	if r.CommuneCode != "" {
		c.Commune = r.CommuneCode
	}
	if p, ok := places.ProvinceBySlug(r.Province); ok {
		c.ProvinceName = p.Name
	}
	if r.LogoHash != nil {
		if img, ok := s.imageOf(ctx, "logo", *r.LogoHash, 0, 0); ok {
			c.Logo = &img
		}
	}
	if r.BannerHash != nil {
		if img, ok := s.imageOf(ctx, "banner", *r.BannerHash, 0, 0); ok {
			c.Banner = &img
		}
	}
	if private {
		c.Bank = r.bank()
	}
	return c
}

// memberRow is a row of coop_members.
type memberRow struct {
	CoopID    string `gorm:"primaryKey"`
	UserID    string `gorm:"primaryKey"`
	Role      kernel.MemberRole
	CreatedAt time.Time
}

func (memberRow) TableName() string { return "coop_members" }

// statusRow is a row of coop_status_history.
type statusRow struct {
	ID         string `gorm:"primaryKey"`
	CoopID     string
	FromStatus CoopStatus
	ToStatus   CoopStatus
	Reason     string
	ActorID    *string
	CreatedAt  time.Time
}

func (statusRow) TableName() string { return "coop_status_history" }
