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
// get the order wrong. A sale does step 1 with HoldSale, which also reads
// what the caller prices the sale with, and steps 2 and 3 with the held
// Sale's Take; stock cannot be taken from a sale that holds nothing.

// StockLine is a quantity of one variant leaving or returning to the shelf.
type StockLine struct {
	VariantID string
	Quantity  int
}

// ShortStock is Take's refusal: some lines ask for more than is left.
// The caller must roll its transaction back.
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

// Take queues on p the sale of the lines, variants of the held sale: their
// quantities leave the variants' stock and count to their products'
// sold_count, and the products are queued for search (stock and sales show
// in their documents). Once the caller has run p, the answer's Left says
// what the sale left.
//
// The caller may queue more on p before it runs it (the checkout queues
// its outbox rows). On PostgreSQL everything queued travels in one round
// trip, and the locks of the sale (steps 2 and 3, then the products'
// documents) are held from that round trip to the commit, not across one
// round trip per statement.
//
// All variants are taken by one UPDATE that first locks them in id order
// (step 2) and changes only those with stock >= quantity; PostgreSQL
// re-checks that condition on the newest row version after waiting for a
// concurrent buyer, so no unit is ever sold twice.
func (s *Sale) Take(p *database.Pipeline, lines []StockLine) (*Taking, error) {
	if err := s.covers(lines); err != nil {
		return nil, err
	}
	want := mergeLines(lines)
	t := &Taking{tx: p.Tx(), want: want, moved: moveStock(p, want, -1)}
	return t, countSold(p, s.unitsByProduct(want), 1)
}

// unitsByProduct adds up the quantities of lines by product, for the
// lines whose variant is in the sale.
func (s *Sale) unitsByProduct(lines []StockLine) map[string]int {
	productOf := make(map[string]string, len(s.Variants))
	for _, v := range s.Variants {
		productOf[v.ID] = v.ProductID
	}
	units := make(map[string]int, len(lines))
	for _, l := range lines {
		if id, ok := productOf[l.VariantID]; ok {
			units[id] += l.Quantity
		}
	}
	return units
}

// Taking is a sale queued by Take.
type Taking struct {
	tx    *gorm.DB
	want  []StockLine
	moved *[]movedStock
}

// Left answers the stock the sale left of each variant, once its pipeline
// has run. When a line was short it answers *ShortStock naming every short
// line; the transaction holds partial changes and must be rolled back.
func (t *Taking) Left() (map[string]int, error) {
	moved := *t.moved
	if len(moved) != len(t.want) {
		return nil, shortStock(t.tx, t.want, moved)
	}
	left := make(map[string]int, len(moved))
	for _, m := range moved {
		left[m.ID] = m.Stock
	}
	return left, nil
}

// TakeStock is HoldSale and Take for the variants of lines, for a caller
// that needs nothing else of the sale.
func TakeStock(tx *gorm.DB, lines []StockLine) error {
	s, err := readSale(tx, lineIDs(lines), true, nil)
	if err != nil {
		return err
	}
	p := database.NewPipeline(tx)
	t, err := s.Take(p, lines)
	if err == nil {
		err = p.Run()
	}
	if err == nil {
		_, err = t.Left()
	}
	return err
}

// ReturnStock undoes TakeStock for a cancelled sale: the quantities go back
// on the variants, off the products' sold_count (never below zero), and the
// products are queued for search. Both steps go in one pipeline: a return
// never finds too little stock, so the sales to undo are those of the
// lines, not of what the first step changed.
func ReturnStock(tx *gorm.DB, lines []StockLine) error {
	s, err := readSale(tx, lineIDs(lines), true, nil) // step 1
	if err != nil {
		return err
	}
	back := mergeLines(lines)
	p := database.NewPipeline(tx)
	moveStock(p, back, 1)
	if err := countSold(p, s.unitsByProduct(back), -1); err != nil {
		return err
	}
	return p.Run()
}

func lineIDs(lines []StockLine) []string {
	ids := make([]string, len(lines))
	for i, l := range lines {
		ids[i] = l.VariantID
	}
	return ids
}

// mergeLines adds up the lines of each variant, in variant id order: an
// UPDATE … FROM would apply only one of two rows naming the same variant.
func mergeLines(lines []StockLine) []StockLine {
	sum := make(map[string]int, len(lines))
	for _, l := range lines {
		sum[l.VariantID] += l.Quantity
	}
	out := make([]StockLine, 0, len(sum))
	for id, q := range sum {
		out = append(out, StockLine{VariantID: id, Quantity: q})
	}
	slices.SortFunc(out, func(a, b StockLine) int { return strings.Compare(a.VariantID, b.VariantID) })
	return out
}

// movedStock is a variant moveStock changed and the stock it now has.
type movedStock struct {
	ID    string
	Stock int
}

// moveStock queues step 2 on p: it moves each variant's stock by sign ×
// quantity in one statement, which locks the rows in id order before it
// changes any, and leaves a variant whose stock would go below zero
// unchanged. Once p has run, the answer holds the variants it changed.
func moveStock(p *database.Pipeline, lines []StockLine, sign int) *[]movedStock {
	args := make([]any, 0, 2*len(lines))
	for _, l := range lines {
		args = append(args, l.VariantID, sign*l.Quantity)
	}
	// The column names of w and l differ from the table's: RETURNING names
	// them unqualified (SQLite allows nothing else), which must not be
	// ambiguous on PostgreSQL.
	moved := new([]movedStock)
	p.Query(func(scan func(...any) error) error {
		var m movedStock
		if err := scan(&m.ID, &m.Stock); err != nil {
			return err
		}
		*moved = append(*moved, m)
		return nil
	}, `WITH w(variant_id, qty) AS (VALUES `+idIntRows(len(lines))+`),
		l(locked_id) AS (SELECT id FROM product_variants WHERE id IN (SELECT variant_id FROM w) ORDER BY id`+lockForUpdate(p.Tx())+`)
		UPDATE product_variants AS v SET stock = v.stock + w.qty
		FROM w JOIN l ON l.locked_id = w.variant_id
		WHERE v.id = w.variant_id AND v.stock + w.qty >= 0
		RETURNING id, stock`, args...)
	return moved
}

// idIntRows is n rows of VALUES of an id and a number, typed for
// PostgreSQL (an untyped parameter in VALUES would be text).
func idIntRows(n int) string {
	return strings.TrimSuffix(strings.Repeat("(CAST(? AS TEXT), CAST(? AS INTEGER)), ", n), ", ")
}

// lockForUpdate is the lock a statement takes on rows it is about to update,
// on PostgreSQL; SQLite transactions here hold the write lock from their
// start.
func lockForUpdate(tx *gorm.DB) string {
	if database.DialectOf(tx) == database.Postgres {
		return lockForUpdateSQL
	}
	return ""
}

const lockForUpdateSQL = " FOR NO KEY UPDATE"

// shortStock builds the refusal of a sale that moved fewer variants than
// it asked for: every line it did not move is short, with the stock read
// now (a restock that raced the update is reported as one unit short).
func shortStock(tx *gorm.DB, want []StockLine, moved []movedStock) error {
	done := make(map[string]bool, len(moved))
	for _, m := range moved {
		done[m.ID] = true
	}
	var rest []StockLine
	var ids []string
	for _, l := range want {
		if !done[l.VariantID] {
			rest = append(rest, l)
			ids = append(ids, l.VariantID)
		}
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
	for _, l := range rest {
		n := min(left[l.VariantID], l.Quantity-1)
		e.Lines = append(e.Lines, ShortLine{VariantID: l.VariantID, Left: max(n, 0)})
	}
	return e
}

// countSold queues step 3 on p: each product's sold_count moves by sign ×
// its units (never below zero) in one statement that locks the products in
// id order first, then their documents are rendered again and the products
// queued for search.
func countSold(p *database.Pipeline, units map[string]int, sign int) error {
	ids := make([]string, 0, len(units))
	for id := range units {
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	args := make([]any, 0, 2*len(ids))
	for _, id := range ids {
		args = append(args, id, sign*units[id])
	}
	p.Exec(nil, `WITH d(product_id, n) AS (VALUES `+idIntRows(len(ids))+`),
		l(locked_id) AS (SELECT id FROM products WHERE id IN (SELECT product_id FROM d) ORDER BY id`+lockForUpdate(p.Tx())+`)
		UPDATE products AS p SET sold_count = CASE WHEN p.sold_count + d.n < 0 THEN 0 ELSE p.sold_count + d.n END
		FROM d JOIN l ON l.locked_id = d.product_id
		WHERE p.id = d.product_id`, args...)
	return countersChangedOn(p, ids...)
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
	return countersChanged(tx, productID)
}
