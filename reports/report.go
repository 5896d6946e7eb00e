package reports

import (
	"fmt"
	"strings"
)

// GroupBy names how sales rows are grouped.
type GroupBy string

// The groupings. Staff group the whole marketplace by month, province (the
// cooperative's), top-level category or cooperative; a cooperative's own
// report groups by month or product.
const (
	ByMonth    GroupBy = "month"
	ByProvince GroupBy = "province"
	ByCategory GroupBy = "category"
	ByCoop     GroupBy = "coop"
	ByProduct  GroupBy = "product"
)

// Groupings lists what each report accepts, the default first.
var (
	MarketGroupings = []GroupBy{ByMonth, ByProvince, ByCategory, ByCoop, ByReferrer, ByChapterCommune}
	CoopGroupings   = []GroupBy{ByMonth, ByProduct}
)

// SalesQuery asks for sales rows. CoopID (an id or slug) limits them to one
// cooperative; without it they cover the whole marketplace (staff only).
// An empty GroupBy means month.
type SalesQuery struct {
	CoopID  string
	GroupBy GroupBy
	Range
}

// Row is one group of delivered orders: how many orders, how many units
// (sum of quantities) and their merchandise value. Key is stable (a month
// "2026-01", a province or category slug, a coop or product id); Label is
// for people, in Vietnamese.
type Row struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Orders int64  `json:"orders"`
	Items  int64  `json:"items"`
	GMVVND int64  `json:"gmv_vnd"`
}

// CoopRef names the cooperative a report is about.
type CoopRef struct {
	ID   string `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// Sales is a sales report. Rows by month run in time order; every other
// grouping runs from the largest GMV down (ties by key). Groups without a
// delivered order are left out.
type Sales struct {
	GroupBy GroupBy  `json:"group_by"`
	From    *string  `json:"from"`
	To      *string  `json:"to"`
	Coop    *CoopRef `json:"coop,omitempty"`
	Rows    []Row    `json:"rows"`
}

// CoopCounts are the cooperatives by status, as they stand now.
type CoopCounts struct {
	Pending   int64 `json:"pending"`
	Approved  int64 `json:"approved"`
	Rejected  int64 `json:"rejected"`
	Suspended int64 `json:"suspended"`
}

// Overview is the marketplace at a glance for staff. Coops and
// ProductsActive are counts of now, whatever the period; Orders counts the
// orders placed in the period that were not cancelled (pending, confirmed,
// shipping, delivered); DeliveredOrders and GMVVND are the delivered ones
// among them and their merchandise value.
type Overview struct {
	From            *string    `json:"from"`
	To              *string    `json:"to"`
	Coops           CoopCounts `json:"coops"`
	ProductsActive  int64      `json:"products_active"`
	Orders          int64      `json:"orders"`
	DeliveredOrders int64      `json:"delivered_orders"`
	GMVVND          int64      `json:"gmv_vnd"`
}

// MonthLabel is how a month key "2026-01" reads: "Tháng 1/2026".
func MonthLabel(key string) string {
	var y, m int
	if _, err := fmt.Sscanf(key, "%4d-%2d", &y, &m); err != nil {
		return key
	}
	return fmt.Sprintf("Tháng %d/%d", m, y)
}

func allowed(g GroupBy, list []GroupBy) bool {
	for _, x := range list {
		if x == g {
			return true
		}
	}
	return false
}

func joinGroupings(list []GroupBy) string {
	s := make([]string, len(list))
	for i, g := range list {
		s[i] = string(g)
	}
	return strings.Join(s, ", ")
}
