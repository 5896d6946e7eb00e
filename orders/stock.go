package orders

import (
	"cmp"
	"errors"
	"slices"
	"strconv"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"gorm.io/gorm"
)

// takeStock sells the cart's lines through the catalog, which owns stock
// and sales counts and takes their locks in its order (the cart's sale holds
// the sellers already). It answers the stock left of each variant. A
// refusal becomes out_of_stock naming every short line, in the order of the
// request.
func takeStock(tx *gorm.DB, c *cart) (map[string]int, error) {
	stock := make([]catalog.StockLine, len(c.lines))
	byVariant := make(map[string]*line, len(c.lines))
	for i, l := range c.lines {
		stock[i] = catalog.StockLine{VariantID: l.v.ID, Quantity: l.quantity}
		byVariant[l.v.ID] = l
	}
	left, err := c.sale.Take(tx, stock)
	var short *catalog.ShortStock
	if !errors.As(err, &short) {
		return left, err
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
	var p problems
	for _, s := range found {
		name := "«" + s.l.v.ProductName + " – " + s.l.v.Name + "»"
		msg := name + " đã hết hàng."
		if s.left > 0 {
			msg = name + " chỉ còn " + strconv.Itoa(s.left) + "."
		}
		p.add(itemField(s.l.idx, "variant_id"), msg)
	}
	e := apperr.Conflictf(CodeOutOfStock, "Không đủ hàng cho một số sản phẩm trong giỏ.")
	e.Fields = p
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
