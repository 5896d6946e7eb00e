package bleve

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	blevelib "github.com/blevesearch/bleve/v2"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/search"
	"github.com/ganh-market/ganh/search/searchtest"
)

// within fails the test when fn does not return in time: a read lock left
// held by a panic makes every later writer (a rebuild's swap, Close) wait
// forever.
func within(t *testing.T, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s did not return: the index lock is still held", what)
	}
}

// catchPanic runs fn and returns what it panicked with, or nil.
func catchPanic(fn func()) (p any) {
	defer func() { p = recover() }()
	fn()
	return nil
}

// panicInsideBleve is a context whose search makes Bleve itself panic,
// through Bleve's own start-of-query callback, while the index lock is held.
func panicInsideBleve() context.Context {
	return context.WithValue(context.Background(), blevelib.SearchQueryStartCallbackKey,
		blevelib.SearchQueryStartCallbackFn(func(uint64) error { panic("injected panic inside Bleve") }))
}

// checkIndexUsable searches, upserts, starts and aborts a rebuild (which
// takes the index lock exclusively) and finally closes the index.
func checkIndexUsable(t *testing.T, idx *Index) {
	t.Helper()
	ctx := context.Background()
	within(t, "a search", func() {
		if res := searchtest.MustSearch(t, idx, search.Query{Text: "mat ong"}); searchtest.FindHit(res, "p08") == nil {
			t.Error("search after the panic lost its hit")
		}
	})
	within(t, "an upsert", func() {
		d := searchtest.Fixture()[0]
		d.Name = "Cơm cháy chà bông Hoa Lư"
		if err := idx.Upsert(ctx, d); err != nil {
			t.Error(err)
		}
	})
	within(t, "a suggestion", func() {
		if _, err := idx.Suggest(ctx, "com ch", 5); err != nil {
			t.Error(err)
		}
	})
	within(t, "a rebuild", func() {
		b, err := idx.BeginRebuild(ctx)
		if err != nil {
			t.Error(err)
			return
		}
		if err := b.Abort(ctx); err != nil {
			t.Error(err)
		}
	})
	within(t, "Close", func() {
		if err := idx.Close(); err != nil {
			t.Error(err)
		}
	})
}

func newFixtureIndex(t *testing.T) *Index {
	t.Helper()
	idx, err := NewMem()
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.Upsert(context.Background(), searchtest.Fixture()...); err != nil {
		t.Fatal(err)
	}
	return idx
}

// TestEmbeddedPanicInsideBleveLeavesIndexUsable: a panic in the middle of a
// search or a suggestion reaches the caller (the HTTP layer recovers it)
// and releases the index lock on its way out.
func TestEmbeddedPanicInsideBleveLeavesIndexUsable(t *testing.T) {
	for name, call := range map[string]func(idx *Index) error{
		"search": func(idx *Index) error {
			_, err := idx.Search(panicInsideBleve(), search.Query{Text: "com chay"})
			return err
		},
		"suggest": func(idx *Index) error {
			_, err := idx.Suggest(panicInsideBleve(), "com ch", 5)
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			idx := newFixtureIndex(t)
			var err error
			p := catchPanic(func() { err = call(idx) })
			if p == nil {
				t.Fatalf("the injected panic did not happen (err %v): the test no longer reaches Bleve", err)
			}
			checkIndexUsable(t, idx)
		})
	}
}

// TestEmbeddedRefusesHugePagesAndStaysUsable: pages whose offset does not
// fit an int were accepted (page × per_page overflowed the window check)
// and made Bleve panic with the lock held.
func TestEmbeddedRefusesHugePagesAndStaysUsable(t *testing.T) {
	idx := newFixtureIndex(t)
	for _, q := range []search.Query{
		{Page: math.MaxInt},
		{Page: math.MaxInt, PerPage: search.MaxPerPage},
		{Page: math.MaxInt/search.DefaultPerPage + 1},
		{Page: math.MaxInt / 2, PerPage: 4},
		{Page: search.MaxPage + 1, PerPage: 1},
	} {
		var err error
		if p := catchPanic(func() { _, err = idx.Search(context.Background(), q) }); p != nil {
			t.Errorf("page %d per_page %d panicked: %v", q.Page, q.PerPage, p)
			continue
		}
		if e := apperr.As(err); e == nil || e.Code != apperr.CodeValidation || len(e.Fields) == 0 || e.Fields[0].Field != "page" {
			t.Errorf("page %d per_page %d: %v, want validation_failed naming page", q.Page, q.PerPage, err)
		}
	}
	checkIndexUsable(t, idx)
}

// TestEveryUnlockIsDeferred keeps the lock discipline of this package: an
// Unlock or RUnlock that is not deferred is skipped by a panic between it
// and its Lock, and the lock stays held for good.
func TestEveryUnlockIsDeferred(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		deferred := map[*ast.CallExpr]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			if d, ok := n.(*ast.DeferStmt); ok {
				deferred[d.Call] = true
			}
			return true
		})
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "Unlock" && sel.Sel.Name != "RUnlock") {
				return true
			}
			checked++
			if !deferred[call] {
				t.Errorf("%s: %s is not deferred", fset.Position(call.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
	if checked < 5 {
		t.Fatalf("only %d unlocks found: the scan is broken", checked)
	}
}
