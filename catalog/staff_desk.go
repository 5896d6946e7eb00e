package catalog

import (
	"context"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// The staff desk (issue 16): finding coops and products by name without
// typing slugs, and the products staff hid. Both read the database, not the
// search index: the index holds purchasable products only, and staff look
// for pending coops and hidden products too; the name columns are folded
// (search_name), so "com chay" finds "Cơm cháy", and a row changed a moment
// ago is found as it now is.

// DeskFinds is what the desk's search found.
type DeskFinds struct {
	Coops    []Coop    `json:"coops"`
	Products []Product `json:"products"`
}

// deskLimit is how many of each the desk shows: a search, not a list.
const deskLimit = 20

// StaffSearch finds the coops and products, in any state, whose names hold
// every word of q (diacritics ignored), among those a oversees.
func (s *Service) StaffSearch(ctx context.Context, a kernel.Caller, q string) (*DeskFinds, error) {
	o, d := policy.Oversees(a)
	if err := d.Err(nil); err != nil {
		return nil, err
	}
	words := strings.Fields(Fold(q))
	if len(words) == 0 {
		return &DeskFinds{Coops: []Coop{}, Products: []Product{}}, nil
	}
	if len(words) > 8 {
		words = words[:8]
	}
	db := s.read(ctx)
	cq := db.Table("coops c").Scopes(overseen(o))
	pq := productQuery(db, a).Scopes(overseen(o))
	for _, w := range words {
		like := "%" + escapeLike(w) + "%"
		cq = cq.Where("c.search_name LIKE ? ESCAPE '\\'", like)
		pq = pq.Where("p.search_name LIKE ? ESCAPE '\\'", like)
	}
	var coops []coopRow
	if err := cq.Order("c.name, c.id").Limit(deskLimit).Find(&coops).Error; err != nil {
		return nil, apperr.Wrap(err, "desk search coops")
	}
	var rows []productJoin
	if err := pq.Order("p.name, p.id").Limit(deskLimit).Scan(&rows).Error; err != nil {
		return nil, apperr.Wrap(err, "desk search products")
	}
	products, err := s.hydrate(db, rows)
	if err != nil {
		return nil, apperr.Wrap(err, "desk search product details")
	}
	out := &DeskFinds{Coops: make([]Coop, len(coops)), Products: products}
	for i := range coops {
		out.Coops[i] = s.coopView(ctx, &coops[i], false)
	}
	return out, nil
}

// HiddenProducts lists the products staff hid, with the reasons, newest
// first, among those a oversees.
func (s *Service) HiddenProducts(ctx context.Context, a kernel.Caller, pr kernel.PageRequest) (kernel.Page[Product], error) {
	o, d := policy.Oversees(a)
	if err := d.Err(nil); err != nil {
		return kernel.Page[Product]{}, err
	}
	after, err := pages.After(pr)
	if err != nil {
		return kernel.Page[Product]{}, err
	}
	db := s.read(ctx)
	q := productQuery(db, a).Scopes(overseen(o)).Where("p.hidden")
	if after != "" {
		q = q.Where("p.id < ?", after)
	}
	limit := pr.Size()
	var rows []productJoin
	if err := q.Order("p.id DESC").Limit(limit + 1).Scan(&rows).Error; err != nil {
		return kernel.Page[Product]{}, apperr.Wrap(err, "list hidden products")
	}
	more := len(rows) > limit
	if more {
		rows = rows[:limit]
	}
	items, err := s.hydrate(db, rows)
	if err != nil {
		return kernel.Page[Product]{}, apperr.Wrap(err, "hidden product details")
	}
	last := ""
	if len(items) > 0 {
		last = items[len(items)-1].ID
	}
	return kernel.NewPage(items, more, pages, last), nil
}

// overseen restricts a query over coops c to the oversight o.
func overseen(o policy.Oversight) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB {
		if o.All {
			return db
		}
		return db.Where("c.province = ?", o.Province)
	}
}
