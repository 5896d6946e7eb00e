package places_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/ganh-market/ganh/places"
)

type fileCommune struct {
	Code, Name, Kind, Province string
}

func readCommunes(t *testing.T) []fileCommune {
	t.Helper()
	raw, err := os.ReadFile("communes.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Communes []fileCommune }
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Communes
}

// TestEveryCommuneWithItsProvince: each of the 3,321 communes is accepted by
// code and by name with its province, and refused with another one.
func TestEveryCommuneWithItsProvince(t *testing.T) {
	list := readCommunes(t)
	if len(list) != 3321 || places.Count() != 3321 {
		t.Fatalf("communes: file %d, loaded %d, want 3,321", len(list), places.Count())
	}
	provinces := places.Provinces()
	if len(provinces) != 34 {
		t.Fatalf("provinces = %d, want 34", len(provinces))
	}
	for i, c := range list {
		for _, given := range []string{c.Code, c.Name, strings.ToUpper(c.Name), norm.NFD.String(c.Name), "  " + c.Name + " "} {
			pl, prob := places.Resolve(c.Province, given)
			if prob != nil {
				t.Fatalf("%s %q in %s: %v", c.Code, given, c.Province, prob)
			}
			if pl.Commune.Code != c.Code || pl.Commune.Name != c.Name || pl.Province.Slug != c.Province {
				t.Fatalf("%q in %s resolved to %+v", given, c.Province, pl)
			}
		}
		other := provinces[(i%33+indexOf(provinces, c.Province)+1)%34].Slug
		for _, given := range []string{c.Code, c.Name} {
			if pl, prob := places.Resolve(other, given); prob == nil {
				if pl.Commune.Code == c.Code {
					t.Fatalf("%q accepted in %s, it is in %s", given, other, c.Province)
				}
				// another province may have a commune of the same name: then
				// it must be that one, never c.
			} else if prob.Part != places.PartCommune {
				t.Fatalf("%q in %s: refused on %s", given, other, prob.Part)
			}
		}
	}
	if _, prob := places.Resolve("ha-tay", "Phường Ba Đình"); prob == nil || prob.Part != places.PartProvince {
		t.Fatalf("a province of before 2025 = %v, want refused on the province", prob)
	}
	if _, prob := places.Resolve("ninh-binh", "00004"); prob == nil || !strings.Contains(prob.Message, "Hà Nội") {
		t.Fatalf("a code of Hà Nội in Ninh Bình = %v, want a message naming Hà Nội", prob)
	}
}

func indexOf(ps []places.Province, slug string) int {
	for i, p := range ps {
		if p.Slug == slug {
			return i
		}
	}
	return -1
}

// TestNamesNeedTheirDiacritics: unaccented input is a search, not a match;
// the refusal shows the name with its marks.
func TestNamesNeedTheirDiacritics(t *testing.T) {
	for _, in := range []string{"Xa Kim Son", "xa kim son", "Xã Kim Son", "Xa Kim Sơn"} {
		_, prob := places.Resolve("ninh-binh", in)
		if prob == nil || prob.Part != places.PartCommune || !strings.Contains(prob.Message, "Xã Kim Sơn") {
			t.Errorf("Resolve(ninh-binh, %q) = %v, want refused with a hint to “Xã Kim Sơn”", in, prob)
		}
	}
	if pl, prob := places.Resolve("ninh-binh", "xã kim sơn"); prob != nil || pl.Commune.Name != "Xã Kim Sơn" {
		t.Errorf("lower case with diacritics = %+v %v, want Xã Kim Sơn", pl, prob)
	}
	got := places.Search("ninh-binh", "kim son")
	if len(got) == 0 || got[0].Name != "Xã Kim Sơn" {
		t.Fatalf("Search(kim son) = %v, want Xã Kim Sơn first", got)
	}
	for _, c := range places.Search("ha-noi", "HOAN KIEM") {
		if !strings.Contains(c.Name, "Hoàn Kiếm") {
			t.Errorf("Search(HOAN KIEM) found %q", c.Name)
		}
	}
	if all, _ := places.Communes("ha-noi"); len(places.Search("ha-noi", "")) != len(all) {
		t.Error("an empty search is not every commune of the province")
	}
	if places.Search("ha-tay", "") != nil {
		t.Error("an unknown province has communes")
	}
}

// TestMergedAwayName: a commune that left the list on 2025-07-01 is refused
// with a message that says the list changed then.
func TestMergedAwayName(t *testing.T) {
	_, prob := places.Resolve("ninh-binh", "Xã Ninh Hải")
	if prob == nil || prob.Part != places.PartCommune {
		t.Fatalf("Xã Ninh Hải in Ninh Bình = %v, want refused", prob)
	}
	for _, want := range []string{"Xã Ninh Hải", "Ninh Bình", "01/07/2025"} {
		if !strings.Contains(prob.Message, want) {
			t.Errorf("message %q does not say %q", prob.Message, want)
		}
	}
	// The Xã Ninh Hải of Khánh Hòa is another commune, still in the list.
	if _, prob := places.Resolve("khanh-hoa", "Xã Ninh Hải"); prob != nil {
		t.Errorf("Xã Ninh Hải in Khánh Hòa: %v", prob)
	}
}
