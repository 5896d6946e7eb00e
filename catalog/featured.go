package catalog

import (
	"context"
	"strconv"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// Featured is what GET /featured shows: the curated coops and products that
// are inside their date window and visible to the caller, in curated order.
type Featured struct {
	Coops    []Coop    `json:"coops"`
	Products []Product `json:"products"`
}

// FeaturedInput replaces both curated lists (PUT /admin/featured); the order
// of each array is the order shown.
type FeaturedInput struct {
	Coops    []FeaturedCoop    `json:"coops"`
	Products []FeaturedProduct `json:"products"`
}

// FeaturedCoop is one curated coop with an optional window and a staff note.
type FeaturedCoop struct {
	CoopID   string     `json:"coop_id"`
	StartsAt *time.Time `json:"starts_at"`
	EndsAt   *time.Time `json:"ends_at"`
	Note     string     `json:"note"`
}

// FeaturedProduct is one curated product with an optional window and a note.
type FeaturedProduct struct {
	ProductID string     `json:"product_id"`
	StartsAt  *time.Time `json:"starts_at"`
	EndsAt    *time.Time `json:"ends_at"`
	Note      string     `json:"note"`
}

type featuredCoopRow struct {
	CoopID   string `gorm:"primaryKey"`
	Position int
	StartsAt *time.Time
	EndsAt   *time.Time
	Note     string
}

func (featuredCoopRow) TableName() string { return "featured_coops" }

type featuredProductRow struct {
	ProductID string `gorm:"primaryKey"`
	Position  int
	StartsAt  *time.Time
	EndsAt    *time.Time
	Note      string
}

func (featuredProductRow) TableName() string { return "featured_products" }

// inWindowSQL keeps entries whose window contains now (f is the featured table).
const inWindowSQL = "(f.starts_at IS NULL OR f.starts_at <= ?) AND (f.ends_at IS NULL OR f.ends_at > ?)"

// Featured returns the curated lists as a sees them now.
func (s *Service) Featured(ctx context.Context, a kernel.Caller) (*Featured, error) {
	db := s.read(ctx)
	now := s.now()
	var coops []coopRow
	err := db.Table("featured_coops f").Select("c.*").Joins("JOIN coops c ON c.id = f.coop_id").
		Scopes(visibleCoops(a)).Where(inWindowSQL, now, now).Order("f.position").Find(&coops).Error
	if err != nil {
		return nil, apperr.Wrap(err, "read featured coops")
	}
	var rows []productJoin
	err = productQuery(db, a).Joins("JOIN featured_products f ON f.product_id = p.id").
		Where(inWindowSQL, now, now).Order("f.position").Scan(&rows).Error
	if err != nil {
		return nil, apperr.Wrap(err, "read featured products")
	}
	products, err := s.hydrate(db, rows)
	if err != nil {
		return nil, apperr.Wrap(err, "read featured product details")
	}
	out := &Featured{Coops: make([]Coop, len(coops)), Products: products}
	for i := range coops {
		out.Coops[i] = s.coopView(ctx, &coops[i], false)
	}
	return out, nil
}

// FeaturedEntries returns the curated lists as stored, windows and notes
// included, whatever is visible now (staff).
func (s *Service) FeaturedEntries(ctx context.Context, a kernel.Caller) (*FeaturedInput, error) {
	if err := policy.Gate(a, policy.StaffWide).Err(nil); err != nil {
		return nil, err
	}
	var coops []featuredCoopRow
	var products []featuredProductRow
	db := s.read(ctx)
	if err := db.Order("position").Find(&coops).Error; err != nil {
		return nil, apperr.Wrap(err, "read featured coops")
	}
	if err := db.Order("position").Find(&products).Error; err != nil {
		return nil, apperr.Wrap(err, "read featured products")
	}
	out := &FeaturedInput{Coops: []FeaturedCoop{}, Products: []FeaturedProduct{}}
	for _, r := range coops {
		out.Coops = append(out.Coops, FeaturedCoop{CoopID: r.CoopID, StartsAt: utcPtr(r.StartsAt), EndsAt: utcPtr(r.EndsAt), Note: r.Note})
	}
	for _, r := range products {
		out.Products = append(out.Products, FeaturedProduct{ProductID: r.ProductID, StartsAt: utcPtr(r.StartsAt), EndsAt: utcPtr(r.EndsAt), Note: r.Note})
	}
	return out, nil
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// SetFeatured replaces both curated lists (staff) and returns what
// GET /featured now shows the caller.
func (s *Service) SetFeatured(ctx context.Context, a kernel.Caller, in FeaturedInput) (*Featured, error) {
	if err := policy.Gate(a, policy.StaffWide).Err(nil); err != nil {
		return nil, err
	}
	var p problems
	coops := make([]featuredCoopRow, len(in.Coops))
	seen := map[string]bool{}
	for i, e := range in.Coops {
		at := "coops[" + strconv.Itoa(i) + "]."
		if seen[e.CoopID] {
			p.add(at+"coop_id", "Hợp tác xã này đã có trong danh sách.")
		}
		seen[e.CoopID] = true
		note := checkWindow(&p, at, e.StartsAt, e.EndsAt, e.Note)
		coops[i] = featuredCoopRow{CoopID: e.CoopID, Position: i, StartsAt: utcPtr(e.StartsAt), EndsAt: utcPtr(e.EndsAt), Note: note}
	}
	products := make([]featuredProductRow, len(in.Products))
	seen = map[string]bool{}
	for i, e := range in.Products {
		at := "products[" + strconv.Itoa(i) + "]."
		if seen[e.ProductID] {
			p.add(at+"product_id", "Sản phẩm này đã có trong danh sách.")
		}
		seen[e.ProductID] = true
		note := checkWindow(&p, at, e.StartsAt, e.EndsAt, e.Note)
		products[i] = featuredProductRow{ProductID: e.ProductID, Position: i, StartsAt: utcPtr(e.StartsAt), EndsAt: utcPtr(e.EndsAt), Note: note}
	}
	if len(coops) > 100 || len(products) > 200 {
		p.add("coops", "Danh sách nổi bật quá dài (tối đa 100 hợp tác xã, 200 sản phẩm).")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	err := s.tx(ctx, "set featured", func(tx *gorm.DB) error {
		if err := checkExist(tx, "coops", "coops", "coop_id", idsOf(coops, func(r featuredCoopRow) string { return r.CoopID })); err != nil {
			return err
		}
		if err := checkExist(tx, "products", "products", "product_id", idsOf(products, func(r featuredProductRow) string { return r.ProductID })); err != nil {
			return err
		}
		if err := tx.Where("1 = 1").Delete(&featuredCoopRow{}).Error; err != nil {
			return err
		}
		if err := tx.Where("1 = 1").Delete(&featuredProductRow{}).Error; err != nil {
			return err
		}
		if len(coops) > 0 {
			if err := tx.Create(&coops).Error; err != nil {
				return err
			}
		}
		if len(products) > 0 {
			return tx.Create(&products).Error
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Featured(ctx, a)
}

func checkWindow(p *problems, at string, starts, ends *time.Time, note string) string {
	if starts != nil && ends != nil && !ends.After(*starts) {
		p.add(at+"ends_at", "Ngày kết thúc phải sau ngày bắt đầu.")
	}
	return p.text(at+"note", note, 0, 500)
}

func idsOf[T any](rows []T, id func(T) string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = id(r)
	}
	return out
}

// checkExist reports, as a validation error naming list[i].field, every id
// that is not in table (a constant of this package).
func checkExist(tx *gorm.DB, table, list, field string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	var found []string
	if err := tx.Table(table).Where("id IN ?", ids).Pluck("id", &found).Error; err != nil {
		return err
	}
	have := make(map[string]bool, len(found))
	for _, id := range found {
		have[id] = true
	}
	var p problems
	for i, id := range ids {
		if !have[id] {
			p.add(list+"["+strconv.Itoa(i)+"]."+field, "Không tìm thấy mã này.")
		}
	}
	return p.err()
}
