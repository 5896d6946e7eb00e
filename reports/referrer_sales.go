package reports

import (
	"context"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// The groupings by the Hội's network (issue 16): the referrer whose link
// brought the order (key: its code, "none" for none), and the commune of
// the chapter behind it (a member's chapter, or the referrer itself; key
// "province/commune").
const (
	ByReferrer       GroupBy = "referrer"
	ByChapterCommune GroupBy = "chapter_commune"
)

// NoReferrer is the key of the orders no referrer brought.
const NoReferrer = "none"

// noReferrerLabel is its label.
const noReferrerLabel = "Không qua người giới thiệu"

// referrerRows groups delivered orders by referrer or chapter commune. The
// rollups do not know referrers, so this reads the orders themselves
// (orders_referrer_idx keeps the referred ones cheap to find); each order's
// units are summed per order first, then the orders per group.
func referrerRows(db *gorm.DB, d dialect, g GroupBy, f filter) ([]Row, error) {
	var key, label string
	switch g {
	case ByReferrer:
		key, label = "COALESCE(r.code, '"+NoReferrer+"')", "COALESCE(r.name, '')"
	case ByChapterCommune:
		key, label = "COALESCE(ch.province || '/' || ch.commune, '"+NoReferrer+"')", "COALESCE(ch.commune, '')"
	default:
		return nil, apperr.Field("group_by", "Cách nhóm không được hỗ trợ.")
	}
	conds, args := []string{"o.status = 'delivered'"}, []any{}
	// The local day the order was placed, as the rollups count it (and
	// readable whatever text form SQLite holds the time in).
	if !f.period.from.IsZero() {
		conds, args = append(conds, d.orderDay+" >= ?"), append(args, f.period.from.Format(dateLayout))
	}
	if !f.period.to.IsZero() {
		conds, args = append(conds, d.orderDay+" <= ?"), append(args, f.period.to.Format(dateLayout))
	}
	if f.coopID != "" {
		conds, args = append(conds, "o.coop_id = ?"), append(args, f.coopID)
	}
	if f.province != "" {
		conds, args = append(conds, inProvince("o.coop_id")), append(args, f.province)
	}
	sql := "SELECT t.row_key, t.label, COUNT(*) AS orders, CAST(SUM(t.items) AS BIGINT) AS items, CAST(SUM(t.gmv) AS BIGINT) AS gmv_vnd FROM (" +
		"SELECT " + key + " AS row_key, " + label + " AS label, o.subtotal_vnd AS gmv," +
		" (SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i WHERE i.order_id = o.id) AS items" +
		" FROM orders o LEFT JOIN referrers r ON r.id = o.referrer_id" +
		" LEFT JOIN referrers ch ON ch.id = COALESCE(r.chapter_id, r.id)" +
		" WHERE " + strings.Join(conds, " AND ") + ") t GROUP BY t.row_key, t.label" + byGMV
	var scanned []rowScan
	if err := db.Raw(sql, args...).Scan(&scanned).Error; err != nil {
		return nil, err
	}
	rows := make([]Row, len(scanned))
	for i, sc := range scanned {
		rows[i] = Row{Key: sc.RowKey, Label: sc.Label, Orders: sc.Orders, Items: sc.Items, GMVVND: sc.GMVVND}
		switch {
		case sc.RowKey == NoReferrer:
			rows[i].Label = noReferrerLabel
		case g == ByChapterCommune:
			prov, _, _ := strings.Cut(sc.RowKey, "/")
			if rows[i].Label == "" {
				rows[i].Label = provinceName(prov)
			} else {
				rows[i].Label += ", " + provinceName(prov)
			}
		}
	}
	return rows, nil
}

// ChapterScore is one chapter's month on the leaderboard: the orders placed
// through its own links and its members' (not cancelled), their GMV
// (subtotals, shipping excluded), and the cooperatives its members
// onboarded (applied through their links) that month.
type ChapterScore struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	Province   string `json:"province"`
	Commune    string `json:"commune"`
	Orders     int64  `json:"orders"`
	GMVVND     int64  `json:"gmv_vnd" gorm:"column:gmv_vnd"`
	NewSellers int64  `json:"new_sellers"`
}

// Leaderboard ranks the chapters for the local month ("2026-12") by GMV,
// then orders, then new sellers; chapters with nothing that month are left
// out. Staff of a province (or who ask for one, a slug in province) see
// that province's chapters, counting the orders and applications of that
// province's coops only (policy.MarketReport).
func (s *Service) Leaderboard(ctx context.Context, a kernel.Caller, month, province string) ([]ChapterScore, error) {
	province, err := requireMarket(a, province)
	if err != nil {
		return nil, err
	}
	start, err := time.ParseInLocation("2006-01", strings.TrimSpace(month), Location)
	if err != nil {
		return nil, apperr.Field("month", "Tháng phải có dạng YYYY-MM, ví dụ 2026-01.")
	}
	// Orders count on the local day they were placed, as in the sales
	// reports; coops on the instant they applied.
	first, last := start.Format(dateLayout), start.AddDate(0, 1, -1).Format(dateLayout)
	from, to := start.UTC(), start.AddDate(0, 1, 0).UTC()
	day := dialectOf(s.db).orderDay
	chapter := "COALESCE(r.chapter_id, r.id)"
	var orderScope, coopScope string
	if province != "" {
		orderScope, coopScope = " AND "+inProvince("o.coop_id"), " AND c.province = ?"
	}
	sql := `SELECT ch.code, ch.name, ch.province, ch.commune,
  COALESCE(x.orders, 0) AS orders, COALESCE(x.gmv_vnd, 0) AS gmv_vnd, COALESCE(y.new_sellers, 0) AS new_sellers
FROM referrers ch
LEFT JOIN (SELECT ` + chapter + ` AS chapter_id, COUNT(*) AS orders, CAST(SUM(o.subtotal_vnd) AS BIGINT) AS gmv_vnd
  FROM orders o JOIN referrers r ON r.id = o.referrer_id
  WHERE o.status <> 'cancelled' AND ` + day + ` >= ? AND ` + day + ` <= ?` + orderScope + ` GROUP BY 1) x ON x.chapter_id = ch.id
LEFT JOIN (SELECT ` + chapter + ` AS chapter_id, COUNT(*) AS new_sellers
  FROM coops c JOIN referrers r ON r.id = c.referrer_id
  WHERE c.created_at >= ? AND c.created_at < ?` + coopScope + ` GROUP BY 1) y ON y.chapter_id = ch.id
WHERE ch.kind = 'chapter' AND (x.orders IS NOT NULL OR y.new_sellers IS NOT NULL)`
	args := []any{first, last, from, to}
	if province != "" {
		sql += " AND ch.province = ?"
		// The placeholders in order: the orders', the coops', the chapters'.
		args = []any{first, last, province, from, to, province, province}
	}
	sql += " ORDER BY gmv_vnd DESC, orders DESC, new_sellers DESC, ch.code"
	var out []ChapterScore
	if err := s.read(ctx).Raw(sql, args...).Scan(&out).Error; err != nil {
		if sumOverflow(err) {
			return nil, errReportTooLarge()
		}
		return nil, apperr.Wrap(err, "chapter leaderboard")
	}
	if out == nil {
		out = []ChapterScore{}
	}
	return out, nil
}
