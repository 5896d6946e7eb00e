package catalog_test

import (
	"strings"
	"testing"

	"github.com/ganh-market/ganh/catalog"
	"golang.org/x/text/unicode/norm"
)

func TestSlugify(t *testing.T) {
	cases := map[string]string{
		"Hợp tác xã Cói Kim Sơn":        "hop-tac-xa-coi-kim-son",
		"Đặc sản Đồng Tháp":             "dac-san-dong-thap",
		"  Cơm cháy -- chà bông!!  ":    "com-chay-cha-bong",
		"Rượu nếp cái hoa vàng 29,5°":   "ruou-nep-cai-hoa-vang-29-5",
		"Mật ong bạc hà Hà Giang (1 l)": "mat-ong-bac-ha-ha-giang-1-l",
		"!!!":                           "",
	}
	for in, want := range cases {
		if got := catalog.Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
		if got := catalog.Slugify(norm.NFD.String(in)); got != want {
			t.Errorf("Slugify(NFD %q) = %q, want %q", in, got, want)
		}
	}
	if long := catalog.Slugify("Hợp tác xã " + strings.Repeat("Sơn ", 40)); len(long) > 80 || strings.HasSuffix(long, "-") {
		t.Errorf("slug too long: %d", len(long))
	}
}

func TestFold(t *testing.T) {
	if got := catalog.Fold(norm.NFD.String("Chiếu CÓI Đẹp")); got != "chieu coi dep" {
		t.Fatalf("Fold = %q", got)
	}
}
