package web_test

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/referrers"
)

// tool finds a Debian tool a test needs, skipping the test without it
// (failing under CI, which installs it).
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s (Debian %s) is missing", name, pkg)
		}
		t.Skipf("%s (Debian %s) is not installed", name, pkg)
	}
	return p
}

// fetchFile gets path and writes the body to a temporary file.
func fetchFile(t *testing.T, a *testApp, path, wantType, name string) string {
	t.Helper()
	res := a.browser().get(path)
	if res.Status != http.StatusOK || res.Header.Get("Content-Type") != wantType {
		t.Fatalf("GET %s: %d %s", path, res.Status, res.Header.Get("Content-Type"))
	}
	f := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(f, []byte(res.Body), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestQRCodeDecodes: the QR codes of a product and a coop page decode (with
// zbarimg) to the page's absolute address, with a known referrer's ?ref=
// carried and an unknown one dropped.
func TestQRCodeDecodes(t *testing.T) {
	zbar := tool(t, "zbarimg", "zbar-tools")
	a := newTestApp(t, true)
	r, err := a.Referrers.Create(context.Background(), kernel.Caller{UserID: "staff", Role: kernel.RoleStaff},
		referrers.Input{Name: "Hội viên Lê Thị Nhàn", Kind: referrers.Member, Province: "ninh-binh"})
	if err != nil {
		t.Fatal(err)
	}
	p := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	for _, c := range []struct{ path, want string }{
		{"/api/v1/products/" + p.Slug + "/qr.png?ref=" + strings.ToLower(r.Code), a.URL + "/san-pham/" + p.Slug + "?ref=" + r.Code},
		{"/api/v1/coops/hop-tac-xa-com-chay-hoa-lu/qr.png", a.URL + "/hop-tac-xa/hop-tac-xa-com-chay-hoa-lu"},
		{"/api/v1/coops/hop-tac-xa-com-chay-hoa-lu/qr.png?ref=ZZZZZZ", a.URL + "/hop-tac-xa/hop-tac-xa-com-chay-hoa-lu"},
	} {
		f := fetchFile(t, a, c.path, "image/png", "qr.png")
		out, err := exec.Command(zbar, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", f).Output()
		if err != nil {
			t.Fatalf("zbarimg %s: %v", c.path, err)
		}
		if got := strings.TrimSpace(string(out)); got != c.want {
			t.Errorf("%s decodes to %q, want %q", c.path, got, c.want)
		}
	}
	if res := a.browser().get("/api/v1/products/khong-co-san-pham-nay/qr.png"); res.Status != http.StatusNotFound {
		t.Errorf("QR of a missing product: %d", res.Status)
	}
}

// TestPosterPDF: the coop's A5 poster is one page whose text (pdftotext)
// has the coop's name, its province and its products' names with their
// Vietnamese marks, their prices and the page address.
func TestPosterPDF(t *testing.T) {
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	a := newTestApp(t, true)
	ctx := context.Background()
	co, err := a.Catalog.Coop(ctx, kernel.Anonymous, "hop-tac-xa-com-chay-hoa-lu")
	if err != nil {
		t.Fatal(err)
	}
	page, err := a.Catalog.CoopProducts(ctx, kernel.Anonymous, co.ID, "active", kernel.PageRequest{Limit: 4})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("products: %v", err)
	}
	f := fetchFile(t, a, "/api/v1/coops/"+co.Slug+"/poster.pdf", "application/pdf", "poster.pdf")
	if d := os.Getenv("GANH_TEST_POSTER_DIR"); d != "" {
		b, _ := os.ReadFile(f)
		_ = os.WriteFile(filepath.Join(d, "poster.pdf"), b, 0o600)
	}
	out, err := exec.Command(pdftotext, "-layout", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	want := []string{co.Name, "Ninh Bình", "Quét mã để xem và đặt hàng trên Gánh", a.URL + "/hop-tac-xa/" + co.Slug}
	for _, p := range page.Items {
		want = append(want, strings.Fields(p.Name)...)
	}
	for _, w := range want {
		if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("the poster lacks %q:\n%s", w, text)
		}
	}
	info, err := exec.Command(filepath.Join(filepath.Dir(pdftotext), "pdfinfo"), f).Output()
	if err == nil && (!strings.Contains(string(info), "Pages:           1") || !strings.Contains(string(info), "(A5)")) {
		t.Errorf("not one A5 page:\n%s", info)
	}
}
