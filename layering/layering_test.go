package layering

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// module is the import path every pattern below is relative to, unless it
// names another module (it has a dot in its first element).
const module = "github.com/ganh-market/ganh"

// under are the packages the front-ends stand on: the domains and the
// foundations they share. None of them may know HTTP.
var under = []string{
	"accounts/...", "catalog/...", "orders/...", "reports/...", "search/...", "media/...",
	"kernel/...", "policy/...", "outbox/...", "notify/...", "privacy/...", "referrers/...", "sharing/...", "resumable/...",
	"apperr/...", "money/...", "safetext/...", "banks/...", "textfold/...", "places/...", "addresses/...", "database/...", "throttle/...", "config/...", "migrations/...",
}

// rules are the forbidden imports, direct or through other packages: no
// package matching from may depend on a package matching to. Patterns are
// import paths relative to the module; "x/..." is x and everything below it.
var rules = []struct {
	from, to []string
	why      string
}{
	{under, []string{"api/...", "web/...", "github.com/gofiber/..."},
		"domains serve both front-ends (api, web) and know no HTTP framework"},
	{[]string{"catalog"}, []string{"orders/..."},
		"orders builds on the catalog (stock, counters), never the other way round"},
	{[]string{"orders/..."}, []string{"reports/..."},
		"orders tells of deliveries through its DeliveryRecorder, which cmd/ganh wires to reports"},
	{[]string{"catalog/...", "orders/..."}, []string{"notify"},
		"domains write events (notify/event) in their transactions; turning them into messages and sending them is notify's, which cmd/ganh wires"},
	{[]string{"notify/..."}, []string{"catalog/...", "orders/..."},
		"notify reads who to tell from the tables; the domains it hears from never wait on it"},
	{[]string{"referrers/..."}, []string{"orders/...", "reports/..."},
		"orders and reports read who brought a sale from referrers, never the other way round"},
	{[]string{"..."}, []string{"cmd/..."},
		"cmd wires the process; nothing builds on it"},
}

// TestLayering fails on every forbidden dependency of the module's
// packages (tests excluded), naming the chain of imports that makes it.
func TestLayering(t *testing.T) {
	consultSources(t)
	cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	g := parseGraph(t, out)
	for _, must := range []string{"catalog", "orders", "api", "cmd/ganh"} {
		if _, ok := g[module+"/"+must]; !ok {
			t.Fatalf("go list did not list %s: the graph is not the module's", must)
		}
	}
	for _, v := range violations(g) {
		t.Error(v)
	}
}

// TestViolationsNamesTheEdge: the checker itself finds a forbidden edge
// hidden behind another package and prints the whole chain.
func TestViolationsNamesTheEdge(t *testing.T) {
	g := graph{
		module + "/catalog":  {module + "/money", module + "/helper"},
		module + "/helper":   {module + "/orders"},
		module + "/orders":   {module + "/catalog"},
		module + "/money":    nil,
		module + "/cmd/ganh": {module + "/orders"},
	}
	got := violations(g)
	want := "catalog → helper → orders: orders builds on the catalog (stock, counters), never the other way round"
	if len(got) != 1 || got[0] != want {
		t.Fatalf("violations = %q, want [%q]", got, want)
	}
}

// consultSources stats every Go file and directory of the module from this
// process. go test caches a passing run until a file the test itself
// consulted changes; `go list` runs in a child whose reads it does not see,
// so without this an import added later would pass from the cache.
func consultSources(t *testing.T) {
	t.Helper()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != ".." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || strings.HasSuffix(path, ".go") || d.Name() == "go.mod" {
			_, err = os.Stat(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// graph maps an import path to the paths it imports directly.
type graph map[string][]string

func parseGraph(t *testing.T, out []byte) graph {
	t.Helper()
	g := graph{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) > 0 {
			g[f[0]] = f[1:]
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return g
}

// violations lists every forbidden dependency of the module's packages in
// g, each with the shortest chain of imports that makes it.
func violations(g graph) []string {
	var pkgs []string
	for p := range g {
		if inModule(p) {
			pkgs = append(pkgs, p)
		}
	}
	slices.Sort(pkgs)
	var out []string
	for _, p := range pkgs {
		for _, r := range rules {
			if !matchAny(r.from, p) {
				continue
			}
			for _, path := range forbiddenPaths(g, p, r.to) {
				out = append(out, chain(path)+": "+r.why)
			}
		}
	}
	return out
}

// forbiddenPaths walks g breadth-first from p and answers, for each package
// matching one of to, the shortest import chain from p to it.
func forbiddenPaths(g graph, p string, to []string) [][]string {
	prev := map[string]string{p: ""}
	queue := []string{p}
	var found [][]string
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur != p && matchAny(to, cur) {
			var path []string
			for n := cur; n != ""; n = prev[n] {
				path = append(path, n)
			}
			slices.Reverse(path)
			found = append(found, path)
			continue // the chain is named once, at its first forbidden step
		}
		for _, next := range g[cur] {
			if _, seen := prev[next]; !seen {
				prev[next] = cur
				queue = append(queue, next)
			}
		}
	}
	return found
}

func chain(path []string) string {
	short := make([]string, len(path))
	for i, p := range path {
		short[i] = strings.TrimPrefix(p, module+"/")
	}
	return strings.Join(short, " → ")
}

func inModule(p string) bool { return p == module || strings.HasPrefix(p, module+"/") }

func matchAny(patterns []string, p string) bool {
	for _, pat := range patterns {
		if match(pat, p) {
			return true
		}
	}
	return false
}

// match reports whether import path p matches pat, a path relative to the
// module (or a full one of another module), where a trailing "/..." also
// matches everything below and "..." alone the whole module.
func match(pat, p string) bool {
	if pat == "..." {
		return inModule(p)
	}
	first, _, _ := strings.Cut(pat, "/")
	if !strings.Contains(first, ".") {
		pat = module + "/" + pat
	}
	if base, ok := strings.CutSuffix(pat, "/..."); ok {
		return p == base || strings.HasPrefix(p, base+"/")
	}
	return p == pat
}
