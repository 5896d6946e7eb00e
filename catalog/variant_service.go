package catalog

import (
	"context"
	"strconv"

	"gorm.io/gorm"
)

// UpdateVariant changes a variant's price, stock or name (the coop's members
// and staff). The product's lowest price follows in the same transaction.
func (s *Service) UpdateVariant(ctx context.Context, a Actor, productID, variantID string, in VariantPatch) (*Product, error) {
	err := s.tx(ctx, "update variant", func(tx *gorm.DB) error {
		ac, _, err := productForWrite(tx, a, productID)
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
		changes := diff(variantFields(&before), variantFields(&v))
		if len(changes) == 0 {
			return nil
		}
		now := s.now()
		if err := tx.Model(&variantRow{}).Where("id = ?", v.ID).Updates(map[string]any{
			"name": v.Name, "sku": v.SKU, "price_vnd": v.PriceVND, "compare_at_vnd": v.CompareAtVND,
			"stock": v.Stock, "weight_grams": v.WeightGrams, "updated_at": now,
		}).Error; err != nil {
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

// AddVariant adds a variant to a product (the coop's members and staff).
func (s *Service) AddVariant(ctx context.Context, a Actor, productID string, in VariantInput) (*Product, error) {
	err := s.tx(ctx, "add variant", func(tx *gorm.DB) error {
		ac, _, err := productForWrite(tx, a, productID)
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
	return EnqueueProductSync(tx, productID)
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
