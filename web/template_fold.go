package web

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"
	"text/template/parse"

	"github.com/ganh-market/ganh/web/i18n"
)

// Most of what a page prints is the same on every request: catalogue text
// without arguments (the layout's menu, search box and footer, a form's
// labels: {{T "nav.cart"}}) and the versioned URLs of the embedded assets
// ({{.Asset "app.css"}}). Each such action cost reflective calls on every
// page: T or Asset, then the escapers html/template adds (three for a URL
// in an attribute). foldConstants prints those texts as the template's own
// text instead, once, after html/template has escaped the templates: it
// then knows each action's context, and an action is folded only where its
// escapers would leave the text unchanged, so every page is byte for byte
// what it was (TestFoldedPagesAreUnchanged). The catalogue texts were about
// a third of a product page's template work; the four asset URLs of the
// layout were 16 calls a page, 5 % of the product page's rate.

// foldableEscapers are the escapers of HTML text, of quoted attribute
// values and of <title>/<textarea> text. Each changes exactly the
// characters of escapedByThem; other escapers (URLs, scripts, unquoted
// attributes) change more, and their actions are left alone.
var foldableEscapers = map[string]bool{
	"_html_template_htmlescaper":   true,
	"_html_template_attrescaper":   true,
	"_html_template_rcdataescaper": true,
}

const escapedByThem = "\x00\"'&+<>"

// assetURLEscapers are the escapers of a URL in a quoted attribute (href,
// src), added to foldableEscapers for asset URLs: the filter passes a URL
// without a scheme, and none of the three changes the characters of
// assetURLChars.
var assetURLEscapers = map[string]bool{
	"_html_template_urlfilter":     true,
	"_html_template_urlnormalizer": true,
	"_html_template_attrescaper":   true,
}

// assetURLChars are the characters of the asset URLs (assetSet.url:
// /static/app.css?v=1b470cb9924d) that no escaper of assetURLEscapers or
// foldableEscapers changes.
const assetURLChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-?="

// foldConstants escapes every template of set (so escaping errors are
// found at start-up, not on a person's first visit to a page) and folds
// its catalogue texts and asset URLs; assetURL is the URL of an embedded
// asset, false for a name that is not one (a template naming it fails
// here, not on a page). It answers how many actions it folded.
func foldConstants(set *template.Template, assetURL func(name string) (string, bool)) (int, error) {
	for _, t := range set.Templates() {
		// Executing a template escapes it and every template it calls,
		// before it looks at the data; running it without data then fails
		// at the first field, which does not matter here.
		err := set.ExecuteTemplate(io.Discard, t.Name(), nil)
		var escErr *template.Error
		if errors.As(err, &escErr) {
			return 0, fmt.Errorf("web: escape %s: %w", t.Name(), err)
		}
	}
	f := folder{assetURL: assetURL}
	for _, t := range set.Templates() {
		if t.Tree != nil {
			f.list(t.Tree.Root)
			if f.err != nil {
				return 0, fmt.Errorf("web: %s: %w", t.Name(), f.err)
			}
		}
	}
	return f.folded, nil
}

// folder folds the actions of parse trees, counting them; it stops at the
// first error.
type folder struct {
	assetURL func(string) (string, bool)
	folded   int
	err      error
}

// list folds the actions of l and of the lists under it.
func (f *folder) list(l *parse.ListNode) {
	if l == nil || f.err != nil {
		return
	}
	for i, node := range l.Nodes {
		switch x := node.(type) {
		case *parse.ActionNode:
			text, ok, err := f.constant(x.Pipe)
			if err != nil {
				f.err = err
				return
			}
			if ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: x.Pos, Text: []byte(text)}
				f.folded++
			}
		case *parse.IfNode:
			f.list(x.List)
			f.list(x.ElseList)
		case *parse.RangeNode:
			f.list(x.List)
			f.list(x.ElseList)
		case *parse.WithNode:
			f.list(x.List)
			f.list(x.ElseList)
		case *parse.ListNode:
			f.list(x)
		}
	}
}

// constant is the text an escaped pipeline prints when it is {{T "key"}}
// or {{.Asset "name"}} followed only by escapers that leave that text
// unchanged. Asset is the view's method (view.Asset); no other value a
// template sees has one.
func (f *folder) constant(p *parse.PipeNode) (string, bool, error) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 {
		return "", false, nil
	}
	call := p.Cmds[0].Args
	if len(call) != 2 {
		return "", false, nil
	}
	arg, ok := call[1].(*parse.StringNode)
	if !ok {
		return "", false, nil
	}
	var (
		text     string
		escapers map[string]bool
		unsafe   func(string) bool
	)
	switch fn := call[0].(type) {
	case *parse.IdentifierNode:
		if fn.Ident != "T" {
			return "", false, nil
		}
		text, escapers = i18n.T(arg.Text), foldableEscapers
		unsafe = func(s string) bool { return strings.ContainsAny(s, escapedByThem) }
	case *parse.FieldNode:
		if len(fn.Ident) != 1 || fn.Ident[0] != "Asset" {
			return "", false, nil
		}
		url, ok := f.assetURL(arg.Text)
		if !ok {
			return "", false, fmt.Errorf("no embedded asset %q", arg.Text)
		}
		text, escapers = url, assetURLEscapers
		unsafe = func(s string) bool { return strings.Trim(s, assetURLChars) != "" }
	default:
		return "", false, nil
	}
	for _, c := range p.Cmds[1:] {
		if len(c.Args) != 1 {
			return "", false, nil
		}
		esc, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || !(escapers[esc.Ident] || foldableEscapers[esc.Ident]) {
			return "", false, nil
		}
	}
	if unsafe(text) {
		return "", false, nil
	}
	return text, true, nil
}
