package catalog

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
)

// staffView sees every product, for the search sync that must learn about
// hidden and archived products to remove them from the index.
var staffView = kernel.Caller{UserID: "system:sync", Role: kernel.RoleStaff}

// ProductsForSync loads the products with these ids in any state, with a
// fixed number of queries, for the outbox worker and `ganh reindex`. Ids not
// returned no longer exist; of the returned ones, p.Purchasable() says
// whether the product belongs in the index or must be deleted from it.
// Category.Path is filled (top-level slug first, the product's own last), so
// filtering by a parent category finds the product.
func (s *Service) ProductsForSync(ctx context.Context, ids []string) ([]Product, error) {
	if len(ids) == 0 {
		return []Product{}, nil
	}
	db := s.read(ctx)
	var rows []productJoin
	if err := productQuery(db, staffView).Where("p.id IN ?", ids).Order("p.id").Scan(&rows).Error; err != nil {
		return nil, apperr.Wrap(err, "load products for sync")
	}
	out, err := s.hydrate(db, rows)
	if err != nil {
		return nil, apperr.Wrap(err, "load product details for sync")
	}
	cats, err := allCategories(db)
	if err != nil {
		return nil, apperr.Wrap(err, "load categories for sync")
	}
	byID := make(map[string]categoryRow, len(cats))
	for _, c := range cats {
		byID[c.ID] = c
	}
	for i := range out {
		var path []string
		for id := out[i].Category.ID; id != "" && len(path) < 10; {
			c := byID[id]
			path = append([]string{c.Slug}, path...)
			id = ""
			if c.ParentID != nil {
				id = *c.ParentID
			}
		}
		out[i].Category.Path = path
	}
	return out, nil
}

// ProductIDsAfter pages through every product id in order, after the id
// given ("" for the start), for a full reindex.
func (s *Service) ProductIDsAfter(ctx context.Context, after string, limit int) ([]string, error) {
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	ids := []string{}
	err := s.read(ctx).Model(&productRow{}).Where("id > ?", after).Order("id").Limit(limit).Pluck("id", &ids).Error
	if err != nil {
		return nil, apperr.Wrap(err, "list product ids")
	}
	return ids, nil
}
