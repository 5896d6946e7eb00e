package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/config"
)

func TestContentPolicyAllowsTheMediaOrigin(t *testing.T) {
	cfg, err := config.Load(func(k string) string {
		return map[string]string{
			"GANH_PUBLIC_URL": "https://ganh.example", "GANH_S3_ENDPOINT": "minio.example:9000",
			"GANH_S3_ACCESS_KEY": "k", "GANH_S3_SECRET_KEY": "s", "GANH_S3_PUBLIC_URL": "https://anh.ganh.example/",
		}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	p := contentPolicy(cfg)
	for _, want := range []string{
		"default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'",
		"form-action 'self'", "img-src 'self' data: blob: https://anh.ganh.example",
	} {
		if !strings.Contains(p, want+";") && !strings.HasSuffix(p, want) {
			t.Errorf("the policy lacks %q: %s", want, p)
		}
	}
	if strings.Contains(p, "unsafe") {
		t.Errorf("the policy allows something unsafe: %s", p)
	}
	cfg.S3Endpoint, cfg.S3PublicURL = "", ""
	if p := contentPolicy(cfg); !strings.Contains(p, "img-src 'self' data: blob: https://ganh.example;") {
		t.Errorf("photos on disk are linked from the public URL: %s", p)
	}
	for _, bad := range []string{"", "not a url", "javascript:alert(1)", "https://a.example; script-src *", "ftp://a.example"} {
		if o := origin(bad); o != "" {
			t.Errorf("origin(%q) = %q", bad, o)
		}
	}
}

var (
	inlineCode = regexp.MustCompile(`(?i)\son[a-z]+\s*=|\sstyle\s*=|javascript:|<style\b`)
	scriptTag  = regexp.MustCompile(`(?i)<script\b[^>]*>`)
)

// TestTemplatesHaveNoInlineCode: the policy refuses inline script and
// style, so no template may carry any (a handler like onclick=, a style
// attribute or element, a <script> without src).
func TestTemplatesHaveNoInlineCode(t *testing.T) {
	_ = fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := templateFS.ReadFile(path)
		for _, m := range inlineCode.FindAllString(string(b), -1) {
			t.Errorf("%s has inline code the policy refuses: %q", path, m)
		}
		for _, tag := range scriptTag.FindAllString(string(b), -1) {
			if !strings.Contains(tag, " src=") {
				t.Errorf("%s has an inline script: %s", path, tag)
			}
		}
		return nil
	})
}
