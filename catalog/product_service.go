package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// CreateProduct adds a product with its variants to a coop (its members and
// staff). It starts as a draft unless the input asks for active.
func (s *Service) CreateProduct(ctx context.Context, a kernel.Caller, coopID string, in ProductInput) (*Product, error) {
	var id string
	err := s.tx(ctx, "create product", func(tx *gorm.DB) error {
		ac, err := coopAccess(tx, a, coopID, policy.EditProducts)
		if err != nil {
			return err
		}
		now := s.now()
		r := productRow{ID: newID(), CoopID: coopID, CreatedAt: now, UpdatedAt: now}
		id = r.ID
		if in.Status == "" {
			in.Status = ProductDraft
		}
		var p problems
		in.patch().apply(&r, &p)
		if r.Status == ProductArchived {
			p.add("status", "Sản phẩm mới chỉ có thể ở trạng thái draft hoặc active.")
		}
		if err := resolveCategory(tx, in.Category, &r, &p); err != nil {
			return err
		}
		switch n := len(in.Variants); {
		case n == 0:
			p.add("variants", "Cần ít nhất một loại hàng (biến thể) có giá và tồn kho.")
		case n > maxVariants:
			p.add("variants", "Tối đa "+strconv.Itoa(maxVariants)+" loại hàng.")
		}
		variants := make([]variantRow, len(in.Variants))
		for i := range in.Variants {
			variants[i] = variantRow{ID: newID(), ProductID: r.ID, Position: i, CreatedAt: now, UpdatedAt: now}
			in.Variants[i].patch().apply(&variants[i], "variants["+strconv.Itoa(i)+"].", &p)
			if i == 0 || variants[i].PriceVND < r.PriceVND {
				r.PriceVND = variants[i].PriceVND
			}
		}
		if err := p.err(); err != nil {
			return err
		}
		err = insertWithSlug(tx, "products", r.Name, "san-pham", func(slug string) { r.Slug = slug },
			func(tx *gorm.DB) error { return tx.Create(&r).Error })
		if err != nil {
			return err
		}
		if err := tx.Create(&variants).Error; err != nil {
			return err
		}
		if err := ProductsChanged(tx, r.ID); err != nil {
			return err
		}
		changes := created(productFields(&r))
		changes["variants"] = Change{After: len(variants)}
		return s.audit(tx, ac, "product.create", "product", r.ID, changes)
	})
	if err != nil {
		return nil, err
	}
	return s.ProductByID(ctx, a, id)
}

// resolveCategory sets r's category from a slug, or reports the field.
func resolveCategory(tx *gorm.DB, slug string, r *productRow, p *problems) error {
	if slug == "" {
		p.add("category", "Chọn một danh mục.")
		return nil
	}
	var ids []string
	if err := tx.Model(&categoryRow{}).Where("slug = ?", slug).Limit(1).Pluck("id", &ids).Error; err != nil {
		return err
	}
	if len(ids) == 0 {
		p.add("category", "Không có danh mục này.")
		return nil
	}
	r.CategoryID = ids[0]
	return nil
}

// productForWrite checks that a may do act to the product and returns it
// with the caller's standing in its coop. The coop row is locked first, as every
// catalog write of the coop does, so writes of one coop never interleave.
// Anything the actor may not touch is reported as a missing product.
func productForWrite(tx *gorm.DB, a kernel.Caller, productID string, act policy.Action) (*access, *productRow, error) {
	ac, err := productAccess(tx, a, productID, act, true)
	if err != nil {
		return nil, nil, err
	}
	var r productRow
	if err := tx.Where("id = ?", productID).Take(&r).Error; err != nil {
		return nil, nil, err
	}
	return ac, &r, nil
}

// productAccess is the caller's standing in the product's coop, checked for
// act, the coop row locked when lock is set (see coopAccess and readAccess).
func productAccess(db *gorm.DB, a kernel.Caller, productID string, act policy.Action, lock bool) (*access, error) {
	var coopIDs []string
	if err := db.Model(&productRow{}).Where("id = ?", productID).Limit(1).Pluck("coop_id", &coopIDs).Error; err != nil {
		return nil, err
	}
	if len(coopIDs) == 0 {
		return nil, errNotFound("sản phẩm")
	}
	ac, err := loadAccess(db, a, coopIDs[0], act, lock)
	if apperr.KindOf(err) == apperr.KindNotFound {
		return nil, errNotFound("sản phẩm")
	}
	return ac, err
}

// UpdateProduct applies a partial update of a product (its coop's members
// and staff).
func (s *Service) UpdateProduct(ctx context.Context, a kernel.Caller, productID string, in ProductPatch) (*Product, error) {
	err := s.tx(ctx, "update product", func(tx *gorm.DB) error {
		ac, before, err := productForWrite(tx, a, productID, policy.EditProducts)
		if err != nil {
			return err
		}
		r := *before
		var p problems
		in.apply(&r, &p)
		if in.Category != nil {
			if err := resolveCategory(tx, *in.Category, &r, &p); err != nil {
				return err
			}
		}
		if err := p.err(); err != nil {
			return err
		}
		changes := diff(productFields(before), productFields(&r))
		if len(changes) == 0 {
			return nil
		}
		err = tx.Model(&productRow{}).Where("id = ?", r.ID).Updates(map[string]any{
			"name": r.Name, "search_name": r.SearchName, "description": r.Description,
			"category_id": r.CategoryID, "unit": r.Unit, "ocop_stars": r.OCOPStars,
			"ocop_cert_no": r.OCOPCertNo, "tags": r.Tags, "status": r.Status, "updated_at": s.now(),
		}).Error
		if err != nil {
			return err
		}
		if err := ProductsChanged(tx, r.ID); err != nil {
			return err
		}
		return s.audit(tx, ac, "product.update", "product", r.ID, changes)
	})
	if err != nil {
		return nil, err
	}
	return s.ProductByID(ctx, a, productID)
}

// productFields are the fields of a product the audit log compares.
func productFields(r *productRow) map[string]any {
	var tags []string
	_ = json.Unmarshal([]byte(r.Tags), &tags)
	return map[string]any{
		"name": r.Name, "description": r.Description, "category_id": r.CategoryID, "unit": r.Unit,
		"ocop_stars": r.OCOPStars, "ocop_cert_no": r.OCOPCertNo, "tags": tags, "status": string(r.Status),
		"hidden": r.Hidden, "hidden_reason": r.HiddenReason,
	}
}

// HideProduct takes a product off the market for breaking the rules (staff);
// the reason is shown to the coop.
func (s *Service) HideProduct(ctx context.Context, a kernel.Caller, productID, reason string) (*Product, error) {
	return s.setHidden(ctx, a, productID, true, reason)
}

// UnhideProduct puts a hidden product back (staff).
func (s *Service) UnhideProduct(ctx context.Context, a kernel.Caller, productID string) (*Product, error) {
	return s.setHidden(ctx, a, productID, false, "")
}

func (s *Service) setHidden(ctx context.Context, a kernel.Caller, productID string, hidden bool, reason string) (*Product, error) {
	if err := policy.Gate(a, policy.ModerateCoop).Err(nil); err != nil {
		return nil, err
	}
	var p problems
	if hidden {
		reason = p.text("reason", reason, 1, 1000)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	err := s.tx(ctx, "hide product", func(tx *gorm.DB) error {
		ac, r, err := productForWrite(tx, a, productID, policy.ModerateCoop)
		if err != nil {
			return err
		}
		if r.Hidden == hidden {
			if hidden {
				return apperr.Conflictf(apperr.CodeConflict, "Sản phẩm đang bị ẩn rồi.")
			}
			return apperr.Conflictf(apperr.CodeConflict, "Sản phẩm không bị ẩn.")
		}
		if err := tx.Model(&productRow{}).Where("id = ?", r.ID).
			Updates(map[string]any{"hidden": hidden, "hidden_reason": reason, "updated_at": s.now()}).Error; err != nil {
			return err
		}
		if err := ProductsChanged(tx, r.ID); err != nil {
			return err
		}
		action := "product.unhide"
		if hidden {
			action = "product.hide"
			if err := notifyProductHidden(tx, &ac.coop, r, reason); err != nil {
				return err
			}
		}
		return s.audit(tx, ac, action, "product", r.ID, map[string]Change{
			"hidden":        {Before: r.Hidden, After: hidden},
			"hidden_reason": {Before: r.HiddenReason, After: reason},
		})
	})
	if err != nil {
		return nil, err
	}
	return s.ProductByID(ctx, a, productID)
}

// errNoVariant reports a variant that is not one of the product's.
func errNoVariant() error { return errNotFound("loại hàng (biến thể)") }

// isNotFound says whether err is gorm's not-found.
func isNotFound(err error) bool { return errors.Is(err, gorm.ErrRecordNotFound) }
