package api_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/database/dbtest"
)

var fiberParam = regexp.MustCompile(`:([A-Za-z_]+)\??`)

// apiRoute is one method and path the app serves, with OpenAPI-style
// parameters ({id}).
type apiRoute struct{ Method, Path string }

// servedRoutes walks the routes of the app: the JSON API and the root
// operations paths, without middleware groups, web pages or media files.
func servedRoutes(t *testing.T) []apiRoute {
	t.Helper()
	e := newEnv(t, dbtest.SQLite(t))
	var out []apiRoute
	for _, r := range e.App.GetRoutes(true) {
		if r.Method == "HEAD" || r.Method == "OPTIONS" || r.Method == "USE" || r.Path == "/" {
			continue
		}
		if !strings.HasPrefix(r.Path, "/api/") && !strings.HasPrefix(r.Path, "/healthz") &&
			!strings.HasPrefix(r.Path, "/readyz") && !strings.HasPrefix(r.Path, "/metrics") {
			continue // web pages and media files are not part of the JSON API
		}
		if strings.HasSuffix(r.Path, "/*") || r.Path == "/api/v1" {
			continue // middleware groups
		}
		out = append(out, apiRoute{r.Method, fiberParam.ReplaceAllString(r.Path, "{$1}")})
	}
	if len(out) < 6 {
		t.Fatalf("only %d routes found: the route walk is broken", len(out))
	}
	return out
}

// TestEveryRouteIsDocumented keeps openapi.yaml honest: a route the app
// registers but the document does not list fails the build.
func TestEveryRouteIsDocumented(t *testing.T) {
	doc, err := api.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range servedRoutes(t) {
		item := doc.Paths.Find(r.Path)
		if item == nil || item.GetOperation(r.Method) == nil {
			t.Errorf("%s %s is served but not documented in api/openapi.yaml", r.Method, r.Path)
		}
	}
}

// docCall is how docs/api.md names a call: `GET /coops/{id}`, with paths
// of the JSON API relative to /api/v1 (or written in full).
var docCall = regexp.MustCompile("`(GET|POST|PUT|PATCH|DELETE) (/[^`\\s?]*)")

// TestEveryRouteIsInTheAPIDoc keeps docs/api.md and docs/api/*.md, the
// contract in prose, from drifting from routes.go: every route served is
// listed there, and every call listed there is served.
func TestEveryRouteIsInTheAPIDoc(t *testing.T) {
	text := apiDocText(t)
	documented := map[apiRoute]bool{}
	for _, m := range docCall.FindAllStringSubmatch(string(text), -1) {
		documented[apiRoute{m[1], strings.TrimPrefix(m[2], "/api/v1")}] = true
	}
	served := map[apiRoute]bool{}
	for _, r := range servedRoutes(t) {
		r.Path = strings.TrimPrefix(r.Path, "/api/v1")
		served[r] = true
		if !documented[r] {
			t.Errorf("%s %s is served but not in docs/api.md", r.Method, r.Path)
		}
	}
	for r := range documented {
		if !served[r] {
			t.Errorf("docs/api.md lists %s %s, which is not served", r.Method, r.Path)
		}
	}
	if strings.Contains(string(text), "../shared") {
		t.Error("docs/api.md points outside the repository")
	}
}

// apiDocText is the contract in prose: docs/api.md (conventions) and one
// file per domain under docs/api/.
func apiDocText(t *testing.T) string {
	t.Helper()
	files, err := filepath.Glob("../docs/api/*.md")
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, f := range append([]string{"../docs/api.md"}, files...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text.Write(b)
		text.WriteByte('\n')
	}
	return text.String()
}
