package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/search"
	"github.com/ganh-market/ganh/web/i18n"
)

var (
	templateKey = regexp.MustCompile(`T "([a-z0-9._]+)"`)
	codeKey     = regexp.MustCompile(`(?:tr|errorPage\(c, [^,]+,|setFlash\(c,) ?\(?"([a-z0-9_]+\.[a-z0-9._]+)"`)
)

// TestCatalogueHasEveryKey checks that every string a template or handler
// asks for is in the Vietnamese catalogue, including the keys built from
// statuses and kinds.
func TestCatalogueHasEveryKey(t *testing.T) {
	vi := i18n.Lang("vi")
	need := map[string]string{}
	_ = fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := templateFS.ReadFile(path)
		for _, m := range templateKey.FindAllStringSubmatch(string(b), -1) {
			need[m[1]] = path
		}
		return nil
	})
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		for _, m := range codeKey.FindAllStringSubmatch(string(b), -1) {
			if strings.HasSuffix(m[1], ".") {
				continue // a prefix completed at run time; checked below
			}
			if strings.HasPrefix(m[1], "error.") && !strings.HasSuffix(m[1], ".text") && !strings.HasSuffix(m[1], ".title") {
				need[m[1]+".title"], need[m[1]+".text"] = f, f
				continue
			}
			need[m[1]] = f
		}
	}
	for _, s := range orders.Statuses {
		need["order.status."+string(s)] = "orders.Statuses"
	}
	for _, s := range []orders.Status{orders.StatusConfirmed, orders.StatusShipping, orders.StatusDelivered, orders.StatusCancelled} {
		need["order.move."+string(s)] = "nextMoves"
	}
	for _, s := range coopStatuses {
		need["coop.status."+string(s)] = "coopStatuses"
		need["flash.coop."+string(s)] = "staffCoopAction"
	}
	for _, k := range []catalog.Kind{catalog.KindHopTacXa, catalog.KindToHopTac, catalog.KindHoKinhDoanh, catalog.KindDoanhNghiep} {
		need["coop.kind."+string(k)] = "kinds"
	}
	for _, s := range []catalog.ProductStatus{catalog.ProductDraft, catalog.ProductActive, catalog.ProductArchived} {
		need["product.status."+string(s)] = "product statuses"
	}
	for _, r := range []kernel.MemberRole{kernel.MemberOwner, kernel.MemberMember, kernel.MemberSteward} {
		need["member.role."+string(r)] = "member roles"
	}
	for _, m := range []orders.PaymentMethod{orders.PayCOD, orders.PayBankTransfer} {
		need["payment."+string(m)] = "payment methods"
	}
	for _, p := range []orders.PaymentStatus{orders.Unpaid, orders.Paid} {
		need["payment.status."+string(p)] = "payment statuses"
	}
	for _, s := range []search.Sort{search.SortRelevance, search.SortPriceAsc, search.SortPriceDesc, search.SortNewest, search.SortBestSelling} {
		need["search.sort."+string(s)] = "sorts"
	}
	for _, k := range groupKeys {
		need["report.by."+k], need["report.col."+k] = "groupKeys", "groupKeys"
	}
	for _, s := range []string{"0", "3", "4", "5"} {
		need["product.ocop."+s] = "ocop options"
	}
	if len(need) < 100 {
		t.Fatalf("found only %d keys; the scan is broken", len(need))
	}
	for k, where := range need {
		if !vi.Has(k) {
			t.Errorf("catalogue lacks %q (used in %s)", k, where)
		}
	}
}

func TestFormErrorsMapsFields(t *testing.T) {
	err := catalogInvalid("variants[0].price_vnd", "tags[2]", "name", "variants")
	byField, list, ok := formErrors(err, productField)
	if !ok || len(list) != 0 {
		t.Fatalf("ok=%v list=%v", ok, list)
	}
	for _, f := range []string{"variant_price_vnd", "tags", "name"} {
		if byField[f] == "" {
			t.Errorf("no message for %s: %v", f, byField)
		}
	}
	byField, list, _ = formErrors(catalogInvalid("items[0].variant_id", "buyer.phone"), checkoutField)
	if byField["phone"] == "" || len(list) != 1 {
		t.Errorf("checkout mapping: %v %v", byField, list)
	}
}
