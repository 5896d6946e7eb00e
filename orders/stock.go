package orders

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"gorm.io/gorm"
)

// takeStock removes the lines' quantities from stock with one conditional
// UPDATE per variant, in variant id order so that two checkouts sharing
// variants lock them in the same order and never deadlock. The condition
// stock >= quantity is re-checked by PostgreSQL on the newest row version
// after waiting for a concurrent buyer, so no unit is ever sold twice. When
// a line is short, every short line is named.
func takeStock(tx *gorm.DB, lines []*line) error {
	sorted := slices.Clone(lines)
	slices.SortFunc(sorted, func(a, b *line) int { return strings.Compare(a.v.ID, b.v.ID) })
	for i, l := range sorted {
		res := tx.Exec("UPDATE product_variants SET stock = stock - ? WHERE id = ? AND stock >= ?", l.quantity, l.v.ID, l.quantity)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return shortLines(tx, sorted[i:])
		}
	}
	return nil
}

// shortLines builds the out_of_stock error: the first line failed its
// update; the others after it are read to name every short one at once.
func shortLines(tx *gorm.DB, rest []*line) error {
	ids := make([]string, len(rest))
	for i, l := range rest {
		ids[i] = l.v.ID
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
	short := slices.Clone(rest)
	slices.SortFunc(short, func(a, b *line) int { return cmp.Compare(a.idx, b.idx) })
	first := rest[0]
	var p problems
	for _, l := range short {
		n := left[l.v.ID]
		if l != first && n >= l.quantity {
			continue
		}
		if n >= l.quantity {
			n = l.quantity - 1 // a restock raced the failed update; report what it saw
		}
		msg := "«" + l.v.ProductName + " – " + l.v.Name + "» đã hết hàng."
		if n > 0 {
			msg = "«" + l.v.ProductName + " – " + l.v.Name + "» chỉ còn " + strconv.Itoa(n) + "."
		}
		p.add(itemField(l.idx, "variant_id"), msg)
	}
	e := apperr.Conflictf(CodeOutOfStock, "Không đủ hàng cho một số sản phẩm trong giỏ.")
	e.Fields = p
	return e
}

// returnStock puts the items of a cancelled order back on the shelf, in
// variant id order like takeStock.
func returnStock(tx *gorm.DB, items []itemRow) error {
	qty := make(map[string]int, len(items))
	for _, it := range items {
		qty[it.VariantID] += it.Quantity
	}
	for _, id := range sortedKeys(qty) {
		if err := tx.Exec("UPDATE product_variants SET stock = stock + ? WHERE id = ?", qty[id], id).Error; err != nil {
			return err
		}
	}
	return nil
}

// addSold moves the products' sold counts by delta units each (negative on
// cancel, never below zero), in product id order, and queues the products
// for search: stock and sales figures are part of their documents.
func addSold(tx *gorm.DB, delta map[string]int) error {
	ids := sortedKeys(delta)
	for _, id := range ids {
		d := delta[id]
		if err := tx.Exec("UPDATE products SET sold_count = CASE WHEN sold_count + ? < 0 THEN 0 ELSE sold_count + ? END WHERE id = ?", d, d, id).Error; err != nil {
			return err
		}
	}
	return catalog.EnqueueProductSync(tx, ids...)
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
