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
func (l *productList) run(ctx context.Context, coop string) (doc []byte, version string, found bool, err error) {
	q, args := l.statement(coop)
	var (
		rows, coops    int
		list, versions sql.RawBytes // the driver's memory: copied into doc, hashed, and let go
		last           sql.NullString
		more           bool
	)
	dest := []any{&rows, &list, &versions, &last, &coops}
	h := fnv.New64a()
	err = database.ScanRowThen(ctx, l.db, database.Rebind(database.DialectOf(l.db), q), args, dest, func() error {
		doc = make([]byte, 0, len(list)+80)
		doc = append(doc, `{"items":`...)
		doc = append(doc, list...)
		doc = append(doc, `,"next_cursor":`...)
		more = rows > l.limit && last.Valid
		if more {
			doc = append(doc, '"')
			doc = append(doc, pages.Next(last.String)...) // base64url: nothing to escape
			doc = append(doc, '"')
		} else {
			doc = append(doc, "null"...)
		}
		doc = append(doc, '}')
		_, _ = h.Write(versions)
		return nil
	})
	if err != nil {
		return nil, "", false, apperr.Wrap(err, "list products")
	}
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

// statement is the SQL of run and its arguments. The page's documents come
// from the read model, joined to the products the conditions chose.
func (l *productList) statement(coop string) (string, []any) {
	// As bytea, which the driver hands over as bytes: text would be made a
	// string, then copied again.
	items := "(SELECT convert_to('[' || COALESCE(string_agg(d, ',' ORDER BY id DESC), '') || ']', 'UTF8') FROM shown)"
	versions := "(SELECT COALESCE(string_agg(id || ':' || v, ',' ORDER BY id DESC), '') FROM shown)"
	base := "CAST(? AS text)"
	if !l.j.pg {
		items = "(SELECT '[' || COALESCE(group_concat(d, ','), '') || ']' FROM (SELECT d FROM shown ORDER BY id DESC))"
		versions = "(SELECT COALESCE(group_concat(id || ':' || v, ','), '') FROM (SELECT id, v FROM shown ORDER BY id DESC))"
		base = "?"
	}
	q := "WITH arg AS (SELECT " + base + " AS base)," +
		" ids AS (SELECT p.id FROM products p JOIN coops c ON c.id = p.coop_id WHERE " + l.conds.String() + " ORDER BY p.id DESC LIMIT ?)," +
		" shown AS (SELECT s.id AS id, doc.version AS v, " + storedDocument(l.images) + " AS d FROM (SELECT id FROM ids ORDER BY id DESC LIMIT ?) s" +
		" JOIN product_documents doc ON doc.product_id = s.id CROSS JOIN arg)" +
		" SELECT (SELECT count(*) FROM ids), " + items + ", " + versions + ", (SELECT min(id) FROM shown), "
	args := append(append([]any{imagesBaseArg(l.prefix)}, l.args...), l.limit+1, l.limit)
	if coop != "" {
		q += "(SELECT count(*) FROM coops c WHERE (c.slug = ? OR c.id = ?) AND " + publicCoopSQL + ")"
		args = append(args, coop, coop)
	} else {
		q += "1"
	}
	return q, args
}
