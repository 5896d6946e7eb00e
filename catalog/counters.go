package catalog

import (
	"slices"
	"strings"

	"github.com/ganh-market/ganh/database"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// The catalog owns its tables: coops, products, product_variants and their
// counters (stock, sold_count, rating_avg, rating_count) are written by this
// package only. Other packages change the counters through the functions of
// this file, inside their own transaction, so the change commits or rolls
// back with theirs.
//
// Lock order. A transaction that writes catalog rows takes its row locks
// in this order, each kind in ascending id order:
//
//  1. cooperatives: the catalog's own writes lock theirs FOR UPDATE; a sale
//     or a return holds its sellers' in KEY SHARE mode, which only those
//     writes wait on, so an edit and a sale of one cooperative never
//     interleave;
//  2. variants;
//  3. products.
//
// Sales and returns share their cooperatives, so they rely on steps 2 and 3
// to never wait on each other in a circle (PostgreSQL would abort one as a
// deadlock victim). The functions below take every lock they need
// themselves, in this order, from ids they sort themselves: a caller cannot
// get the order wrong.

// StockLine is a quantity of one variant leaving or returning to the shelf.
type StockLine struct {
	VariantID string
	Quantity  int
}

// ShortStock is TakeStock's refusal: some lines ask for more than is left.
// Nothing was taken; the caller must roll its transaction back.
type ShortStock struct {
	// Lines are the short variants, in variant id order.
	Lines []ShortLine
}

// ShortLine is one variant TakeStock could not take, with the stock it
// found left (always less than the quantity asked).
type ShortLine struct {
	VariantID string
	Left      int
}

func (e *ShortStock) Error() string {
	ids := make([]string, len(e.Lines))
	for i, l := range e.Lines {
		ids[i] = l.VariantID
	}
	return "not enough stock for variants " + strings.Join(ids, ", ")
}

// TakeStock sells the lines: their quantities leave the variants' stock and
// count to their products' sold_count, and the products are queued for
// search (stock and sales show in their documents).
//
// Each variant is taken with one conditional UPDATE (stock >= quantity).
// PostgreSQL re-checks the condition on the newest row version after waiting
// for a concurrent buyer, so no unit is ever sold twice. When a line is
// short it answers *ShortStock naming every short line; the transaction
// holds partial changes and must be rolled back.
func TakeStock(tx *gorm.DB, lines []StockLine) error {
	sold, err := holdSellers(tx, lines)
	if err != nil {
		return err
	}
	sorted := sortLines(lines)
	for i, l := range sorted {
		res := tx.Exec("UPDATE product_variants SET stock = stock - ? WHERE id = ? AND stock >= ?", l.Quantity, l.VariantID, l.Quantity)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return shortStock(tx, sorted[i:])
		}
	}
	return countSold(tx, sold, 1)
}

// ReturnStock undoes TakeStock for a cancelled sale: the quantities go back
// on the variants, off the products' sold_count (never below zero), and the
// products are queued for search.
func ReturnStock(tx *gorm.DB, lines []StockLine) error {
	sold, err := holdSellers(tx, lines)
	if err != nil {
		return err
	}
	for _, l := range sortLines(lines) {
		if err := tx.Exec("UPDATE product_variants SET stock = stock + ? WHERE id = ?", l.Quantity, l.VariantID).Error; err != nil {
			return err
		}
	}
	return countSold(tx, sold, -1)
}

// holdSellers is step 1 of the lock order for a sale: it holds the
// cooperatives selling the lines' variants in KEY SHARE mode, in id order,
// so no catalog write changes them meanwhile. It answers the units per
// product, read from the catalog rather than trusted from the caller.
func holdSellers(tx *gorm.DB, lines []StockLine) (map[string]int, error) {
	ids := make([]string, len(lines))
	for i, l := range lines {
		ids[i] = l.VariantID
	}
	var rows []struct {
		VariantID string
		ProductID string
	}
	q := tx.Table("product_variants v").Select("v.id AS variant_id, v.product_id").
		Joins("JOIN products p ON p.id = v.product_id").Joins("JOIN coops c ON c.id = p.coop_id").
		Where("v.id IN ?", ids).Order("c.id")
	if database.DialectOf(tx) == database.Postgres {
		// SQLite transactions here hold the write lock from their start.
		q = q.Clauses(clause.Locking{Strength: "KEY SHARE", Table: clause.Table{Name: "c"}})
	}
	if err := q.Scan(&rows).Error; err != nil {
		return nil, err
	}
	product := make(map[string]string, len(rows))
	for _, r := range rows {
		product[r.VariantID] = r.ProductID
	}
	units := make(map[string]int, len(rows))
	for _, l := range lines {
		if p, ok := product[l.VariantID]; ok {
			units[p] += l.Quantity
		}
	}
	return units, nil
}

// sortLines is step 2's order: variants by id.
func sortLines(lines []StockLine) []StockLine {
	sorted := slices.Clone(lines)
	slices.SortFunc(sorted, func(a, b StockLine) int { return strings.Compare(a.VariantID, b.VariantID) })
	return sorted
}

// shortStock builds the refusal: the first of rest failed its update; the
// others after it are read, so every short line is named at once (those
// before it were taken and would read lower than they really are).
func shortStock(tx *gorm.DB, rest []StockLine) error {
	ids := make([]string, len(rest))
	for i, l := range rest {
		ids[i] = l.VariantID
	}
	var rows []struct {
		ID    string
		Stock int
	}
	if err := tx.Table("product_variants").Select("id, stock").Where("id IN ?", ids).Scan(&rows).Error; err != nil {
		return err
	}
	left := make(map[string]int, len(rows))
	for _, r := range rows {
		left[r.ID] = r.Stock
	}
	e := &ShortStock{}
	for i, l := range rest {
		n := left[l.VariantID]
		switch {
		case i > 0 && n >= l.Quantity:
			continue
		case n >= l.Quantity:
			n = l.Quantity - 1 // a restock raced the failed update; report what it saw
		}
		e.Lines = append(e.Lines, ShortLine{VariantID: l.VariantID, Left: max(n, 0)})
	}
	return e
}

// countSold is step 3: each product's sold_count moves by sign × its units
// (never below zero), in product id order, and the products are queued for
// search.
func countSold(tx *gorm.DB, units map[string]int, sign int) error {
	ids := make([]string, 0, len(units))
	for id := range units {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		d := sign * units[id]
		if err := tx.Exec("UPDATE products SET sold_count = CASE WHEN sold_count + ? < 0 THEN 0 ELSE sold_count + ? END WHERE id = ?", d, d, id).Error; err != nil {
			return err
		}
	}
	return EnqueueProductSync(tx, ids...)
}

// Rating is a product's review figures.
type Rating struct {
	Count int64
	Avg   float64
}

// RecordRating stores a product's new review figures. It locks the product
// (step 3 of the lock order: a review touches no coop or variant), then runs
// add, which writes the review and answers the product's figures counted
// with it; holding the lock while add counts makes concurrent reviews of a
// product count each other. The product is queued for search. An error of
// add is returned as it is, with nothing written.
func RecordRating(tx *gorm.DB, productID string, add func() (Rating, error)) error {
	q := tx.Table("products")
	if database.DialectOf(tx) == database.Postgres {
		// The mode an UPDATE of non-key columns takes: concurrent writers
		// wait, foreign-key checks of other transactions do not.
		q = q.Clauses(clause.Locking{Strength: "NO KEY UPDATE"})
	}
	var locked []string
	if err := q.Where("id = ?", productID).Pluck("id", &locked).Error; err != nil {
		return err
	}
	r, err := add()
	if err != nil {
		return err
	}
	err = tx.Exec("UPDATE products SET rating_count = ?, rating_avg = ? WHERE id = ?", r.Count, r.Avg, productID).Error
	if err != nil {
		return err
	}
	return EnqueueProductSync(tx, productID)
}
