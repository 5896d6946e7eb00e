package orders

import (
	"github.com/ganh-market/ganh/apperr"
	"gorm.io/gorm"
)

// orderQuery starts a read of orders joined to their coop.
func orderQuery(db *gorm.DB) *gorm.DB {
	return db.Table("orders o").Select(orderSelect).Joins("JOIN coops c ON c.id = o.coop_id")
}

// loadOrder reads one order by code; a code that does not exist is
// not_found, as is one the caller turns out not to be allowed to see.
func loadOrder(db *gorm.DB, code string) (*orderJoin, error) {
	code = NormalizeCode(code)
	if code == "" {
		return nil, errOrderNotFound()
	}
	var rows []orderJoin
	if err := orderQuery(db).Where("o.code = ?", code).Limit(1).Scan(&rows).Error; err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, errOrderNotFound()
	}
	return &rows[0], nil
}

// hydrate turns order rows into API orders with two more queries whatever
// their number: all their items, then all their history.
func hydrate(db *gorm.DB, rows []orderJoin) ([]Order, error) {
	out := make([]Order, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]string, len(rows))
	at := make(map[string]int, len(rows))
	for i := range rows {
		ids[i] = rows[i].O.ID
		at[rows[i].O.ID] = i
		out[i] = rows[i].view()
	}
	var items []itemRow
	if err := db.Where("order_id IN ?", ids).Order("order_id, position").Find(&items).Error; err != nil {
		return nil, err
	}
	for i := range items {
		o := &out[at[items[i].OrderID]]
		o.Items = append(o.Items, items[i].view())
	}
	var events []historyRow
	if err := db.Where("order_id IN ?", ids).Order("order_id, created_at, id").Find(&events).Error; err != nil {
		return nil, err
	}
	for i := range events {
		o := &out[at[events[i].OrderID]]
		o.History = append(o.History, events[i].view())
	}
	return out, nil
}

// hydrateOne is hydrate for a single order.
func hydrateOne(db *gorm.DB, row *orderJoin) (*Order, error) {
	list, err := hydrate(db, []orderJoin{*row})
	if err != nil {
		return nil, err
	}
	return &list[0], nil
}

func errOrderNotFound() error { return apperr.NotFoundf("Không tìm thấy đơn hàng.") }
