package catalog

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/outbox"
	"gorm.io/gorm"
)

// The read model of the public product pages. Every product's public
// document is rendered by the database when a change to it commits, in the
// same transaction (ProductsChanged), and kept in product_documents; the
// public reads (PublicProductJSON, the public lists) then read it back with
// one primary-key lookup per product instead of composing it. Who may see a
// product is not part of the document: the reads decide it from the
// product's and its coop's rows, so a suspension or a hide shows at once.
//
// One rule keeps it fresh: whatever changes what a product's document
// shows (the product, its variants and their stock, its photos, its
// sales and rating, its coop's name or province, its category's name)
// calls ProductsChanged, or productsChangedWhere for many at once, in the
// transaction of the change (countersChanged, for stock, sales and rating,
// renders only the part of the document they show). The same call queues the product for search,
// which needs to learn of exactly the same changes. catalogtest.CheckDocuments
// proves it in the tests of every package that writes the catalog: at the
// end of each test every stored document must equal the one the database
// composes from the rows.

// ProductsChanged says, inside the transaction that changed them, that
// these products' public face may have changed: their documents are
// rendered again and they are queued for search sync. Ids that are not
// products are ignored.
func ProductsChanged(tx *gorm.DB, productIDs ...string) error {
	if len(productIDs) == 0 {
		return nil
	}
	if _, err := renderDocuments(tx, "p.id IN ?", productIDs); err != nil {
		return err
	}
	return outbox.WriteKeys(tx, TopicProduct, productIDs...)
}

// countersChanged is ProductsChanged for changes that only the document's
// tail shows, the part after the photos: stock, sales and rating, which
// checkouts and reviews change. It renders the tail alone (no coop,
// category, description or photos), in the transaction that has just locked
// these products. It locks the documents in id order first, as renderDocuments
// does: a category rename renders documents without holding their
// products, and two writers taking documents in different orders could
// deadlock.
func countersChanged(tx *gorm.DB, productIDs ...string) error {
	p := database.NewPipeline(tx)
	if err := countersChangedOn(p, productIDs...); err != nil {
		return err
	}
	return p.Run()
}

// countersChangedOn is countersChanged with the documents' statement
// queued on p, to run with p.
func countersChangedOn(p *database.Pipeline, productIDs ...string) error {
	if len(productIDs) == 0 {
		return nil
	}
	p.Exec(nil, documentSQLOf(p.Tx()).renderTails, time.Now().UnixMicro(), productIDs)
	return outbox.WriteKeys(p.Tx(), TopicProduct, productIDs...)
}

// productsChangedWhere is ProductsChanged for the products matching cond (a
// constant of this package over products p, with one parameter), such as
// every product of a coop, without loading them.
func productsChangedWhere(tx *gorm.DB, cond string, arg any) error {
	if _, err := renderDocuments(tx, cond, arg); err != nil {
		return err
	}
	return outbox.WriteKeysFrom(tx, TopicProduct, "SELECT p.id FROM products p WHERE "+cond, arg)
}

// RenderStaleDocuments renders the documents that are missing or were
// rendered by a binary of another format, for start-up: after an upgrade
// that changes the document, or on a database that had products before the
// read model. It answers how many it rendered.
func RenderStaleDocuments(ctx context.Context, db *gorm.DB) (int64, error) {
	return renderDocuments(db.WithContext(ctx), "NOT EXISTS (SELECT 1 FROM product_documents d WHERE d.product_id = p.id AND d.format = ?)", documentSQLOf(db).format)
}

// RenderAllDocuments renders every product's document again, for `ganh
// reindex`: after the catalog was written around the catalog package
// (SQL by hand), which no start-up can tell.
func RenderAllDocuments(ctx context.Context, db *gorm.DB) (int64, error) {
	return renderDocuments(db.WithContext(ctx), "p.id <> ?", "")
}

// StaleDocuments answers the ids of products whose stored document is
// missing or differs from the one the database composes from their rows
// now: none, unless a change forgot ProductsChanged. For tests and checks.
func StaleDocuments(ctx context.Context, db *gorm.DB) ([]string, error) {
	q := documentSQLOf(db)
	var ids []string
	err := db.WithContext(ctx).Raw(`SELECT p.id FROM products p JOIN coops c ON c.id = p.coop_id
		JOIN categories cat ON cat.id = p.category_id
		LEFT JOIN product_documents d ON d.product_id = p.id
		WHERE d.product_id IS NULL OR d.head <> ` + q.head + ` OR d.images <> ` + q.images + ` OR d.tail <> ` + q.tail + `
		ORDER BY p.id`).Scan(&ids).Error
	return ids, err
}

// renderDocuments renders the documents of the products matching cond (with
// its one parameter arg) and answers how many. The upsert runs in product id
// order (the lock order of catalog rows). A document's version only grows:
// a new one starts at the clock in microseconds, so a document rendered
// again after its row was deleted never repeats an ETag a client may hold;
// an update adds one, or jumps to the clock.
func renderDocuments(db *gorm.DB, cond string, arg any) (int64, error) {
	q := documentSQLOf(db)
	res := db.Exec(q.renderHead+cond+q.renderTail, time.Now().UnixMicro(), q.format, arg)
	if res.Error != nil {
		return 0, apperr.Wrap(res.Error, "render product documents")
	}
	return res.RowsAffected, nil
}

// documentSQL is the SQL of the read model in one dialect, built once: the
// document's parts (jsonSQL.productDocumentParts), their format, the upsert
// around a condition over products p, and the update of tails.
type documentSQL struct {
	head, images, tail string
	// format fingerprints the parts: a binary whose documents differ (a
	// field added, say) has another format.
	format                 string
	renderHead, renderTail string // renderHead + cond + renderTail
	renderTails            string
}

// documentSQLs are [sqlite, postgres].
var documentSQLs = func() (out [2]documentSQL) {
	for i, pg := range []bool{false, true} {
		j := jsonSQL{pg: pg}
		q := &out[i]
		q.head, q.images, q.tail = j.productDocumentParts()
		sum := sha256.Sum256([]byte(strings.Join([]string{q.head, q.images, q.tail}, "\x00")))
		q.format = hex.EncodeToString(sum[:8])
		q.renderHead = `INSERT INTO product_documents (product_id, version, format, head, images, tail)
		SELECT p.id, ?, ?, ` + q.head + `, ` + q.images + `, ` + q.tail + `
		FROM products p JOIN coops c ON c.id = p.coop_id JOIN categories cat ON cat.id = p.category_id
		WHERE `
		q.renderTail = ` ORDER BY p.id
		ON CONFLICT (product_id) DO UPDATE SET version = ` + j.greatest("product_documents.version + 1", "excluded.version") + `,
		format = excluded.format, head = excluded.head, images = excluded.images, tail = excluded.tail`
		lock := ""
		if pg {
			lock = lockForUpdateSQL
		}
		q.renderTails = `UPDATE product_documents SET version = ` + j.greatest("version + 1", "?") + `,
		tail = (SELECT ` + q.tail + ` FROM products p WHERE p.id = product_documents.product_id)
		WHERE product_id IN (SELECT product_id FROM product_documents WHERE product_id IN ? ORDER BY product_id` + lock + `)`
	}
	return out
}()

func documentSQLOf(db *gorm.DB) *documentSQL {
	if database.DialectOf(db) == database.Postgres {
		return &documentSQLs[1]
	}
	return &documentSQLs[0]
}
