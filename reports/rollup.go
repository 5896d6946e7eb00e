package reports

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/money"
	"gorm.io/gorm"
)

// Rollups maintains the daily sales rollups, the tables reports owns
// (sales_daily, sales_daily_categories, sales_daily_products). The zero
// value is ready to use; it is what the orders service is given as its
// orders.DeliveryRecorder.
type Rollups struct{}

// RecordDelivered adds a delivered order to the daily rollups. The orders
// service calls it inside the transaction that moves the order to
// delivered, so the rollups and the orders never disagree: delivered is a
// final state and that move happens once per order. Rows for several
// products or categories are written in key order, so two deliveries
// running at once lock them in the same order.
func (Rollups) RecordDelivered(tx *gorm.DB, orderID string) error {
	return record(tx, orderID, 1)
}

// RecordRefused takes a delivered cash-on-delivery order whose buyer did
// not pay at the door back out of the rollups, in the transaction that
// records the refusal (once per order): the parcel came back, so it was no
// sale. The rows keep their keys with smaller figures.
func (Rollups) RecordRefused(tx *gorm.DB, orderID string) error {
	return record(tx, orderID, -1)
}

// record adds (sign 1) or removes (sign -1) one order's figures.
func record(tx *gorm.DB, orderID string, sign int64) error {
	var o struct {
		CoopID    string
		CreatedAt time.Time
		Subtotal  int64 `gorm:"column:subtotal_vnd"`
	}
	if err := tx.Table("orders").Select("coop_id, created_at, subtotal_vnd").Where("id = ?", orderID).Take(&o).Error; err != nil {
		return fmt.Errorf("rollup: read order %s: %w", orderID, err)
	}
	var lines []struct {
		ProductID  string
		CategoryID string
		Quantity   int64
		LineTotal  int64 `gorm:"column:line_total_vnd"`
	}
	err := tx.Table("order_items i").Select("i.product_id, p.category_id, i.quantity, i.line_total_vnd").
		Joins("JOIN products p ON p.id = i.product_id").Where("i.order_id = ?", orderID).Scan(&lines).Error
	if err != nil {
		return fmt.Errorf("rollup: read items: %w", err)
	}
	var leaves []string
	for _, l := range lines {
		leaves = append(leaves, l.CategoryID)
	}
	top, err := topCategories(tx, leaves)
	if err != nil {
		return err
	}

	day := LocalDay(o.CreatedAt)
	order := measure{orders: sign, gmv: sign * o.Subtotal}
	products := map[string]*measure{}
	categories := map[string]*measure{}
	for _, l := range lines {
		if !order.add(0, sign*l.Quantity, 0) {
			return errRollupFull()
		}
		for _, m := range []*measure{at(products, l.ProductID), at(categories, top[l.CategoryID])} {
			m.orders = sign // once per order, however many lines it has here
			if !m.add(0, sign*l.Quantity, sign*l.LineTotal) {
				return errRollupFull()
			}
		}
	}
	if err := upsert(tx, "sales_daily", "", day, o.CoopID, map[string]*measure{"": &order}); err != nil {
		return err
	}
	if err := upsert(tx, "sales_daily_products", "product_id", day, o.CoopID, products); err != nil {
		return err
	}
	return upsert(tx, "sales_daily_categories", "category_id", day, o.CoopID, categories)
}

// measure is what one rollup row adds up.
type measure struct{ orders, items, gmv int64 }

// add adds to the measure with checked arithmetic; false when a figure
// would not fit.
func (m *measure) add(orders, items, gmv int64) bool {
	o, ok1 := money.Add(m.orders, orders)
	i, ok2 := money.Add(m.items, items)
	g, ok3 := money.Add(m.gmv, gmv)
	if !ok1 || !ok2 || !ok3 {
		return false
	}
	m.orders, m.items, m.gmv = o, i, g
	return true
}

func at(m map[string]*measure, key string) *measure {
	if m[key] == nil {
		m[key] = &measure{}
	}
	return m[key]
}

// upsert adds each measure to its row of table: the row of (day, coopID)
// and, when the table has a third key column, the map key in it. Table and
// column names are constants of this file; values are parameters.
func upsert(tx *gorm.DB, table, thirdKey, day, coopID string, rows map[string]*measure) error {
	if len(rows) == 0 {
		return nil
	}
	keys := make([]string, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	cols, row := "day, coop_id", "(?, ?, ?, ?, ?)"
	if thirdKey != "" {
		cols, row = cols+", "+thirdKey, "(?, ?, ?, ?, ?, ?)"
	}
	values := make([]string, 0, len(keys))
	args := make([]any, 0, 6*len(keys))
	for _, k := range keys {
		m := rows[k]
		values = append(values, row)
		args = append(args, day, coopID)
		if thirdKey != "" {
			args = append(args, k)
		}
		args = append(args, m.orders, m.items, m.gmv)
	}
	sql := "INSERT INTO " + table + " (" + cols + ", orders, items, gmv_vnd) VALUES " + strings.Join(values, ", ") +
		" ON CONFLICT (" + cols + ") DO UPDATE SET orders = " + table + ".orders + excluded.orders, items = " +
		table + ".items + excluded.items, gmv_vnd = " + table + ".gmv_vnd + excluded.gmv_vnd"
	if err := tx.Exec(sql, args...).Error; err != nil {
		if sumOverflow(err) {
			return errRollupFull()
		}
		return fmt.Errorf("rollup: %s: %w", table, err)
	}
	return nil
}

// topCategories maps each category id to its top-level ancestor (itself
// for a top-level one). A category's parent never changes once made.
func topCategories(tx *gorm.DB, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		LeafID string
		TopID  string
	}
	err := tx.Raw(`WITH RECURSIVE up (leaf_id, id, parent_id) AS (
    SELECT id, id, parent_id FROM categories WHERE id IN ?
    UNION ALL
    SELECT up.leaf_id, c.id, c.parent_id FROM categories c JOIN up ON c.id = up.parent_id
)
SELECT leaf_id, id AS top_id FROM up WHERE parent_id IS NULL`, ids).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("rollup: top categories: %w", err)
	}
	for _, r := range rows {
		out[r.LeafID] = r.TopID
	}
	return out, nil
}

// Rebuild recomputes the rollups from the delivered orders, in one
// transaction: the same aggregate migration 00006 backfilled with. It is for
// data loaded behind the orders service's back (the benchmark's generated
// orders, a restore) and for tests that prove RecordDelivered keeps the
// rollups equal to it. Categories are the products' current ones.
func Rebuild(ctx context.Context, db *gorm.DB) error {
	d := dialectOf(db)
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, sql := range rebuildSQL(d) {
			if err := tx.Exec(sql).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if sumOverflow(err) {
		return errRollupFull()
	}
	return apperr.Wrap(err, "rebuild sales rollups")
}

func rebuildSQL(d dialect) []string {
	day := d.orderDay
	return []string{
		"DELETE FROM sales_daily",
		"DELETE FROM sales_daily_products",
		"DELETE FROM sales_daily_categories",
		`INSERT INTO sales_daily (day, coop_id, orders, items, gmv_vnd)
SELECT ` + day + `, o.coop_id, COUNT(*), COALESCE(SUM(i.items), 0), SUM(o.subtotal_vnd)
FROM orders o
LEFT JOIN (SELECT order_id, SUM(quantity) AS items FROM order_items GROUP BY order_id) i ON i.order_id = o.id
WHERE o.status = 'delivered' AND o.cod_refused_at IS NULL
GROUP BY 1, 2`,
		`INSERT INTO sales_daily_products (day, coop_id, product_id, orders, items, gmv_vnd)
SELECT day, coop_id, product_id, COUNT(*), SUM(items), SUM(gmv_vnd)
FROM (
    SELECT ` + day + ` AS day, o.coop_id, i.product_id, SUM(i.quantity) AS items, SUM(i.line_total_vnd) AS gmv_vnd
    FROM orders o JOIN order_items i ON i.order_id = o.id
    WHERE o.status = 'delivered' AND o.cod_refused_at IS NULL
    GROUP BY o.id, 1, 2, 3
) per_order
GROUP BY day, coop_id, product_id`,
		`WITH RECURSIVE up (leaf_id, id, parent_id) AS (
    SELECT id, id, parent_id FROM categories
    UNION ALL
    SELECT up.leaf_id, c.id, c.parent_id FROM categories c JOIN up ON c.id = up.parent_id
), top AS (
    SELECT leaf_id, id AS top_id FROM up WHERE parent_id IS NULL
)
INSERT INTO sales_daily_categories (day, coop_id, category_id, orders, items, gmv_vnd)
SELECT day, coop_id, top_id, COUNT(*), SUM(items), SUM(gmv_vnd)
FROM (
    SELECT ` + day + ` AS day, o.coop_id, top.top_id, SUM(i.quantity) AS items, SUM(i.line_total_vnd) AS gmv_vnd
    FROM orders o
    JOIN order_items i ON i.order_id = o.id
    JOIN products p ON p.id = i.product_id
    JOIN top ON top.leaf_id = p.category_id
    WHERE o.status = 'delivered' AND o.cod_refused_at IS NULL
    GROUP BY o.id, 1, 2, 3
) per_order
GROUP BY day, coop_id, top_id`,
	}
}
