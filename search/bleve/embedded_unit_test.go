package bleve

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ganh-market/ganh/search"
	"github.com/ganh-market/ganh/search/searchtest"
)

func TestSynonymUnitsRespectTypedDiacritics(t *testing.T) {
	im, err := newIndexMapping()
	if err != nil {
		t.Fatal(err)
	}
	a := newAnalyzers(im)
	alts := func(text string) [][]string {
		var out [][]string
		for _, u := range a.units(a.words(text)) {
			for _, m := range u.alts {
				out = append(out, m.exact)
			}
		}
		return out
	}
	for text, want := range map[string][][]string{
		"mè":         {{"vừng"}},
		"me":         {{"vừng"}}, // typed without marks: folded match
		"mẹ":         nil,        // another word: no synonym
		"lớn":        nil,
		"heo":        {{"lợn"}},
		"dau phong":  {{"lạc"}},
		"kẹo lạc":    {{"đậu", "phộng"}},
		"ĐẬU PHỘNG":  {{"lạc"}},
		"thịt heo":   {{"lợn"}},
		"chén bát":   {{"bát"}, {"chén"}},
		"com chay":   nil,
		"thom ngon":  {{"dứa"}},
		"bap nuong":  {{"ngô"}},
		"vung tau":   {{"mè"}},
		"vùng cao":   nil,
		"ngõ nhỏ":    nil,
		"chè bắp":    {{"ngô"}},
		"bát tràng":  {{"chén"}},
		"lac rang":   {{"đậu", "phộng"}},
		"heo quay":   {{"lợn"}},
		"ngô nếp":    {{"bắp"}},
		"dứa":        {{"thơm"}},
		"thơm":       {{"dứa"}},
		"vừng đen":   {{"mè"}},
		"bắp":        {{"ngô"}},
		"chen":       {{"bát"}},
		"lợn":        {{"heo"}},
		"đậu phộng":  {{"lạc"}},
		"đậu xanh":   nil,
		"phộng":      nil,
		"lac":        {{"đậu", "phộng"}},
		"bat":        {{"chén"}},
		"ngo":        {{"bắp"}},
		"muoi vung":  {{"mè"}},
		"mut thom":   {{"dứa"}},
		"thit lon":   {{"heo"}},
		"dua":        {{"thơm"}},
		"lạc đà":     {{"đậu", "phộng"}},
		"keo lac me": {{"đậu", "phộng"}, {"vừng"}},
	} {
		if got := alts(text); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%q: alternatives %v, want %v", text, got, want)
		}
	}
}

func TestSortKeyOrder(t *testing.T) {
	if !(sortKey(999, priceDigits, false, "b") < sortKey(1000, priceDigits, false, "a")) {
		t.Error("ascending numbers")
	}
	if !(sortKey(1000, soldDigits, true, "b") < sortKey(999, soldDigits, true, "a")) {
		t.Error("descending numbers")
	}
	if a, b := sortKey(5, soldDigits, true, "a"), sortKey(5, soldDigits, true, "b"); a == b || len(a) != soldDigits+tieDigits {
		t.Error("ties must differ by the ID hash", a, b)
	}
	if sortKey(-3, soldDigits, false, "x") != sortKey(0, soldDigits, false, "x") ||
		sortKey(1e12, soldDigits, false, "x") != sortKey(916132831, soldDigits, false, "x") {
		t.Error("clamping")
	}
	// Ages of real timestamps keep their order.
	if !(sortKey(1_700_000_000, timeDigits, true, "x") < sortKey(1_600_000_000, timeDigits, true, "x")) {
		t.Error("newest first")
	}
}

func TestEmbeddedReopenAndSchemaVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index")
	idx, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if need, _ := idx.NeedsRebuild(ctx); !need {
		t.Fatal("a new index needs a rebuild")
	}
	if err := idx.Upsert(ctx, searchtest.Fixture()...); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := idx.Search(ctx, search.Query{}); err == nil {
		t.Fatal("search after Close succeeded")
	}

	idx, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if need, err := idx.NeedsRebuild(ctx); need || err != nil {
		t.Fatalf("reopened index: NeedsRebuild %v %v", need, err)
	}
	if res := searchtest.MustSearch(t, idx, search.Query{Text: "com chay"}); searchtest.FindHit(res, "p01") == nil {
		t.Fatal("data lost across reopen")
	}
	if err := idx.idx.SetInternal([]byte(internalSchemaKey), []byte("ganh-search-0")); err != nil {
		t.Fatal(err)
	}
	_ = idx.Close()
	idx, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if need, _ := idx.NeedsRebuild(ctx); !need {
		t.Fatal("an index of another schema version needs a rebuild")
	}
}

func TestRecoverSwapAfterCrash(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "index")
	// Crash between the two renames: live dir gone, old copy aside, a
	// finished rebuild and an older leftover beside it.
	for _, d := range []string{path + oldSuffix + "100", path + oldSuffix + "200", path + rebuildSuffix + "300"} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(path+oldSuffix+"200", "marker"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := recoverSwap(path); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(path, "marker")); err != nil {
		t.Fatalf("newest old copy not restored: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("leftovers remain: %v", entries)
	}
	if err := recoverSwap(filepath.Join(dir, "missing", "index")); err != nil {
		t.Fatalf("missing parent: %v", err)
	}
}
