package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// The public's product lists (GET /products, GET /coops/{id}/products) are
// read from the read model too, in one statement per page: the page's
// product documents, whether more follow, and the id the next cursor
// continues after. A category filter (which needs the category tree) and a
// status filter keep the Go path, as do URL builders the database cannot
// imitate.

// PublicProductsJSON is GET /products as the public sees it: a page of
// purchasable products, newest first, as JSON, with the version of what it
// shows (for the ETag: the page's products and their documents' versions,
// the photo address and the cursor), "" for a page composed in Go.
func (s *Service) PublicProductsJSON(ctx context.Context, f ProductFilter, pr kernel.PageRequest) (doc []byte, version string, err error) {
	prefix, inDB := s.imagePrefix(ctx)
	if !inDB || f.Category != "" || f.Status != "" {
		return marshalPage(s.Products(ctx, kernel.Anonymous, f, pr))
	}
	l, err := newProductList(s.db, prefix, s.images != nil, pr)
	if err != nil {
		return nil, "", err
	}
	if f.Province != "" {
		l.and("c.province = ?", f.Province)
	}
	if f.Coop != "" {
		l.and("p.coop_id IN (SELECT id FROM coops WHERE slug = ? OR id = ?)", f.Coop, f.Coop)
	}
	doc, version, _, err = l.run(ctx, "")
	return doc, version, err
}

// PublicCoopProductsJSON is GET /coops/{id}/products as the public sees it,
// with its version as PublicProductsJSON's: not found unless the coop
// (slug or id) is approved.
func (s *Service) PublicCoopProductsJSON(ctx context.Context, coop string, status ProductStatus, pr kernel.PageRequest) (doc []byte, version string, err error) {
	prefix, inDB := s.imagePrefix(ctx)
	if !inDB || status != "" {
		return marshalPage(s.CoopProducts(ctx, kernel.Anonymous, coop, status, pr))
	}
	l, err := newProductList(s.db, prefix, s.images != nil, pr)
	if err != nil {
		return nil, "", err
	}
	l.and("p.coop_id IN (SELECT c.id FROM coops c WHERE (c.slug = ? OR c.id = ?) AND "+publicCoopSQL+")", coop, coop)
	doc, version, found, err := l.run(ctx, coop)
	if err == nil && !found {
		return nil, "", errNotFound("hợp tác xã")
	}
	return doc, version, err
}

func marshalPage(p kernel.Page[Product], err error) ([]byte, string, error) {
	if err != nil {
		return nil, "", err
	}
	doc, err := json.Marshal(p)
	return doc, "", err
}

// productList is the statement of one page of public products: conditions
// over products p joined to coops c, added with and.
type productList struct {
	db     *gorm.DB
	j      jsonSQL
	prefix string
	images bool // whether photos are shown (a URL builder is set)
	limit  int
	conds  strings.Builder
	args   []any
}

func newProductList(db *gorm.DB, prefix string, images bool, pr kernel.PageRequest) (*productList, error) {
	after, err := pages.After(pr)
	if err != nil {
		return nil, err
	}
	l := &productList{db: db, j: jsonSQL{pg: database.DialectOf(db) == database.Postgres}, prefix: prefix, images: images, limit: pr.Size()}
	l.conds.WriteString(publicProductSQL)
	if after != "" {
		l.and("p.id < ?", after)
	}
	return l, nil
}

func (l *productList) and(cond string, args ...any) {
	l.conds.WriteString(" AND " + cond)
	l.args = append(l.args, args...)
}

// run reads the page as {"items": […], "next_cursor": …} with its version.
// With coop set it also says whether that coop is one the public sees
// (found); otherwise found is true.
//
// The statement returns a row per product, each with its document, rather
// than one row holding the page: a 28 KB string built, copied and freed
// by the database on every read made each read of GET /products cost it
// about a millisecond more (memory handed back to the system after each
// statement and taken again by the next one, see bench/catalog), where
// twenty documents of a kilobyte or two stay in its ordinary memory.
func (l *productList) run(ctx context.Context, coop string) (doc []byte, version string, found bool, err error) {
	q, args := l.statement(coop)
	var (
		count, coops int
		id, item     sql.RawBytes // the driver's memory: copied into doc, hashed, and let go
		docVersion   sql.NullInt64
		last         []byte
		items        int
	)
	dest := []any{&count, &coops, &id, &docVersion, &item}
	h := fnv.New64a()
	doc = append(make([]byte, 0, 32<<10), `{"items":[`...)
	err = database.ScanRows(ctx, l.db, database.Rebind(database.DialectOf(l.db), q), args, dest, func() error {
		if id == nil { // the one row of an empty page
			return nil
		}
		if items > 0 {
			doc = append(doc, ',')
		}
		items++
		doc = append(doc, item...)
		last = append(last[:0], id...)
		_, _ = h.Write(id)
		_, _ = h.Write(strconv.AppendInt([]byte{':'}, docVersion.Int64, 10))
		return nil
	})
	if err != nil {
		return nil, "", false, apperr.Wrap(err, "list products")
	}
	doc = append(doc, `],"next_cursor":`...)
	more := count > l.limit && items > 0
	if more {
		doc = append(doc, '"')
		doc = append(doc, pages.Next(string(last))...) // base64url: nothing to escape
		doc = append(doc, '"')
	} else {
		doc = append(doc, "null"...)
	}
	doc = append(doc, '}')
	// What the page shows is its products' documents at their versions,
	// on a photo address, and whether a cursor follows (from the last
	// product): a version of those costs a hash of a few hundred bytes
	// instead of one of the page.
	_, _ = h.Write([]byte{0})
	_, _ = h.Write([]byte(l.prefix))
	if more {
		_, _ = h.Write([]byte{1})
	}
	return doc, "l" + strconv.FormatUint(h.Sum64(), 36), coops > 0, nil
}

// statement is the SQL of run and its arguments: the page's documents from
// the read model, joined to the products the conditions chose, newest
// first, each row also holding how many products the conditions chose (up
// to the limit and one more, to tell whether a page follows) and whether
// the coop is public. An empty page is one row without a product.
func (l *productList) statement(coop string) (string, []any) {
	// As bytea, which the driver hands over as bytes: text would be made a
	// string, then copied again.
	item, base, always := "convert_to(shown.d, 'UTF8')", "CAST(? AS text)", "true"
	if !l.j.pg {
		item, base, always = "shown.d", "?", "1"
	}
	coops := "1"
	args := append(append([]any{imagesBaseArg(l.prefix)}, l.args...), l.limit+1)
	if coop != "" {
		coops = "(SELECT count(*) FROM coops c WHERE (c.slug = ? OR c.id = ?) AND " + publicCoopSQL + ")"
		args = append(args, coop, coop)
	}
	args = append(args, l.limit)
	q := "WITH arg AS (SELECT " + base + " AS base)," +
		" ids AS (SELECT p.id FROM products p JOIN coops c ON c.id = p.coop_id WHERE " + l.conds.String() + " ORDER BY p.id DESC LIMIT ?)," +
		" meta AS (SELECT (SELECT count(*) FROM ids) AS n, " + coops + " AS coops)," +
		" shown AS (SELECT s.id AS id, doc.version AS v, " + storedDocument(l.images) + " AS d FROM (SELECT id FROM ids ORDER BY id DESC LIMIT ?) s" +
		" JOIN product_documents doc ON doc.product_id = s.id CROSS JOIN arg)" +
		" SELECT meta.n, meta.coops, shown.id, shown.v, " + item + " FROM meta LEFT JOIN shown ON " + always + " ORDER BY shown.id DESC"
	return q, args
}
