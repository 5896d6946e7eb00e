package indexsync

import (
	"context"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/search"
)

// Products is what the sync needs from the catalog: the current state of
// products in any state (to know which to remove) and every product id for a
// full reindex. *catalog.Service implements it; tests wrap it.
type Products interface {
	// ProductsForSync loads the products with these ids, with their
	// category path and images; an id not returned no longer exists.
	ProductsForSync(ctx context.Context, ids []string) ([]catalog.Product, error)
	// ProductIDsAfter pages through every product id in order.
	ProductIDsAfter(ctx context.Context, after string, limit int) ([]string, error)
}

var _ Products = (*catalog.Service)(nil)

// DocumentOf is the search document of a product as ProductsForSync loads
// it: the product's own fields, its category path, its cooperative and
// province, and the media key of its first photo's thumbnail (never a URL,
// which depends on where the site is reached). The caller decides with
// p.Purchasable() whether the document belongs in the index.
func DocumentOf(p catalog.Product) search.Document {
	d := search.Document{
		ID: p.ID, Slug: p.Slug, Name: p.Name, Description: p.Description, Tags: p.Tags,
		CategorySlug: p.Category.Slug, CategoryName: p.Category.Name, CategorySlugs: p.Category.Path,
		CoopID: p.Coop.ID, CoopSlug: p.Coop.Slug, CoopName: p.Coop.Name, ProvinceSlug: p.Coop.Province,
		OCOPStars: p.OCOPStars, PriceVND: p.PriceVND, RatingAvg: p.RatingAvg, RatingCount: p.RatingCount,
		SoldCount: p.SoldCount, CreatedAt: p.CreatedAt,
	}
	if pr, ok := catalog.ProvinceBySlug(p.Coop.Province); ok {
		d.ProvinceName = pr.Name
	}
	if len(p.Images) > 0 {
		d.Image = catalog.ImageKey(p.Images[0].Hash, catalog.VariantThumb)
	}
	return d
}

// splitForIndex sorts loaded products into the documents to upsert and the
// ids to delete: every requested id that is not purchasable or no longer
// exists.
func splitForIndex(ids []string, loaded []catalog.Product) (docs []search.Document, gone []string) {
	found := make(map[string]bool, len(loaded))
	for _, p := range loaded {
		found[p.ID] = true
		if p.Purchasable() {
			docs = append(docs, DocumentOf(p))
		} else {
			gone = append(gone, p.ID)
		}
	}
	for _, id := range ids {
		if !found[id] {
			gone = append(gone, id)
		}
	}
	return docs, gone
}
