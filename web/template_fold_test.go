package web

import (
	"bytes"
	"encoding/json"
	"html/template"
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
	parse := func() *template.Template {
		return template.Must(template.New("page").Funcs(funcs).Parse(src))
	}
	var plain, folded bytes.Buffer
	data := []int{1, 2}
	if err := parse().Execute(&plain, data); err != nil {
		t.Fatal(err)
	}
	set := parse()
	n, err := foldCatalogueText(set)
	if err != nil {
		t.Fatal(err)
	}
	if n != 6 {
		t.Errorf("folded %d actions, want 6", n)
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
	if _, err := loadPages(fsys); err == nil {
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
	n, err := foldCatalogueText(folded.set)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d catalogue texts folded in all pages", n)
	if n < 100 {
		t.Errorf("only %d catalogue texts folded in all pages", n)
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
	for _, user := range []*accounts.User{nil, {ID: "u1", Name: "Chị Lan"}} {
		newView := func() *view {
			return &view{Title: p.Name, User: user, CSRF: "token", CartCount: 2, Unread: 1, Path: "/san-pham/com-chay",
				D:     productData{P: &p, Selected: "v1", InCart: 1},
				Share: &sharePage{Type: "product", Title: p.Name, URL: "http://localhost:8080/san-pham/com-chay", Link: "http://localhost:8080/san-pham/com-chay"},
				asset: func(name string) string { return "/assets/" + name }, Errors: map[string]string{}, Form: map[string]string{}}
		}
		want, got := render(plain, newView()), render(folded, newView())
		if got != want {
			t.Errorf("signed in %v: the folded page differs:\n%s\nwant\n%s", user != nil, got, want)
		}
	}
}
