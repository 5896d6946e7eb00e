package catalog

import (
	"context"
	"strconv"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// VariantEdit is one variant of a product's one-form save: which variant,
// and its partial update (as PATCH /products/{id}/variants/{variant_id}).
type VariantEdit struct {
	ID string `json:"id"`
	VariantPatch
}

// UpdateVariants saves edits to several variants of one product in one
// transaction (PATCH /products/{id}/variants): every edit is validated
// before any is written, and one refusal (a bad field, a stock that moved
// since the seller saw it) leaves every variant as it was, so the form she
// filled is saved whole or not at all. Each changed variant gets its own
// audit entry; the product's lowest price and search entry follow once.
func (s *Service) UpdateVariants(ctx context.Context, a kernel.Caller, productID string, edits []VariantEdit) (*Product, error) {
	err := s.tx(ctx, "update variants", func(tx *gorm.DB) error {
		ac, _, err := productForWrite(tx, a, productID, policy.EditProducts)
		if err != nil {
			return err
		}
		var rows []variantRow
		if err := tx.Where("product_id = ?", productID).Find(&rows).Error; err != nil {
			return err
		}
		before := make(map[string]variantRow, len(rows))
		for _, r := range rows {
			before[r.ID] = r
		}
		after, err := applyVariantEdits(before, edits)
		if err != nil {
			return err
		}
		if err := refuseMovedStocks(before, edits); err != nil {
			return err
		}
		changed := 0
		for i, e := range edits {
			old, v := before[e.ID], after[i]
			changes := diff(variantFields(&old), variantFields(&v))
			if len(changes) == 0 {
				continue
			}
			if err := s.writeVariant(tx, &v, e.VariantPatch); err != nil {
				return err
			}
			if err := s.audit(tx, ac, "variant.update", "variant", v.ID, changes); err != nil {
				return err
			}
			changed++
		}
		if changed == 0 {
			return nil
		}
		return s.variantsChanged(tx, productID)
	})
	if err != nil {
		return nil, err
	}
	return s.ProductByID(ctx, a, productID)
}

// applyVariantEdits validates every edit against the variants of the
// product, collecting each problem under variants[i].field, and returns the
// variants as they would be.
func applyVariantEdits(before map[string]variantRow, edits []VariantEdit) ([]variantRow, error) {
	var p problems
	switch {
	case len(edits) == 0:
		p.add("variants", "Chưa có loại hàng nào để lưu.")
	case len(edits) > maxVariants:
		p.add("variants", "Tối đa "+strconv.Itoa(maxVariants)+" loại hàng.")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	out := make([]variantRow, len(edits))
	seen := make(map[string]bool, len(edits))
	for i, e := range edits {
		at := "variants[" + strconv.Itoa(i) + "]."
		v, ok := before[e.ID]
		if !ok {
			p.add(at+"id", "Loại hàng này không thuộc sản phẩm (có thể vừa bị xoá); hãy tải lại trang.")
			continue
		}
		if seen[e.ID] {
			p.add(at+"id", "Một loại hàng chỉ được sửa một lần trong mỗi lần lưu.")
			continue
		}
		seen[e.ID] = true
		e.apply(&v, at, &p)
		out[i] = v
	}
	return out, p.err()
}

// refuseMovedStocks is the stale-form rule of UpdateVariant for the whole
// form: when any stock the seller saw has moved since, nothing is saved and
// the conflict carries every current stock by variant id ("stocks"), and the
// first one as "stock" like the one-variant call.
func refuseMovedStocks(before map[string]variantRow, edits []VariantEdit) error {
	var moved map[string]int
	first := -1
	for _, e := range edits {
		if e.ExpectedStock == nil || *e.ExpectedStock == before[e.ID].Stock {
			continue
		}
		if moved == nil {
			moved, first = map[string]int{}, before[e.ID].Stock
		}
		moved[e.ID] = before[e.ID].Stock
	}
	if moved == nil {
		return nil
	}
	return errStockMoved(moved, first)
}

// writeVariant writes one validated variant; the stock only when the edit
// carries one, and then on condition that it is still the figure the seller
// saw, so a sale committed between the read and this write is never undone.
func (s *Service) writeVariant(tx *gorm.DB, v *variantRow, in VariantPatch) error {
	set := map[string]any{
		"name": v.Name, "sku": v.SKU, "price_vnd": v.PriceVND, "compare_at_vnd": v.CompareAtVND,
		"weight_grams": v.WeightGrams, "updated_at": s.now(),
	}
	if in.Stock != nil {
		set["stock"] = v.Stock
	}
	q := tx.Model(&variantRow{}).Where("id = ?", v.ID)
	if in.ExpectedStock != nil {
		q = q.Where("stock = ?", *in.ExpectedStock)
	}
	res := q.Updates(set)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return stockMovedNow(tx, v.ID)
	}
	return nil
}
