package layering

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// owners says which package writes each table; every other package reads
// it at most, and changes it only by calling its owner (catalog.Sale.Take,
// reports.Rollups, …). The outbox is left out on purpose: every domain
// queues its changes there in its own transaction.
var owners = []struct {
	pkg    string
	tables []string
}{
	{"accounts", []string{"users", "sessions", "password_reset_codes", "account_audit_log", "privacy_consents"}},
	{"throttle", []string{"rate_counters"}},
	{"addresses", []string{"saved_addresses"}},
	{"catalog", []string{"categories", "coops", "coop_members", "coop_status_history", "coop_audit_log",
		"products", "product_variants", "product_images", "featured_coops", "featured_products", "media_uploads"}},
	{"orders", []string{"orders", "order_items", "order_status_history", "idempotency_keys", "reviews", "bank_payments"}},
	{"reports", []string{"sales_daily", "sales_daily_categories", "sales_daily_products"}},
	{"referrers", []string{"referrers"}},
	{"notify", []string{"notifications", "notification_messages", "notification_settings", "push_subscriptions", "push_vapid_keys"}},
}

// writes finds a table written by SQL text (UPDATE, INSERT INTO, DELETE
// FROM) or by GORM on a named table (.Table("t")….Create/Update/Delete).
// Writes through a GORM model are not seen; the models of these tables are
// unexported in their owners.
var writes = []*regexp.Regexp{
	regexp.MustCompile(`\b(?:UPDATE|INSERT INTO|DELETE FROM)\s+"?([a-z_]+)`),
	regexp.MustCompile(`\.Table\("([a-z_]+)[" ][^)]*\).*\.(?:Update|Updates|UpdateColumn|UpdateColumns|Create|Delete|Save)\(`),
}

// TestOnlyOwnersWriteTheirTables fails on a line of Go outside a table's
// owner that writes it. Test files, test-support packages (…test) and the
// benchmarks, which build data behind the services' back, are exempt.
func TestOnlyOwnersWriteTheirTables(t *testing.T) {
	owner := map[string]string{}
	for _, o := range owners {
		for _, tb := range o.tables {
			owner[tb] = o.pkg
		}
	}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, ".."+string(filepath.Separator)))
		if d.IsDir() {
			if path != ".." && (strings.HasPrefix(d.Name(), ".") || strings.HasSuffix(d.Name(), "test") ||
				d.Name() == "testdata" || d.Name() == "node_modules" || rel == "bench") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		for _, w := range tableWrites(t, path) {
			o := owner[w.table]
			if o != "" && rel != o && !strings.HasPrefix(rel, o+"/") {
				t.Errorf("%s:%d writes %s, which %s owns", rel, w.line, w.table, o)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestTableWritesAreFound: the patterns see the writes this test exists to
// catch, and not a read or prose.
func TestTableWritesAreFound(t *testing.T) {
	src := "package x\n" +
		"const a = `UPDATE products SET sold_count = sold_count + ? WHERE id = ?`\n" +
		"func b() { tx.Exec(\"INSERT INTO product_variants (id) VALUES (?)\") }\n" +
		"func c() { tx.Table(\"coops\").Where(\"id = ?\", id).Update(\"name\", n) }\n" +
		"// to update products, call the catalog\n" +
		"func d() { tx.Table(\"products\").Select(\"id\").Scan(&ids) }\n"
	path := filepath.Join(t.TempDir(), "x.go")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range tableWrites(t, path) {
		got = append(got, w.table)
	}
	if strings.Join(got, " ") != "products product_variants coops" {
		t.Fatalf("found %q, want the three writes", got)
	}
}

type tableWrite struct {
	table string
	line  int
}

func tableWrites(t *testing.T, path string) []tableWrite {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []tableWrite
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
	for n := 1; sc.Scan(); n++ {
		for _, re := range writes {
			for _, m := range re.FindAllStringSubmatch(sc.Text(), -1) {
				out = append(out, tableWrite{m[1], n})
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
