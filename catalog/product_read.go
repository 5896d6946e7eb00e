package catalog

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// ProductBySlug returns a product page as a may see it: the public only sees
// a purchasable product; the coop's members and staff see it in any state.
func (s *Service) ProductBySlug(ctx context.Context, a kernel.Caller, slug string) (*Product, error) {
	return s.getProduct(s.read(ctx), a, "p.slug = ?", slug)
}

// ProductByID is ProductBySlug for an id.
func (s *Service) ProductByID(ctx context.Context, a kernel.Caller, id string) (*Product, error) {
	return s.getProduct(s.read(ctx), a, "p.id = ?", id)
}

// getProduct reads one product with a fixed cond (a constant) on db.
func (s *Service) getProduct(db *gorm.DB, a kernel.Caller, cond string, arg any) (*Product, error) {
	var rows []productJoin
	if err := productQuery(db, a).Where(cond, arg).Limit(1).Scan(&rows).Error; err != nil {
		return nil, apperr.Wrap(err, "read product")
	}
	if len(rows) == 0 {
		return nil, errNotFound("sản phẩm")
	}
	list, err := s.hydrate(db, rows)
	if err != nil {
		return nil, apperr.Wrap(err, "read product details")
	}
	return &list[0], nil
}

// ProductFilter narrows product lists. Category includes its sub-categories;
// Coop is a coop slug or id; Status is for members and staff (the public only
// ever sees active products).
type ProductFilter struct {
	Category string
	Province string
	Coop     string
	Status   ProductStatus
}

// Products lists the products a may see, newest first.
func (s *Service) Products(ctx context.Context, a kernel.Caller, f ProductFilter, pr kernel.PageRequest) (kernel.Page[Product], error) {
	db := s.read(ctx)
	after, err := pages.After(pr)
	if err != nil {
		return kernel.Page[Product]{}, err
	}
	if f.Status != "" && !f.Status.Valid() {
		return kernel.Page[Product]{}, apperr.Field("status", "Trạng thái phải là draft, active hoặc archived.")
	}
	q := productQuery(db, a)
	if f.Category != "" {
		ids, ok, err := categoryWithDescendants(db, f.Category)
		if err != nil {
			return kernel.Page[Product]{}, apperr.Wrap(err, "read categories")
		}
		if !ok {
			return kernel.Page[Product]{}, apperr.Field("category", "Không có danh mục này.")
		}
		q = q.Where("p.category_id IN ?", ids)
	}
	if f.Province != "" {
		q = q.Where("c.province = ?", f.Province)
	}
	if f.Coop != "" {
		// Resolve the coop first so the planner walks products (coop_id, id).
		q = q.Where("p.coop_id IN (SELECT id FROM coops WHERE slug = ? OR id = ?)", f.Coop, f.Coop)
	}
	if f.Status != "" {
		q = q.Where("p.status = ?", f.Status)
	}
	if after != "" {
		q = q.Where("p.id < ?", after)
	}
	limit := pr.Size()
	var rows []productJoin
	if err := q.Order("p.id DESC").Limit(limit + 1).Scan(&rows).Error; err != nil {
		return kernel.Page[Product]{}, apperr.Wrap(err, "list products")
	}
	more := len(rows) > limit
	if more {
		rows = rows[:limit]
	}
	items, err := s.hydrate(db, rows)
	if err != nil {
		return kernel.Page[Product]{}, apperr.Wrap(err, "list product details")
	}
	last := ""
	if len(items) > 0 {
		last = items[len(items)-1].ID
	}
	return kernel.NewPage(items, more, pages, last), nil
}

// CoopProducts lists a coop's products (GET /coops/{id}/products): the public
// sees its active, visible products; members and staff see all of them and
// may filter by status. A coop the actor may not see is not found.
func (s *Service) CoopProducts(ctx context.Context, a kernel.Caller, coop string, status ProductStatus, pr kernel.PageRequest) (kernel.Page[Product], error) {
	var ids []string
	err := s.read(ctx).Table("coops c").Scopes(visibleCoops(a)).
		Where("(c.slug = ? OR c.id = ?)", coop, coop).Limit(1).Pluck("c.id", &ids).Error
	if err != nil {
		return kernel.Page[Product]{}, apperr.Wrap(err, "read coop")
	}
	if len(ids) == 0 {
		return kernel.Page[Product]{}, errNotFound("hợp tác xã")
	}
	return s.Products(ctx, a, ProductFilter{Coop: ids[0], Status: status}, pr)
}
