package web_test

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
)

var (
	coopList = regexp.MustCompile(`(?s)<ul class="coops">.*?</ul>`)
	anyTag   = regexp.MustCompile(`<[^>]*>`)
)

// TestHomeCoopListSeparatesNameFromProvince: the text of the featured
// cooperatives (what a screen reader reads, what a copy gives) has each
// name apart from its province, not "Hợp tác xã Cơm cháy Hoa LưNinh Bình".
func TestHomeCoopListSeparatesNameFromProvince(t *testing.T) {
	a := newTestApp(t, true)
	f, err := a.Catalog.Featured(context.Background(), kernel.Anonymous, "")
	if err != nil || len(f.Coops) == 0 {
		t.Fatalf("featured coops: %v", err)
	}
	list := coopList.FindString(a.browser().get("/").Body)
	text := html.UnescapeString(anyTag.ReplaceAllString(list, ""))
	for _, co := range f.Coops {
		p, _ := catalog.ProvinceBySlug(co.Province)
		if !strings.Contains(text, co.Name) || !strings.Contains(text, p.Name) {
			t.Fatalf("the home page does not list %s (%s):\n%s", co.Name, p.Name, text)
		}
		if strings.Contains(text, co.Name+p.Name) {
			t.Errorf("the home page glues %q to %q", co.Name, p.Name)
		}
	}
}
