package reports

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// openStatuses are the orders on their way: placed, neither delivered nor
// cancelled. Overview.Orders counts them and the delivered ones.
var openStatuses = []string{"pending", "confirmed", "shipping"}

// Overview answers the marketplace at a glance for staff (see Overview):
// every coop, or one province's (r.Province, or the caller's province when
// she is a province's staff; policy.MarketReport).
func (s *Service) Overview(ctx context.Context, a kernel.Caller, r Range) (*Overview, error) {
	province, err := requireMarket(a, r.Province)
	if err != nil {
		return nil, err
	}
	p, err := r.parse()
	if err != nil {
		return nil, err
	}
	db := s.read(ctx)
	out := &Overview{}
	out.From, out.To = p.bounds()
	if err := countCoops(db, province, &out.Coops); err != nil {
		return nil, apperr.Wrap(err, "count coops")
	}
	// On sale now: active, not hidden, in an approved coop.
	products := db.Table("products p").Joins("JOIN coops c ON c.id = p.coop_id").
		Where("p.status = ? AND p.hidden = ? AND c.status = ?", "active", false, "approved")
	if province != "" {
		products = products.Where("c.province = ?", province)
	}
	err = products.Count(&out.ProductsActive).Error
	if err != nil {
		return nil, apperr.Wrap(err, "count products")
	}
	// Delivered orders come from the rollup and those still on their way
	// (few: orders end delivered or cancelled within days) from the orders,
	// in one statement: one snapshot, so an order delivered meanwhile is
	// counted exactly once.
	open := []any{openStatuses}
	openWhere := "status IN ?"
	if t := p.start(); !t.IsZero() {
		openWhere += " AND created_at >= ?"
		open = append(open, t)
	}
	if t := p.end(); !t.IsZero() {
		openWhere += " AND created_at < ?"
		open = append(open, t)
	}
	if province != "" {
		openWhere += " AND " + inProvince("coop_id")
		open = append(open, province)
	}
	where, args := filter{period: p, province: province}.where()
	var d struct {
		OpenOrders int64
		Orders     int64
		GMVVND     int64 `gorm:"column:gmv_vnd"`
	}
	err = db.Raw("SELECT (SELECT COUNT(*) FROM orders WHERE "+openWhere+") AS open_orders, d.orders, d.gmv_vnd FROM ("+
		"SELECT CAST(COALESCE(SUM(s.orders), 0) AS BIGINT) AS orders, CAST(COALESCE(SUM(s.gmv_vnd), 0) AS BIGINT) AS gmv_vnd"+
		" FROM sales_daily s WHERE "+where+") d", append(open, args...)...).Scan(&d).Error
	if sumOverflow(err) {
		return nil, errReportTooLarge()
	}
	if err != nil {
		return nil, apperr.Wrap(err, "count orders")
	}
	out.Orders = d.OpenOrders + d.Orders
	out.DeliveredOrders, out.GMVVND = d.Orders, d.GMVVND
	return out, nil
}

// countCoops counts the coops by status: every coop, or a province's.
func countCoops(db *gorm.DB, province string, c *CoopCounts) error {
	var rows []struct {
		Status string
		N      int64
	}
	q := db.Table("coops").Select("status, COUNT(*) AS n")
	if province != "" {
		q = q.Where("province = ?", province)
	}
	if err := q.Group("status").Scan(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		switch r.Status {
		case "pending":
			c.Pending = r.N
		case "approved":
			c.Approved = r.N
		case "rejected":
			c.Rejected = r.N
		case "suspended":
			c.Suspended = r.N
		}
	}
	return nil
}
