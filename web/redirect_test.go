package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSafeNextKeepsLocalPaths(t *testing.T) {
	for in, want := range map[string]string{
		"/ban-hang":                                 "/ban-hang",
		"/":                                         "/",
		"/ban-hang/mo-gian-hang":                    "/ban-hang/mo-gian-hang",
		"/tim-kiem?q=c%C6%A1m+ch%C3%A1y":            "/tim-kiem?q=c%C6%A1m+ch%C3%A1y",
		"/tim-kiem?q=cơm cháy&province=x":           "/tim-kiem?q=c%C6%A1m+ch%C3%A1y&province=x",
		"/don-hang/GN-7K3F9Q?sdt=%2B8491":           "/don-hang/GN-7K3F9Q?sdt=%2B8491",
		"/quan-tri/hop-tac-xa?trang-thai=pending#x": "/quan-tri/hop-tac-xa?trang-thai=pending",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSafeNextRefusesControlBytes covers what browsers turn into another
// site (a tab or backslash they drop or read as a slash) and what breaks a
// header (CR, LF), raw or percent-encoded, in the path or the query.
func TestSafeNextRefusesControlBytes(t *testing.T) {
	for _, in := range []string{
		"",
		"//evil.example/x",
		"///evil.example",
		"/\\evil.example",
		"\\\\evil.example",
		"/%5Cevil.example",
		"/%5C/evil.example",
		"/%2F%2Fevil.example",
		"/%2Fevil.example",
		"%2F%2Fevil.example",
		"%2Fban-hang",
		"/\t/evil.example",
		"/%09/evil.example",
		"/\r\nSet-Cookie: ganh_session=attacker",
		"/x%0D%0ASet-Cookie:%20ganh_session=attacker",
		"/x%0ASet-Cookie:%20a=b",
		"/x%0Db",
		"/x\nb",
		"/x\rb",
		"/x\x00",
		"/x%00",
		"/x\x7f",
		"/x%7F",
		"/tim-kiem?q=%0D%0ASet-Cookie:a=b",
		"/tim-kiem?q=a\tb",
		"/tim-kiem?q=%5C",
		"/tim-kiem?q=%zz",
		"https://evil.example",
		"https://evil.example/ban-hang",
		"http:/evil.example",
		"//evil.example",
		"javascript:alert(1)",
		"evil.example/x",
		" /ban-hang",
		"ban-hang",
		"/" + strings.Repeat("a", 3000),
	} {
		if got := safeNext(in); got != "" {
			t.Errorf("safeNext(%.80q) = %.80q, want it refused", in, got)
		}
	}
}

// TestEveryRedirectGoesThroughSeeOther keeps one door for redirects: a
// handler that called c.Redirect itself would skip safeNext.
func TestEveryRedirectGoesThroughSeeOther(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "redirect.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), ".Redirect(") {
			t.Errorf("%s redirects without seeOther", f)
		}
	}
}
