package privacy

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database"
	"gorm.io/gorm"
)

// ExportFormat names the layout of the export file, so a later change of
// layout can be told apart.
const ExportFormat = "ganh-export/1"

// The export reads a page of rows, closes the query, then writes the page:
// memory stays bounded however many orders an account has, and no query
// is open while the file goes out, so a slow download holds no database
// connection. orderPage is how many orders a page holds (with their
// items), rowPage how many rows of any other section.
const (
	orderPage = 200
	rowPage   = 500
)

// Service exports and erases a person's data.
type Service struct {
	db       *gorm.DB
	accounts *accounts.Service
	now      func() time.Time
}

// NewService returns the privacy service over db; acc checks the password
// before an erasure.
func NewService(db *gorm.DB, acc *accounts.Service) *Service {
	return &Service{db: db, accounts: acc, now: func() time.Time { return time.Now().UTC() }}
}

// Export writes everything held about the account userID to w as one JSON
// object: the account, the delivery addresses of her orders, her orders as
// buyer with their items, and one section per other holding (Holdings).
// It streams, a page of rows at a time (see orderPage).
func (s *Service) Export(ctx context.Context, userID string, w io.Writer) error {
	bw := bufio.NewWriterSize(w, 32<<10)
	x := &exporter{db: s.db.WithContext(ctx), w: bw, user: userID}
	x.raw(`{"format":`)
	x.value(ExportFormat)
	x.raw(`,"generated_at":`)
	x.value(s.now())
	x.raw(`,"privacy_notice_version":`)
	x.value(accounts.PrivacyNoticeVersion)
	x.raw(`,"account":`)
	x.account()
	x.raw(`,"addresses":`)
	x.addresses()
	x.raw(`,"orders":`)
	x.orders()
	for _, h := range Holdings {
		if h.Custom || x.err != nil {
			continue
		}
		if h.Optional && !tableExists(x.db, h.Table) {
			continue
		}
		x.raw(`,`)
		x.value(h.Section)
		x.raw(`:`)
		// The first two columns of every holding are unique together.
		x.rows("SELECT * FROM "+h.Table+" WHERE "+h.Column+" = ? ORDER BY 1, 2", h.Omit, userID)
	}
	x.raw("}\n")
	if x.err != nil {
		return apperr.Wrap(x.err, "export")
	}
	return apperr.Wrap(bw.Flush(), "export")
}

// exporter writes JSON by hand so rows go out as they are scanned; the
// first error stops everything after it.
type exporter struct {
	db    *gorm.DB
	w     *bufio.Writer
	user  string
	phone string // read with the account; her guest orders carry it
	err   error
}

func (x *exporter) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

func (x *exporter) value(v any) {
	if x.err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		x.err = err
		return
	}
	_, x.err = x.w.Write(b)
}

// row is one scanned row: its columns and values, in the table's order.
type row struct {
	cols []string
	vals []any
}

func (r row) get(col string) any {
	if i := slices.Index(r.cols, col); i >= 0 {
		return r.vals[i]
	}
	return nil
}

// scan reads the current row of rows, turning driver values into what
// JSON shows plainly (text for bytes, UTC times).
func scan(rows *sql.Rows, cols []string) (row, error) {
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return row{}, err
	}
	for i, v := range vals {
		switch t := v.(type) {
		case []byte:
			vals[i] = string(t)
		case time.Time:
			vals[i] = t.UTC()
		}
	}
	return row{cols: cols, vals: vals}, nil
}

// object writes r as a JSON object without the omitted columns, with
// extra written last (its text must start with a comma).
func (x *exporter) object(r row, omit []string, extra func()) {
	x.raw("{")
	first := true
	for i, c := range r.cols {
		if slices.Contains(omit, c) {
			continue
		}
		if !first {
			x.raw(",")
		}
		first = false
		x.value(c)
		x.raw(":")
		x.value(r.vals[i])
	}
	if extra != nil {
		extra()
	}
	x.raw("}")
}

// each runs query and calls fn for every row, stopping at the first error.
func (x *exporter) each(query string, args []any, fn func(row)) {
	if x.err != nil {
		return
	}
	rows, err := x.db.Raw(query, args...).Rows()
	if err != nil {
		x.err = err
		return
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		x.err = err
		return
	}
	for x.err == nil && rows.Next() {
		r, err := scan(rows, cols)
		if err != nil {
			x.err = err
			return
		}
		fn(r)
	}
	if x.err == nil {
		x.err = rows.Err()
	}
}

// rows writes the rows of query (which must end with its ORDER BY) as a
// JSON array of objects, reading rowPage rows at a time.
func (x *exporter) rows(query string, omit []string, args ...any) {
	x.raw("[")
	n := 0
	for offset := 0; x.err == nil; offset += rowPage {
		var page []row
		paged := append(append([]any{}, args...), rowPage, offset)
		x.each(query+" LIMIT ? OFFSET ?", paged, func(r row) { page = append(page, r) })
		for _, r := range page {
			if n > 0 {
				x.raw(",")
			}
			n++
			x.object(r, omit, nil)
		}
		if len(page) < rowPage {
			break
		}
	}
	x.raw("]")
}

func (x *exporter) account() {
	found := false
	x.each("SELECT * FROM users WHERE id = ?", []any{x.user}, func(r row) {
		found = true
		x.phone, _ = r.get("phone").(string)
		x.object(r, Holdings[0].Omit, nil)
	})
	if !found && x.err == nil {
		x.err = apperr.NotFoundf("Không tìm thấy tài khoản.")
	}
}

// hers selects her orders as buyer: placed signed in, or as a guest with
// her phone (as orders.AnonymiseBuyer finds them).
const hers = "(user_id = ? OR buyer_phone = ?)"

// addresses are the delivery addresses of her orders: Gánh keeps no
// address book, only what each order was sent to.
func (x *exporter) addresses() {
	x.rows(`SELECT DISTINCT ship_province, ship_commune, ship_street FROM orders
		WHERE `+hers+` AND ship_street <> '' ORDER BY ship_province, ship_commune, ship_street`, nil, x.user, x.phone)
}

// orders writes her orders as buyer (signed in, or as a guest with her
// phone), each with its items, a page of orders (and one query for their
// items) at a time.
func (x *exporter) orders() {
	x.raw("[")
	after, n := "", 0
	for x.err == nil {
		var page []row
		x.each("SELECT * FROM orders WHERE "+hers+" AND id > ? ORDER BY id LIMIT ?", []any{x.user, x.phone, after, orderPage},
			func(r row) { page = append(page, r) })
		if len(page) == 0 {
			break
		}
		ids := make([]any, len(page))
		for i, o := range page {
			ids[i] = o.get("id")
		}
		items := map[any][]row{}
		x.each("SELECT * FROM order_items WHERE order_id IN ? ORDER BY order_id, position", []any{ids},
			func(r row) { items[r.get("order_id")] = append(items[r.get("order_id")], r) })
		for _, o := range page {
			if n > 0 {
				x.raw(",")
			}
			n++
			x.object(o, nil, func() {
				x.raw(`,"items":[`)
				for i, it := range items[o.get("id")] {
					if i > 0 {
						x.raw(",")
					}
					x.object(it, []string{"order_id"}, nil)
				}
				x.raw("]")
			})
		}
		after, _ = page[len(page)-1].get("id").(string)
		if len(page) < orderPage || after == "" {
			break
		}
	}
	x.raw("]")
}

// tableExists says whether the current schema has table name.
func tableExists(db *gorm.DB, name string) bool {
	var n int64
	q := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`
	if database.DialectOf(db) == database.Postgres {
		q = `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?`
	}
	if err := db.Raw(q, strings.ToLower(name)).Scan(&n).Error; err != nil {
		return false
	}
	return n > 0
}
