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

// Most of what a page prints is catalogue text without arguments: the
// layout's menu, search box and footer, a form's labels ({{T "nav.cart"}}).
// Each such action cost two reflective calls on every page (T, then the
// escaper html/template adds), about a third of a product page's template
// work. foldCatalogueText prints those texts as the template's own text
// instead, once, after html/template has escaped the templates: it then
// knows each action's context, and an action is folded only where its
// escaper would leave the text unchanged, so every page is byte for byte
// what it was (TestFoldedPagesAreUnchanged).

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

// foldCatalogueText escapes every template of set (so escaping errors are
// found at start-up, not on a person's first visit to a page) and folds
// its catalogue texts. It answers how many actions it folded.
func foldCatalogueText(set *template.Template) (int, error) {
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
	n := 0
	for _, t := range set.Templates() {
		if t.Tree != nil {
			n += foldList(t.Tree.Root)
		}
	}
	return n, nil
}

// foldList folds the actions of l and of the lists under it.
func foldList(l *parse.ListNode) int {
	if l == nil {
		return 0
	}
	n := 0
	for i, node := range l.Nodes {
		switch x := node.(type) {
		case *parse.ActionNode:
			if text, ok := catalogueText(x.Pipe); ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: x.Pos, Text: []byte(text)}
				n++
			}
		case *parse.IfNode:
			n += foldList(x.List) + foldList(x.ElseList)
		case *parse.RangeNode:
			n += foldList(x.List) + foldList(x.ElseList)
		case *parse.WithNode:
			n += foldList(x.List) + foldList(x.ElseList)
		case *parse.ListNode:
			n += foldList(x)
		}
	}
	return n
}

// catalogueText is the text an escaped pipeline prints when it is
// {{T "key"}} followed only by escapers that leave that text unchanged.
func catalogueText(p *parse.PipeNode) (string, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 {
		return "", false
	}
	call := p.Cmds[0].Args
	if len(call) != 2 {
		return "", false
	}
	if fn, ok := call[0].(*parse.IdentifierNode); !ok || fn.Ident != "T" {
		return "", false
	}
	key, ok := call[1].(*parse.StringNode)
	if !ok {
		return "", false
	}
	for _, c := range p.Cmds[1:] {
		if len(c.Args) != 1 {
			return "", false
		}
		if esc, ok := c.Args[0].(*parse.IdentifierNode); !ok || !foldableEscapers[esc.Ident] {
			return "", false
		}
	}
	text := i18n.T(key.Text)
	if strings.ContainsAny(text, escapedByThem) {
		return "", false
	}
	return text, true
}
