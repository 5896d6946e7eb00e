package web

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// Every page file is in the one set under its own name, and a page's
// "content" and "document" do not leak into another page's.
func TestLoadPagesOneSet(t *testing.T) {
	p, err := loadPages(templateFS, embeddedAssetURL(t))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := fs.Glob(templateFS, "templates/*.html")
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "templates/"), ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue
		}
		if !p.names[name] || p.set.Lookup(name) == nil {
			t.Errorf("page %s is not in the set", name)
		}
	}
	if p.set.Lookup("content") != nil || p.set.Lookup("document") != nil {
		t.Error(`"content" or "document" kept its shared name`)
	}
	if p.set.Lookup(documentOf("packing_slip")) == nil {
		t.Error("the packing slip's document is missing")
	}
}

func TestLoadPagesRefusesAClash(t *testing.T) {
	layout := &fstest.MapFile{Data: []byte(`{{define "layout"}}<main>{{.}}</main>{{end}}`)}
	partials := &fstest.MapFile{Data: []byte(`{{define "card"}}<p>{{.}}</p>{{end}}`)}
	ok := fstest.MapFS{
		"templates/layout.html":    layout,
		"templates/_partials.html": partials,
		"templates/a.html":         {Data: []byte(`{{define "content"}}a {{template "card" .}}{{end}}`)},
		"templates/b.html":         {Data: []byte(`{{define "content"}}b{{end}}{{define "document"}}B{{end}}`)},
	}
	p, err := loadPages(ok, noAssets)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	for name, want := range map[string]string{"a": "a <p>x</p>", "b": "b", documentOf("b"): "B"} {
		buf.Reset()
		if err := p.set.ExecuteTemplate(&buf, name, "x"); err != nil || buf.String() != want {
			t.Errorf("%s: %q, %v; want %q", name, buf.String(), err, want)
		}
	}
	for what, file := range map[string]string{
		"a partial's name": `{{define "content"}}c{{end}}{{define "card"}}again{{end}}`,
		"no content":       `{{define "other"}}c{{end}}`,
	} {
		clash := fstest.MapFS{"templates/layout.html": layout, "templates/_partials.html": partials,
			"templates/c.html": {Data: []byte(file)}}
		if _, err := loadPages(clash, noAssets); err == nil {
			t.Errorf("%s: loaded", what)
		}
	}
}

// noAssets is the asset lookup of template sets that name none.
func noAssets(string) (string, bool) { return "", false }

// embeddedAssetURL is the lookup of the binary's own assets.
func embeddedAssetURL(t testing.TB) func(string) (string, bool) {
	t.Helper()
	a, err := embeddedAssets()
	if err != nil {
		t.Fatal(err)
	}
	return a.known
}
