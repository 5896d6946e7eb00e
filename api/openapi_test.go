package api_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/database/dbtest"
)

var fiberParam = regexp.MustCompile(`:([A-Za-z_]+)\??`)

// TestEveryRouteIsDocumented keeps openapi.yaml honest: a route the app
// registers but the document does not list fails the build.
func TestEveryRouteIsDocumented(t *testing.T) {
	doc, err := api.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, dbtest.SQLite(t))
	seen := 0
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
		path := fiberParam.ReplaceAllString(r.Path, "{$1}")
		item := doc.Paths.Find(path)
		if item == nil || item.GetOperation(r.Method) == nil {
			t.Errorf("%s %s is served but not documented in api/openapi.yaml", r.Method, path)
		}
		seen++
	}
	if seen < 6 {
		t.Fatalf("only %d routes checked: the route walk is broken", seen)
	}
}
