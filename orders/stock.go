package orders

import (
	"cmp"
	"errors"
	"slices"
	"strconv"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database"
	"gorm.io/gorm"
)

// takeStock queues on p the sale of the cart's lines through the catalog,
// which owns stock and sales counts and takes their locks in its order (the
// cart's sale holds the sellers already). Once p has run, stockLeft answers
// what the sale left.
func takeStock(p *database.Pipeline, c *cart) (*catalog.Taking, error) {
	stock := make([]catalog.StockLine, len(c.lines))
	for i, l := range c.lines {
		stock[i] = catalog.StockLine{VariantID: l.v.ID, Quantity: l.quantity}
	}
	return c.sale.Take(p, stock)
}

// stockLeft answers the stock the cart's sale left of each variant. A
// refusal becomes out_of_stock naming every short line, in the order of the
// request.
func stockLeft(t *catalog.Taking, c *cart) (map[string]int, error) {
	left, err := t.Left()
	var short *catalog.ShortStock
	if !errors.As(err, &short) {
		return left, err
	}
	byVariant := make(map[string]*line, len(c.lines))
	for _, l := range c.lines {
		byVariant[l.v.ID] = l
	}
	type shortLine struct {
		l    *line
		left int
	}
	found := make([]shortLine, 0, len(short.Lines))
	for _, s := range short.Lines {
		if l := byVariant[s.VariantID]; l != nil {
			found = append(found, shortLine{l, s.Left})
		}
	}
	slices.SortFunc(found, func(a, b shortLine) int { return cmp.Compare(a.l.idx, b.l.idx) })
	var fields problems
	for _, s := range found {
		name := "«" + s.l.v.ProductName + " – " + s.l.v.Name + "»"
		msg := name + " đã hết hàng."
		if s.left > 0 {
			msg = name + " chỉ còn " + strconv.Itoa(s.left) + "."
		}
		fields.add(itemField(s.l.idx, "variant_id"), msg)
	}
	e := apperr.Conflictf(CodeOutOfStock, "Không đủ hàng cho một số sản phẩm trong giỏ.")
	e.Fields = fields
	return nil, e
}

// returnStock puts the items of a cancelled order back on the shelf and
// off the sales counts, through the catalog.
func returnStock(tx *gorm.DB, items []itemRow) error {
	stock := make([]catalog.StockLine, len(items))
	for i, it := range items {
		stock[i] = catalog.StockLine{VariantID: it.VariantID, Quantity: it.Quantity}
	}
	return catalog.ReturnStock(tx, stock)
}
