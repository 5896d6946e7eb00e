package catalog

import (
	"errors"
	"fmt"

	"github.com/ganh-market/ganh/database"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SaleVariant is a variant as a sale reads it: its price and stock, its
// product, and the cooperative that sells it with what pricing and payment
// need of it.
type SaleVariant struct {
	ID                  string
	ProductID           string
	Name                string
	PriceVND            int64 `gorm:"column:price_vnd"`
	Stock               int
	ProductName         string
	ProductStatus       ProductStatus
	Hidden              bool
	CoopID              string
	CoopSlug            string
	CoopName            string
	CoopStatus          CoopStatus
	ShippingFeeVND      int64  `gorm:"column:shipping_fee_vnd"`
	FreeShippingOverVND *int64 `gorm:"column:free_shipping_over_vnd"`
	BankBIN             string `gorm:"column:bank_bin"`
	BankAccountNumber   string
	BankAccountName     string
	// Runs says whether the buyer HoldSale was given helps run the
	// cooperative (MemberCoops).
	Runs Runs `gorm:"embedded"`
}

// Sale is what a sale reads of its variants. One from HoldSale also holds
// their cooperatives (step 1 of the lock order) until its transaction ends,
// and only such a sale can Take stock.
type Sale struct {
	// Variants are the ones that exist of those asked for, in cooperative
	// id order.
	Variants []SaleVariant
	held     bool
}

// SaleBuyer is who a sale is for: the signed-in account (empty for a
// guest) and the phone the parcel goes to.
type SaleBuyer struct{ UserID, Phone string }

// HoldSale reads the variants ids (unknown ids are left out) and holds
// their cooperatives in KEY SHARE mode, in id order, for the rest of tx:
// step 1 of the lock order for a sale. No catalog write changes what the
// sale priced before it commits, and sales of one cooperative do not wait
// on each other. Each variant says whether buyer helps run its seller.
func HoldSale(tx *gorm.DB, ids []string, buyer SaleBuyer) (*Sale, error) {
	return readSale(tx, ids, true, &buyer)
}

// ReadSale reads the same and holds nothing: for a quote. Runs is left
// false.
func ReadSale(db *gorm.DB, ids []string) (*Sale, error) { return readSale(db, ids, false, nil) }

// readSale reads the variants ids, holding their sellers when hold is set,
// and says whether buyer runs them unless buyer is nil.
func readSale(db *gorm.DB, ids []string, hold bool, buyer *SaleBuyer) (*Sale, error) {
	cols := "v.id, v.product_id, v.name, v.price_vnd, v.stock, p.name AS product_name, p.status AS product_status, p.hidden, " +
		"c.id AS coop_id, c.slug AS coop_slug, c.name AS coop_name, c.status AS coop_status, c.shipping_fee_vnd, " +
		"c.free_shipping_over_vnd, c.bank_bin, c.bank_account_number, c.bank_account_name"
	var args []any
	if buyer != nil {
		cols += ", " + runsColumns
		args = runsArgs(buyer.Phone, buyer.UserID)
	}
	q := db.Table("product_variants v").Select(cols, args...).
		Joins("JOIN products p ON p.id = v.product_id").Joins("JOIN coops c ON c.id = p.coop_id").
		Where("v.id IN ?", ids).Order("c.id, v.id")
	if hold && database.DialectOf(db) == database.Postgres {
		// SQLite transactions here hold the write lock from their start.
		q = q.Clauses(clause.Locking{Strength: "KEY SHARE", Table: clause.Table{Name: "c"}})
	}
	s := &Sale{held: hold}
	// Find, not Scan: GORM's Scan renders every statement with its values
	// for a logger that then drops it, a cost on each checkout.
	if err := q.Find(&s.Variants).Error; err != nil {
		return nil, err
	}
	return s, nil
}

// covers refuses lines outside a held sale: their sellers were not held.
func (s *Sale) covers(lines []StockLine) error {
	if !s.held {
		return errors.New("catalog: stock taken from a sale that holds nothing (use HoldSale)")
	}
	have := make(map[string]bool, len(s.Variants))
	for _, v := range s.Variants {
		have[v.ID] = true
	}
	for _, l := range lines {
		if !have[l.VariantID] {
			return fmt.Errorf("catalog: variant %s is not part of the sale", l.VariantID)
		}
	}
	return nil
}

// Runs is whether someone helps run a cooperative: as one of the accounts
// asked about, or as the account with the phone asked about.
type Runs struct {
	ByAccount bool
	ByPhone   bool
}

// Any says whether they run it either way.
func (r Runs) Any() bool { return r.ByAccount || r.ByPhone }

// runsColumns are Runs of the cooperative c, for runsArgs: one rule for
// HoldSale and MemberCoops. Phones are stored normalised (+84…), so
// equality is enough.
const runsColumns = "EXISTS (SELECT 1 FROM coop_members m WHERE m.coop_id = c.id AND m.user_id IN ?) AS by_account, " +
	"EXISTS (SELECT 1 FROM coop_members m JOIN users u ON u.id = m.user_id WHERE m.coop_id = c.id AND u.phone = ?) AS by_phone"

func runsArgs(phone string, userIDs ...string) []any {
	ids := []string{""} // never a user id; keeps IN (…) valid for a guest
	for _, id := range userIDs {
		if id != "" {
			ids = append(ids, id)
		}
	}
	return []any{ids, phone}
}

// MemberCoops returns which of coopIDs count one of userIDs (empty ones
// ignored) or the account with phone among their members, and how.
func MemberCoops(db *gorm.DB, coopIDs []string, phone string, userIDs ...string) (map[string]Runs, error) {
	var rows []struct {
		ID   string
		Runs Runs `gorm:"embedded"`
	}
	err := db.Table("coops c").Select("c.id, "+runsColumns, runsArgs(phone, userIDs...)...).
		Where("c.id IN ?", coopIDs).Find(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make(map[string]Runs, len(rows))
	for _, r := range rows {
		if r.Runs.Any() {
			out[r.ID] = r.Runs
		}
	}
	return out, nil
}
