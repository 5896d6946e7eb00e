package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
)

// The public product page is the hottest read of the marketplace. For
// anonymous callers the database composes its JSON in one statement (no
// transaction, no follow-up query per relation, no reflection or Go
// re-encoding) and the API writes those bytes as they come; signed-in
// callers, who may see drafts, keep the Go path (ProductBySlug). Both give
// the same document: TestProductDocumentMatches compares them.

// ImageURLPrefixer is an ImageURLs whose URL of every key is one prefix
// followed by the key (media.URLs is: the store's address, or the site's
// for the disk store without GANH_PUBLIC_URL). With it, the database writes
// photo URLs itself, on the prefix of the request in ctx; a URL builder
// without it gets documents composed in Go.
type ImageURLPrefixer interface {
	URLPrefix(ctx context.Context) string
}

// PublicProductJSON is GET /products/{slug} as the public sees it: the
// product whose slug, or else id, is key, when purchasable; not found
// otherwise.
func (s *Service) PublicProductJSON(ctx context.Context, key string) ([]byte, error) {
	prefix, inDB := s.imagePrefix(ctx)
	if !inDB {
		return s.publicProductInGo(ctx, key)
	}
	var doc []byte
	err := database.ScanRow(ctx, s.db, productDocumentSQL(database.DialectOf(s.db), s.images != nil), []any{prefix, key}, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound("sản phẩm")
	}
	if err != nil {
		return nil, apperr.Wrap(err, "read product")
	}
	return doc, nil
}

// imagePrefix is the prefix of photo URLs for the request in ctx; inDB is
// false when the URL builder is not a prefix (the document is then composed
// in Go). Without a builder no photos are shown and inDB is true.
func (s *Service) imagePrefix(ctx context.Context) (prefix string, inDB bool) {
	if s.images == nil {
		return "", true
	}
	p, ok := s.images.(ImageURLPrefixer)
	if !ok {
		return "", false
	}
	return p.URLPrefix(ctx), true
}

// publicProductInGo is PublicProductJSON for URL builders the database
// cannot imitate.
func (s *Service) publicProductInGo(ctx context.Context, key string) ([]byte, error) {
	p, err := s.ProductBySlug(ctx, kernel.Anonymous, key)
	if apperr.KindOf(err) == apperr.KindNotFound {
		p, err = s.ProductByID(ctx, kernel.Anonymous, key)
	}
	if err != nil {
		return nil, err
	}
	return json.Marshal(p)
}

// productDocumentSQL is the statement of PublicProductJSON, with images or
// without (no URL builder). Its parameters are the photo URL prefix and the
// slug or id; a slug wins over an id, as ProductBySlug before ProductByID.
func productDocumentSQL(d database.Dialect, images bool) string {
	i := 0
	if images {
		i = 1
	}
	if d == database.Postgres {
		return productDocumentStatements[1][i]
	}
	return productDocumentStatements[0][i]
}

// productDocumentStatements are built once: [sqlite, postgres][no images, images].
var productDocumentStatements = func() (out [2][2]string) {
	for di, d := range []database.Dialect{database.SQLite, database.Postgres} {
		for ii, images := range []bool{false, true} {
			j := jsonSQL{pg: d == database.Postgres}
			out[di][ii] = database.Rebind(d, "SELECT "+j.productDocument(images)+
				" FROM "+j.params()+" CROSS JOIN products p JOIN coops c ON c.id = p.coop_id JOIN categories cat ON cat.id = p.category_id"+
				" WHERE (p.slug = arg.k OR p.id = arg.k) AND "+publicProductSQL+
				" ORDER BY p.slug = arg.k DESC LIMIT 1")
		}
	}
	return out
}()

// PublicProduct is PublicProductJSON decoded: the product as the public sees
// it, from the same one statement, for the product's web page. Only what
// the document holds is set (no category id or path, no photo hashes).
func (s *Service) PublicProduct(ctx context.Context, key string) (*Product, error) {
	doc, err := s.PublicProductJSON(ctx, key)
	if err != nil {
		return nil, err
	}
	var p Product
	if err := json.Unmarshal(doc, &p); err != nil {
		return nil, apperr.Wrap(err, "decode product")
	}
	return &p, nil
}
