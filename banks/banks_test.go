package banks_test

import (
	"testing"

	"github.com/ganh-market/ganh/banks"
)

// TestBanks: one bank per BIN (renamed banks lead to their successor), every
// BIN six digits, and searches as a seller types them.
func TestBanks(t *testing.T) {
	all := banks.All()
	if len(all) != 58 {
		t.Fatalf("%d banks, want 58 (61 entries, 3 renamed)", len(all))
	}
	for _, b := range all {
		if len(b.BIN) != 6 || b.ShortName == "" || b.Name == "" {
			t.Errorf("bank %+v incomplete", b)
		}
		if got, ok := banks.ByBIN(b.BIN); !ok || got.ShortName != b.ShortName {
			t.Errorf("ByBIN(%s) = %+v, %v", b.BIN, got, ok)
		}
	}
	if b, _ := banks.ByBIN("970436"); b.ShortName != "Vietcombank" {
		t.Errorf("970436 = %q, want Vietcombank", b.ShortName)
	}
	if _, ok := banks.ByBIN("123456"); ok {
		t.Error("unknown BIN found")
	}
	for q, want := range map[string]string{
		"vietcom":      "Vietcombank",
		"ngoai thuong": "Vietcombank", // Ngân hàng TMCP Ngoại thương Việt Nam
		"NGOẠI THƯƠNG": "Vietcombank",
		"dong a":       "Vikki Bank", // DongA Bank's BIN now belongs to Vikki
		"lienviet":     "LPBank",
	} {
		got := banks.Search(q)
		if len(got) == 0 || !contains(got, want) {
			t.Errorf("Search(%q) = %v, want %s among them", q, names(got), want)
		}
	}
	if got := banks.Search("không có ngân hàng này"); len(got) != 0 {
		t.Errorf("nonsense search found %v", names(got))
	}
	if len(banks.Search("")) != len(all) {
		t.Error("empty search is not every bank")
	}
}

func contains(bs []banks.Bank, short string) bool {
	for _, b := range bs {
		if b.ShortName == short {
			return true
		}
	}
	return false
}

func names(bs []banks.Bank) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.ShortName)
	}
	return out
}
