package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
	"github.com/google/uuid"
)

// The public product page is the hottest read of the marketplace. For
// anonymous callers it is one statement that reads the product's document
// from the read model (product_read_model.go) with its version, and the API
// writes those bytes as they come (no transaction, no follow-up query per
// relation, no reflection or Go re-encoding); signed-in callers, who may
// see drafts, keep the Go path (ProductBySlug). Both give the same
// document: TestProductDocumentMatches compares them.

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
// otherwise. It is read from the read model (product_documents) in one
// statement. version names what was read, for the ETag; held is the version
// the caller already has (from If-None-Match, "" for none): when it is
// still current the answer is that version with a nil document, and the
// statement did not even read the document. A URL builder the database
// cannot imitate gets a document composed in Go and no version.
func (s *Service) PublicProductJSON(ctx context.Context, key, held string) (doc []byte, version string, err error) {
	prefix, inDB := s.imagePrefix(ctx)
	if !inDB {
		doc, err := s.publicProductInGo(ctx, key)
		return doc, "", err
	}
	base := imagesBaseArg(prefix)
	heldID, heldVersion := parseDocumentVersion(held, base)
	var (
		id string
		v  int64
	)
	err = database.ScanRow(ctx, s.db, productDocumentSQL(database.DialectOf(s.db), s.images != nil, mayBeID(key)),
		[]any{base, key, heldID, heldVersion}, &id, &v, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", errNotFound("sản phẩm")
	}
	if err != nil {
		return nil, "", apperr.Wrap(err, "read product")
	}
	return doc, documentVersion(id, v, base), nil
}

// documentVersion names a read of a stored document: the product, the
// version of its document and the photo address it was read with (the
// same document read on another address has other URLs).
func documentVersion(id string, version int64, base string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(base))
	return id + "." + strconv.FormatInt(version, 10) + "." + strconv.FormatUint(uint64(h.Sum32()), 36)
}

// parseDocumentVersion reads a version documentVersion wrote for this
// photo address; anything else is ("", -1), which matches no document.
func parseDocumentVersion(v, base string) (id string, version int64) {
	id, rest, ok := strings.Cut(v, ".")
	n, _, _ := strings.Cut(rest, ".")
	version, err := strconv.ParseInt(n, 10, 64)
	if !ok || err != nil || documentVersion(id, version, base) != v {
		return "", -1
	}
	return id, version
}

// imagesBaseArg is the parameter of imagesWithBase for the photo address
// prefix: what replaces the start of every stored URL (`"img/`), the
// opening quote followed by the address, as JSON string text, and img/.
func imagesBaseArg(prefix string) string {
	q, _ := json.Marshal(prefix) // a string always encodes
	return string(q[:len(q)-1]) + "img/"
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
// without (no URL builder), for a key that may be an id (byID: it has an
// id's shape) or only a slug. Its parameters are imagesBaseArg, the key (a
// slug wins over an id, as ProductBySlug before ProductByID), and the
// product id and version the caller holds; it answers the product's id, its
// document's version and the document, NULL when the caller's is current.
// A slug, the key of every link, is looked up by its index alone: the OR
// of both lookups cost a fifth of the statement's rate.
func productDocumentSQL(d database.Dialect, images, byID bool) string {
	return productDocumentStatements[b2i(d == database.Postgres)][b2i(images)][b2i(byID)]
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// productDocumentStatements are built once: [sqlite, postgres][no images,
// images][slug, slug or id].
var productDocumentStatements = func() (out [2][2][2]string) {
	for _, d := range []database.Dialect{database.SQLite, database.Postgres} {
		params := "(SELECT ? AS base, ? AS k, ? AS held_id, ? AS held_version) arg"
		if d == database.Postgres {
			params = "(SELECT CAST(? AS text) AS base, CAST(? AS text) AS k, CAST(? AS text) AS held_id, CAST(? AS bigint) AS held_version) arg"
		}
		for _, images := range []bool{false, true} {
			for _, byID := range []bool{false, true} {
				where := " WHERE p.slug = arg.k AND " + publicProductSQL
				if byID {
					where = " WHERE (p.slug = arg.k OR p.id = arg.k) AND " + publicProductSQL + " ORDER BY p.slug = arg.k DESC LIMIT 1"
				}
				out[b2i(d == database.Postgres)][b2i(images)][b2i(byID)] = database.Rebind(d, "SELECT p.id, doc.version,"+
					" CASE WHEN p.id = arg.held_id AND doc.version = arg.held_version THEN NULL ELSE "+storedDocument(images)+" END"+
					" FROM "+params+" CROSS JOIN products p JOIN coops c ON c.id = p.coop_id JOIN product_documents doc ON doc.product_id = p.id"+
					where)
			}
		}
	}
	return out
}()

// mayBeID says whether a key has the shape of a catalog id (newID's UUIDs),
// so it must be looked up as an id as well as a slug.
func mayBeID(key string) bool { return uuid.Validate(key) == nil }

// storedDocument is the document of the read model's row doc, with photos
// on the address arg.base (imagesBaseArg), or none without images.
func storedDocument(images bool) string {
	if !images {
		return "doc.head || '[]' || doc.tail"
	}
	return "doc.head || " + imagesWithBase("doc.images", "arg.base") + " || doc.tail"
}

// PublicProduct is PublicProductJSON decoded: the product as the public sees
// it, from the same one statement, for the product's web page. Only what
// the document holds is set (no category id or path, no photo hashes).
func (s *Service) PublicProduct(ctx context.Context, key string) (*Product, error) {
	doc, _, err := s.PublicProductJSON(ctx, key, "")
	if err != nil {
		return nil, err
	}
	var p Product
	if err := json.Unmarshal(doc, &p); err != nil {
		return nil, apperr.Wrap(err, "decode product")
	}
	return &p, nil
}
