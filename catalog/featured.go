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
	Province string `gorm:"primaryKey"` // "" for the national list
	CoopID   string `gorm:"primaryKey"`
	Position int
	StartsAt *time.Time
	EndsAt   *time.Time
	Note     string
}

func (featuredCoopRow) TableName() string { return "featured_coops" }

type featuredProductRow struct {
	Province  string `gorm:"primaryKey"` // "" for the national list
	ProductID string `gorm:"primaryKey"`
	Position  int
	StartsAt  *time.Time
	EndsAt    *time.Time
	Note      string
}

func (featuredProductRow) TableName() string { return "featured_products" }

// inWindowSQL keeps entries whose window contains now (f is the featured table).
const inWindowSQL = "(f.starts_at IS NULL OR f.starts_at <= ?) AND (f.ends_at IS NULL OR f.ends_at > ?)"

// Featured returns the curated lists of province ("" for the national
// lists) as a sees them now.
func (s *Service) Featured(ctx context.Context, a kernel.Caller, province string) (*Featured, error) {
	if err := checkListProvince(province); err != nil {
		return nil, err
	}
	db := s.read(ctx)
	now := s.now()
	var coops []coopRow
	err := db.Table("featured_coops f").Select("c.*").Joins("JOIN coops c ON c.id = f.coop_id").
		Scopes(visibleCoops(a)).Where("f.province = ?", province).Where(inWindowSQL, now, now).Order("f.position").Find(&coops).Error
	if err != nil {
		return nil, apperr.Wrap(err, "read featured coops")
	}
	var rows []productJoin
	err = productQuery(db, a).Joins("JOIN featured_products f ON f.product_id = p.id").
		Where("f.province = ?", province).Where(inWindowSQL, now, now).Order("f.position").Scan(&rows).Error
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

// FeaturedEntries returns province's curated lists ("" for the national
// ones) as stored, windows and notes included, whatever is visible now, to
// the staff who curate them.
func (s *Service) FeaturedEntries(ctx context.Context, a kernel.Caller, province string) (*FeaturedInput, error) {
	if err := mayCurate(a, province); err != nil {
		return nil, err
	}
	var coops []featuredCoopRow
	var products []featuredProductRow
	db := s.read(ctx)
	if err := db.Where("province = ?", province).Order("position").Find(&coops).Error; err != nil {
		return nil, apperr.Wrap(err, "read featured coops")
	}
	if err := db.Where("province = ?", province).Order("position").Find(&products).Error; err != nil {
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

// SetFeatured replaces both curated lists of province ("" for the
// national ones; policy's Curate says who may) and returns what
// GET /featured?province= now shows the caller. A province's list holds
// that province's coops and products only.
func (s *Service) SetFeatured(ctx context.Context, a kernel.Caller, province string, in FeaturedInput) (*Featured, error) {
	if err := mayCurate(a, province); err != nil {
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
		coops[i] = featuredCoopRow{Province: province, CoopID: e.CoopID, Position: i, StartsAt: utcPtr(e.StartsAt), EndsAt: utcPtr(e.EndsAt), Note: note}
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
		products[i] = featuredProductRow{Province: province, ProductID: e.ProductID, Position: i, StartsAt: utcPtr(e.StartsAt), EndsAt: utcPtr(e.EndsAt), Note: note}
	}
	if len(coops) > 100 || len(products) > 200 {
		p.add("coops", "Danh sách nổi bật quá dài (tối đa 100 hợp tác xã, 200 sản phẩm).")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	err := s.tx(ctx, "set featured", func(tx *gorm.DB) error {
		if err := checkEntries(tx, a, province, coopEntries, "coops", "coop_id", idsOf(coops, func(r featuredCoopRow) string { return r.CoopID })); err != nil {
			return err
		}
		if err := checkEntries(tx, a, province, productEntries, "products", "product_id", idsOf(products, func(r featuredProductRow) string { return r.ProductID })); err != nil {
			return err
		}
		if err := tx.Where("province = ?", province).Delete(&featuredCoopRow{}).Error; err != nil {
			return err
		}
		if err := tx.Where("province = ?", province).Delete(&featuredProductRow{}).Error; err != nil {
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
	return s.Featured(ctx, a, province)
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

// The queries giving each entry's coop province, by id (constants).
const (
	coopEntries    = "SELECT c.id, c.province FROM coops c WHERE c.id IN ?"
	productEntries = "SELECT p.id, c.province FROM products p JOIN coops c ON c.id = p.coop_id WHERE p.id IN ?"
)

// checkEntries checks the ids of one list (list[i].field) against their
// rows (query, a constant above): an id whose coop is in a province the
// caller does not oversee makes the whole call not_found, and so does one
// that does not exist, for her, so nothing tells a province's staff what
// lies elsewhere; national staff get a field error for it. On a
// province's list, an entry of another province that the caller does see
// (national staff) is a field error.
func checkEntries(tx *gorm.DB, a kernel.Caller, province, query, list, field string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	var found []struct {
		ID       string
		Province string
	}
	if err := tx.Raw(query, ids).Scan(&found).Error; err != nil {
		return err
	}
	where := make(map[string]string, len(found))
	for _, r := range found {
		where[r.ID] = r.Province
	}
	o, _ := policy.Oversees(a)
	var p problems
	for i, id := range ids {
		at, ok := where[id]
		name := list + "[" + strconv.Itoa(i) + "]." + field
		switch {
		case !ok && o.All:
			p.add(name, "Không tìm thấy mã này.")
		case !ok || !o.Covers(at):
			return errNotFound(entryNoun(list))
		case province != "" && at != province:
			p.add(name, "Mục này không thuộc tỉnh của danh sách.")
		}
	}
	return p.err()
}

func entryNoun(list string) string {
	if list == "coops" {
		return "hợp tác xã"
	}
	return "sản phẩm"
}

// mayCurate asks policy whether a may edit province's lists, after
// checking the slug.
func mayCurate(a kernel.Caller, province string) error {
	if err := policy.Gate(a, policy.Curate).Err(nil); err != nil {
		return err
	}
	if err := checkListProvince(province); err != nil {
		return err
	}
	return policy.Decide(a, policy.Curate, policy.Facts{Province: province}).Err(errNotFound("danh sách nổi bật"))
}

// checkListProvince refuses a province that is not one of the list.
func checkListProvince(province string) error {
	if province == "" {
		return nil
	}
	if _, ok := ProvinceBySlug(province); !ok {
		return apperr.Field("province", "Không có tỉnh này.")
	}
	return nil
}
