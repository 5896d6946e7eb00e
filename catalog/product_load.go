package catalog

import (
	"context"
	"encoding/json"

	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// productJoin is a product row with the coop and category fields its page
// shows, read in the same query.
type productJoin struct {
	P            productRow `gorm:"embedded"`
	CoopSlug     string
	CoopName     string
	CoopProvince string
	CoopStatus   CoopStatus
	CategorySlug string
	CategoryName string
}

const productSelect = "p.*, c.slug AS coop_slug, c.name AS coop_name, c.province AS coop_province, " +
	"c.status AS coop_status, cat.slug AS category_slug, cat.name AS category_name"

// productQuery starts a read of the products a may see, joined to their coop
// and category. Every product read starts here, so the visibility rule is
// never forgotten.
func productQuery(db *gorm.DB, a kernel.Caller) *gorm.DB {
	return db.Table("products p").Select(productSelect).
		Joins("JOIN coops c ON c.id = p.coop_id").
		Joins("JOIN categories cat ON cat.id = p.category_id").
		Scopes(visibleProducts(a))
}

// hydrate turns product rows into API products with a fixed number of
// queries whatever the number of rows: one for all their variants and one
// for all their images.
func (s *Service) hydrate(db *gorm.DB, rows []productJoin) ([]Product, error) {
	out := make([]Product, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]string, len(rows))
	at := make(map[string]int, len(rows))
	for i := range rows {
		ids[i] = rows[i].P.ID
		at[rows[i].P.ID] = i
		out[i] = rows[i].view()
	}
	var variants []variantRow
	if err := db.Where("product_id IN ?", ids).Order("product_id, position, id").Find(&variants).Error; err != nil {
		return nil, err
	}
	for i := range variants {
		p := &out[at[variants[i].ProductID]]
		p.Variants = append(p.Variants, variants[i].view())
	}
	if s.images != nil {
		ctx := db.Statement.Context // the request's: photo URLs may be built on its site address
		if ctx == nil {
			ctx = context.Background()
		}
		var images []imageRow
		if err := db.Where("product_id IN ?", ids).Order("product_id, position, id").Find(&images).Error; err != nil {
			return nil, err
		}
		for _, im := range images {
			if img, ok := s.imageOf(ctx, im.ID, im.Hash, im.Width, im.Height); ok {
				p := &out[at[im.ProductID]]
				p.Images = append(p.Images, img)
			}
		}
	}
	return out, nil
}

// view is the product without its variants and images.
func (j *productJoin) view() Product {
	r := &j.P
	p := Product{
		ID: r.ID, Slug: r.Slug, Name: r.Name, Description: r.Description,
		Category: CategoryRef{ID: r.CategoryID, Slug: j.CategorySlug, Name: j.CategoryName},
		Coop:     CoopRef{ID: r.CoopID, Slug: j.CoopSlug, Name: j.CoopName, Province: j.CoopProvince, Status: j.CoopStatus},
		Unit:     r.Unit, OCOPStars: r.OCOPStars, OCOPCertNo: r.OCOPCertNo, Status: r.Status,
		Hidden: r.Hidden, HiddenReason: r.HiddenReason, PriceVND: r.PriceVND, RatingAvg: r.RatingAvg,
		RatingCount: r.RatingCount, SoldCount: r.SoldCount,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
		Images: []Image{}, Variants: []Variant{}, Tags: []string{},
	}
	_ = json.Unmarshal([]byte(r.Tags), &p.Tags)
	if p.Tags == nil {
		p.Tags = []string{}
	}
	return p
}
