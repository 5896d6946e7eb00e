package web

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
)

// A catalogue text is folded only in HTML text, a quoted attribute and
// <title>, where its escaper would print it unchanged; in a URL, a script,
// an unquoted attribute, with arguments or with a character the escapers
// change, the action stays. Either way the page prints the same bytes.
func TestFoldCatalogueText(t *testing.T) {
	const src = `<title>{{T "site.name"}}</title>` + // rcdata: folded
		`<p title="{{T "nav.cart"}}">{{T "site.name"}}</p>` + // attribute and text: folded
		`{{if .}}<b>{{T "nav.cart"}}</b>{{else}}<i>{{T "nav.cart"}}</i>{{end}}` + // in branches: folded
		`{{range .}}<s>{{T "site.name"}}</s>{{end}}` + // in a range: folded
		`<a href="/x?q={{T "nav.cart"}}">x</a>` + // URL: kept (percent-encoded)
		`<input value={{T "search.placeholder"}}>` + // unquoted attribute: kept
		`<script>var s = {{T "site.name"}};</script>` + // script: kept
		`<p>{{T "a&b"}}</p>` + // a character the escaper changes: kept
		`<p>{{T "nav.cart.count" 3}}</p>` // arguments: kept
	checkFold(t, src, []int{1, 2}, noAssets, 6)
}

// An asset's URL is folded where it is a quoted attribute's URL or text;
// in a URL's query, a script or an unquoted attribute it stays, and a name
// that is not an embedded asset fails the fold, as it would fail no page.
func TestFoldAssetURLs(t *testing.T) {
	const src = `<link rel="stylesheet" href="{{.Asset "app.css"}}">` + // URL attribute: folded
		`<img src="{{.Asset "icon-192.png"}}" alt="{{.Asset "icon-192.png"}}">` + // URL and text attributes: folded
		`<p>{{.Asset "app.js"}}</p>` + // text: folded
		`<a href="/x?u={{.Asset "app.css"}}">x</a>` + // a URL's query: kept (percent-encoded)
		`<script>var u = {{.Asset "app.js"}};</script>` + // script: kept
		`<link href={{.Asset "app.css"}}>` // unquoted attribute: kept
	assets, err := embeddedAssets()
	if err != nil {
		t.Fatal(err)
	}
	checkFold(t, src, &view{asset: assets.url}, assets.known, 4)
	missing := template.Must(template.New("page").Parse(`<link href="{{.Asset "missing.css"}}">`))
	if _, err := foldConstants(missing, assets.known); err == nil || !strings.Contains(err.Error(), `"missing.css"`) {
		t.Errorf("a template naming an asset that is not embedded: %v, want an error naming it", err)
	}
}

// checkFold folds the template src and checks that want actions were
// folded and that it prints for data what the unfolded template prints.
func checkFold(t *testing.T, src string, data any, assetURL func(string) (string, bool), want int) {
	t.Helper()
	parse := func() *template.Template {
		return template.Must(template.New("page").Funcs(funcs).Parse(src))
	}
	var plain, folded bytes.Buffer
	if err := parse().Execute(&plain, data); err != nil {
		t.Fatal(err)
	}
	set := parse()
	n, err := foldConstants(set, assetURL)
	if err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Errorf("folded %d actions, want %d", n, want)
	}
	if err := set.Execute(&folded, data); err != nil {
		t.Fatal(err)
	}
	if folded.String() != plain.String() {
		t.Errorf("folded page differs:\n%s\nwant\n%s", folded.String(), plain.String())
	}
}

// Every page set is escaped at start-up: a template html/template cannot
// escape fails loadPages instead of a person's request.
func TestLoadPagesRefusesAnUnescapableTemplate(t *testing.T) {
	fsys := fstest.MapFS{
		"templates/layout.html":    {Data: []byte(`{{define "layout"}}<main>{{.Content}}</main>{{end}}`)},
		"templates/_partials.html": {Data: []byte(`{{define "card"}}<p>{{.}}</p>{{end}}`)},
		"templates/a.html":         {Data: []byte(`{{define "content"}}{{if .}}<a href="{{else}}<b>{{end}}x{{end}}`)},
	}
	if _, err := loadPages(fsys, noAssets); err == nil {
		t.Fatal("a template that ends a branch in another context was loaded")
	}
}

// The product page and the layout, for a visitor and for a signed-in
// buyer, are the same bytes folded as not.
func TestFoldedPagesAreUnchanged(t *testing.T) {
	plain, err := parsePages(templateFS)
	if err != nil {
		t.Fatal(err)
	}
	folded, err := parsePages(templateFS)
	if err != nil {
		t.Fatal(err)
	}
	n, err := foldConstants(folded.set, embeddedAssetURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d catalogue texts and asset URLs folded in all pages", n)
	if n < 100 {
		t.Errorf("only %d catalogue texts and asset URLs folded in all pages", n)
	}
	var p catalog.Product
	doc := `{"id":"p1","slug":"com-chay","name":"Cơm cháy «chà bông» & tép","description":"Giòn <ngon>","unit":"gói",
		"price_vnd":45000,"coop":{"slug":"htx-a","name":"HTX A","province":"ninh-binh"},"category":{"slug":"do-an","name":"Đồ ăn"},
		"images":[{"variants":{"medium":"http://localhost:8080/img/a-m.webp","large":"http://localhost:8080/img/a-l.webp"},"width":800,"height":600}],
		"variants":[{"id":"v1","name":"Gói 200 g","price_vnd":45000,"stock":3},{"id":"v2","name":"Gói 500 g","price_vnd":99000,"stock":0}],
		"status":"active","ocop_stars":4,"rating_count":2,"rating_avg":4.5}`
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		t.Fatal(err)
	}
	render := func(set *pages, v *view) string {
		var buf bytes.Buffer
		if err := set.set.ExecuteTemplate(&buf, "product", v); err != nil {
			t.Fatal(err)
		}
		v.Content = template.HTML(buf.String())
		buf.Reset()
		if err := set.set.ExecuteTemplate(&buf, "layout", v); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	assets, err := embeddedAssets()
	if err != nil {
		t.Fatal(err)
	}
	for _, user := range []*accounts.User{nil, {ID: "u1", Name: "Chị Lan"}} {
		newView := func() *view {
			return &view{Title: p.Name, User: user, CSRF: "token", CartCount: 2, Unread: 1, Path: "/san-pham/com-chay",
				D:     productData{P: &p, Selected: "v1", InCart: 1},
				Share: &sharePage{Type: "product", Title: p.Name, URL: "http://localhost:8080/san-pham/com-chay", Link: "http://localhost:8080/san-pham/com-chay"},
				asset: assets.url, Errors: map[string]string{}, Form: map[string]string{}}
		}
		want, got := render(plain, newView()), render(folded, newView())
		if got != want {
			t.Errorf("signed in %v: the folded page differs:\n%s\nwant\n%s", user != nil, got, want)
		}
	}
}
