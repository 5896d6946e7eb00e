package reports

import (
	"context"
	"fmt"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// Sales answers delivered sales grouped as asked: over the whole
// marketplace for staff (q.CoopID empty: month, province, category, coop),
// or over one cooperative for its members and staff (month, product).
// An unknown grouping, a bad date or from after to is a validation failure
// naming the field.
func (s *Service) Sales(ctx context.Context, a kernel.Caller, q SalesQuery) (*Sales, error) {
	db := s.read(ctx)
	out := &Sales{Rows: []Row{}}
	groupings := MarketGroupings
	var f filter
	if q.CoopID == "" {
		province, err := requireMarket(a, q.Province)
		if err != nil {
			return nil, err
		}
		f.province = province
	} else {
		c, err := coopFor(db, a, q.CoopID)
		if err != nil {
			return nil, err
		}
		out.Coop, f.coopID, groupings = c, c.ID, CoopGroupings
	}

	out.GroupBy = GroupBy(strings.TrimSpace(string(q.GroupBy)))
	if out.GroupBy == "" {
		out.GroupBy = groupings[0]
	}
	var fields []apperr.FieldError
	if !allowed(out.GroupBy, groupings) {
		fields = append(fields, apperr.FieldError{Field: "group_by", Message: "Chỉ nhóm được theo: " + joinGroupings(groupings) + "."})
	}
	p, err := q.Range.parse()
	if e := apperr.As(err); e != nil {
		fields = append(fields, e.Fields...)
	}
	if len(fields) > 0 {
		return nil, apperr.Invalid("Yêu cầu báo cáo không hợp lệ.", fields...)
	}
	out.From, out.To = p.bounds()
	f.period = p

	if out.Rows, err = salesRows(db, dialectOf(db), out.GroupBy, f); err != nil {
		if sumOverflow(err) {
			return nil, errReportTooLarge()
		}
		return nil, apperr.Wrap(err, "sales report")
	}
	return out, nil
}

// filter is the WHERE of a rollup query: the period's days and perhaps one
// coop or the coops of one province. Values only ever travel as parameters.
type filter struct {
	period   period
	coopID   string
	province string
}

// where returns the conditions on a rollup table aliased s, and their args.
func (f filter) where() (string, []any) {
	conds := []string{"1 = 1"}
	var args []any
	if !f.period.from.IsZero() {
		conds = append(conds, "s.day >= ?")
		args = append(args, f.period.from.Format(dateLayout))
	}
	if !f.period.to.IsZero() {
		conds = append(conds, "s.day <= ?")
		args = append(args, f.period.to.Format(dateLayout))
	}
	if f.coopID != "" {
		conds = append(conds, "s.coop_id = ?")
		args = append(args, f.coopID)
	}
	if f.province != "" {
		conds = append(conds, inProvince("s.coop_id"))
		args = append(args, f.province)
	}
	return strings.Join(conds, " AND "), args
}

// sums are the three measures of a row, summed over a rollup aliased s
// (exactly, in numeric on PostgreSQL; see overflow.go for what does not fit).
const sums = "CAST(SUM(s.orders) AS BIGINT) AS orders, CAST(SUM(s.items) AS BIGINT) AS items, CAST(SUM(s.gmv_vnd) AS BIGINT) AS gmv_vnd"

// byGMV orders the non-calendar groupings: best sellers first.
const byGMV = " ORDER BY gmv_vnd DESC, row_key"

// salesRows runs the one query of grouping g. Each groups a rollup first and
// joins the (few) groups to their names afterwards.
func salesRows(db *gorm.DB, d dialect, g GroupBy, f filter) ([]Row, error) {
	if g == ByReferrer || g == ByChapterCommune {
		return referrerRows(db, d, g, f)
	}
	where, args := f.where()
	var sql string
	switch g {
	case ByMonth:
		// Days first, then months: the month expression runs once a day,
		// not once a row.
		sql = "SELECT " + fmt.Sprintf(d.month, "s.day") + " AS row_key, '' AS label, " + sums +
			" FROM (SELECT s.day, SUM(s.orders) AS orders, SUM(s.items) AS items, SUM(s.gmv_vnd) AS gmv_vnd" +
			" FROM sales_daily s WHERE " + where + " GROUP BY s.day) s GROUP BY 1 ORDER BY 1"
	case ByProvince:
		sql = "SELECT c.province AS row_key, '' AS label, " + sums +
			" FROM sales_daily s JOIN coops c ON c.id = s.coop_id WHERE " + where + " GROUP BY c.province" + byGMV
	case ByCoop:
		sql = "SELECT t.row_key, COALESCE(c.name, t.row_key) AS label, t.orders, t.items, t.gmv_vnd FROM (SELECT s.coop_id AS row_key, " + sums +
			" FROM sales_daily s WHERE " + where + " GROUP BY s.coop_id) t LEFT JOIN coops c ON c.id = t.row_key" + byGMV
	case ByCategory:
		sql = "SELECT COALESCE(c.slug, t.category_id) AS row_key, COALESCE(c.name, t.category_id) AS label, t.orders, t.items, t.gmv_vnd" +
			" FROM (SELECT s.category_id, " + sums + " FROM sales_daily_categories s WHERE " + where +
			" GROUP BY s.category_id) t LEFT JOIN categories c ON c.id = t.category_id" + byGMV
	case ByProduct:
		sql = "SELECT t.row_key, COALESCE(p.name, t.row_key) AS label, t.orders, t.items, t.gmv_vnd FROM (SELECT s.product_id AS row_key, " + sums +
			" FROM sales_daily_products s WHERE " + where + " GROUP BY s.product_id) t LEFT JOIN products p ON p.id = t.row_key" + byGMV
	default:
		return nil, apperr.Field("group_by", "Cách nhóm không được hỗ trợ.")
	}
	var scanned []rowScan
	if err := db.Raw(sql, args...).Scan(&scanned).Error; err != nil {
		return nil, err
	}
	rows := make([]Row, len(scanned))
	for i, sc := range scanned {
		r := &rows[i]
		*r = Row{Key: sc.RowKey, Label: sc.Label, Orders: sc.Orders, Items: sc.Items, GMVVND: sc.GMVVND}
		switch g {
		case ByMonth:
			r.Label = MonthLabel(r.Key)
		case ByProvince:
			r.Label = provinceName(r.Key)
		}
	}
	return rows, nil
}

// rowScan is a row as the queries name its columns.
type rowScan struct {
	RowKey string
	Label  string
	Orders int64
	Items  int64
	GMVVND int64 `gorm:"column:gmv_vnd"`
}

// provinceName is a province's Vietnamese name, or its slug when the list
// no longer has it.
func provinceName(slug string) string {
	if p, ok := catalog.ProvinceBySlug(slug); ok {
		return p.Name
	}
	return slug
}
