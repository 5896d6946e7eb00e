package orders

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// Order returns one order to a caller who may see it: its buyer (account, or
// a guest giving the order's phone), a member of the selling coop, or staff.
// To anyone else it does not exist.
func (s *Service) Order(ctx context.Context, c Caller, code string) (*Order, error) {
	var o *Order
	err := s.byCode(ctx, c, func() error {
		db := s.read(ctx)
		j, err := orderFor(db, c, code, policy.ReadOrder)
		if err != nil {
			return apperr.Wrap(err, "read order")
		}
		o, err = hydrateOne(db, j)
		return apperr.Wrap(err, "read order")
	})
	return o, err
}

// BuyerOrders lists the signed-in caller's own orders, newest first.
func (s *Service) BuyerOrders(ctx context.Context, a kernel.Caller, pr kernel.PageRequest) (kernel.Page[Order], error) {
	if err := policy.Gate(a, policy.ListOwnOrders).Err(nil); err != nil {
		return kernel.Page[Order]{}, err
	}
	return s.list(ctx, pr, func(q *gorm.DB) *gorm.DB { return q.Where("o.user_id = ?", a.UserID) })
}

// CoopOrders lists a cooperative's orders (by coop id or slug), newest
// first, optionally of one status, for its members and Hội staff; to anyone
// else the coop does not exist.
func (s *Service) CoopOrders(ctx context.Context, a kernel.Caller, coopID string, status Status, pr kernel.PageRequest) (kernel.Page[Order], error) {
	var none kernel.Page[Order]
	if err := policy.Gate(a, policy.ReadSellerOrders).Err(nil); err != nil {
		return none, err
	}
	if status != "" && !status.Valid() {
		return none, apperr.Field("status", "Trạng thái phải là pending, confirmed, shipping, delivered hoặc cancelled.")
	}
	coopID, err := coopFor(s.read(ctx), a, coopID, policy.ReadSellerOrders)
	if err != nil {
		return none, err
	}
	return s.list(ctx, pr, func(q *gorm.DB) *gorm.DB {
		q = q.Where("o.coop_id = ?", coopID)
		if status != "" {
			q = q.Where("o.status = ?", status)
		}
		return q
	})
}

// list reads one page of orders matching where, in three queries whatever
// the page size: orders, their items, their history.
func (s *Service) list(ctx context.Context, pr kernel.PageRequest, where func(*gorm.DB) *gorm.DB) (kernel.Page[Order], error) {
	after, err := pages.After(pr)
	if err != nil {
		return kernel.Page[Order]{}, err
	}
	limit := pr.Size()
	db := s.read(ctx)
	q := where(orderQuery(db))
	if after != "" {
		q = q.Where("o.id < ?", after)
	}
	var rows []orderJoin
	if err := q.Order("o.id DESC").Limit(limit + 1).Scan(&rows).Error; err != nil {
		return kernel.Page[Order]{}, apperr.Wrap(err, "list orders")
	}
	more := len(rows) > limit
	if more {
		rows = rows[:limit]
	}
	list, err := hydrate(db, rows)
	if err != nil {
		return kernel.Page[Order]{}, apperr.Wrap(err, "list orders")
	}
	last := ""
	if len(rows) > 0 {
		last = rows[len(rows)-1].O.ID
	}
	return kernel.NewPage(list, more, pages, last), nil
}
