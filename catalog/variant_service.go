package catalog

import (
	"context"
	"strconv"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"

	"gorm.io/gorm"
)

// UpdateVariant changes a variant's price, stock or name (the coop's members
// and staff). The product's lowest price follows in the same transaction.
// The stock is written only when the patch carries one, and with an
// ExpectedStock only if the stock is still that figure (the UPDATE says so
// itself): otherwise nothing changes and the conflict carries the current
// stock.
func (s *Service) UpdateVariant(ctx context.Context, a kernel.Caller, productID, variantID string, in VariantPatch) (*Product, error) {
	err := s.tx(ctx, "update variant", func(tx *gorm.DB) error {
		ac, _, err := productForWrite(tx, a, productID, policy.EditProducts)
		if err != nil {
			return err
		}
		var before variantRow
		if err := tx.Where("id = ? AND product_id = ?", variantID, productID).Take(&before).Error; err != nil {
			if isNotFound(err) {
				return errNoVariant()
			}
			return err
		}
		v := before
		var p problems
		in.apply(&v, "", &p)
		if err := p.err(); err != nil {
			return err
		}
		if in.ExpectedStock != nil && *in.ExpectedStock != before.Stock {
			return errStockMoved(map[string]int{before.ID: before.Stock}, before.Stock)
		}
		changes := diff(variantFields(&before), variantFields(&v))
		if len(changes) == 0 {
			return nil
		}
		if err := s.writeVariant(tx, &v, in); err != nil {
			return err
		}
		if err := s.variantsChanged(tx, productID); err != nil {
			return err
		}
		return s.audit(tx, ac, "variant.update", "variant", v.ID, changes)
	})
	if err != nil {
		return nil, err
	}
	return s.ProductByID(ctx, a, productID)
}

// errStockMoved is the conflict of a stock edit made over a figure that a
// sale or a cancellation has changed since: stocks are the figures now by
// variant id, stock the first (the one-variant call's answer).
func errStockMoved(stocks map[string]int, stock int) error {
	e := apperr.Conflictf(apperr.CodeConflict, "Tồn kho vừa thay đổi (có đơn mới hoặc đơn huỷ): hiện còn %d. Chưa lưu gì; hãy kiểm tra rồi lưu lại.", stock)
	e.Extra = map[string]any{"stock": stock, "stocks": stocks}
	return e
}

// stockMovedNow reads the stock that made a conditional update miss.
func stockMovedNow(tx *gorm.DB, variantID string) error {
	var stock []int
	if err := tx.Model(&variantRow{}).Where("id = ?", variantID).Pluck("stock", &stock).Error; err != nil {
		return err
	}
	if len(stock) == 0 {
		return errNoVariant()
	}
	return errStockMoved(map[string]int{variantID: stock[0]}, stock[0])
}

// AddVariant adds a variant to a product (the coop's members and staff).
func (s *Service) AddVariant(ctx context.Context, a kernel.Caller, productID string, in VariantInput) (*Product, error) {
	err := s.tx(ctx, "add variant", func(tx *gorm.DB) error {
		ac, _, err := productForWrite(tx, a, productID, policy.EditProducts)
		if err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&variantRow{}).Where("product_id = ?", productID).Count(&n).Error; err != nil {
			return err
		}
		now := s.now()
		v := variantRow{ID: newID(), ProductID: productID, Position: int(n), CreatedAt: now, UpdatedAt: now}
		var p problems
		in.patch().apply(&v, "", &p)
		if n >= maxVariants {
			p.add("variants", "Tối đa "+strconv.Itoa(maxVariants)+" loại hàng.")
		}
		if err := p.err(); err != nil {
			return err
		}
		if err := tx.Create(&v).Error; err != nil {
			return err
		}
		if err := s.variantsChanged(tx, productID); err != nil {
			return err
		}
		return s.audit(tx, ac, "variant.add", "variant", v.ID, created(variantFields(&v)))
	})
	if err != nil {
		return nil, err
	}
	return s.ProductByID(ctx, a, productID)
}

// variantsChanged keeps the product's denormalised lowest price and
// updated_at right and queues it for search sync.
func (s *Service) variantsChanged(tx *gorm.DB, productID string) error {
	err := tx.Exec(`UPDATE products SET updated_at = ?,
		price_vnd = COALESCE((SELECT MIN(v.price_vnd) FROM product_variants v WHERE v.product_id = ?), 0)
		WHERE id = ?`, s.now(), productID, productID).Error
	if err != nil {
		return err
	}
	return ProductsChanged(tx, productID)
}

func variantFields(v *variantRow) map[string]any {
	m := map[string]any{
		"name": v.Name, "sku": v.SKU, "price_vnd": v.PriceVND, "compare_at_vnd": nil,
		"stock": v.Stock, "weight_grams": v.WeightGrams,
	}
	if v.CompareAtVND != nil {
		m["compare_at_vnd"] = *v.CompareAtVND
	}
	return m
}
