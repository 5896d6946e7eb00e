package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/referrers"
	"golang.org/x/net/html"
)

// headTags parses a page and returns its og:* meta properties and the
// canonical link.
func headTags(t *testing.T, body string) (map[string]string, string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	og, canonical := map[string]string{}, ""
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch {
			case n.Data == "meta" && strings.HasPrefix(attr["property"], "og:"):
				if _, dup := og[attr["property"]]; dup {
					t.Errorf("%s twice", attr["property"])
				}
				og[attr["property"]] = attr["content"]
			case n.Data == "link" && attr["rel"] == "canonical":
				canonical = attr["href"]
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return og, canonical
}

func absoluteURL(t *testing.T, what, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		t.Errorf("%s is not an absolute URL: %q", what, s)
		return &url.URL{}
	}
	return u
}

// TestOpenGraphTags: a product page and a coop page carry every Open Graph
// tag a Zalo or Facebook preview reads, with absolute URLs: og:url is the
// canonical address (no ?ref=, whoever opened it), og:image the large
// photo, og:description the price. The share button offers the page, and
// a member signed in with her own referrer code shares it with her code.
func TestOpenGraphTags(t *testing.T) {
	a := newTestApp(t, true)
	ctx := context.Background()
	var staffID string
	if err := a.DB.Table("users").Where("phone = ?", demoStaff).Pluck("id", &staffID).Error; err != nil {
		t.Fatal(err)
	}
	staff := kernel.Caller{UserID: staffID, Role: kernel.RoleStaff}
	p := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	if _, err := a.Catalog.AddProductImage(ctx, staff, p.ID, catalog.NewImage{Hash: strings.Repeat("ab", 32), Width: 1200, Height: 900}); err != nil {
		t.Fatal(err)
	}
	p = productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")

	res := a.browser().get("/san-pham/" + p.Slug + "?ref=ZZZZZZ")
	if res.Status != http.StatusOK {
		t.Fatalf("product page: %d", res.Status)
	}
	og, canonical := headTags(t, res.Body)
	want := a.URL + "/san-pham/" + p.Slug
	if og["og:url"] != want || canonical != want {
		t.Errorf("og:url %q, canonical %q, want %q", og["og:url"], canonical, want)
	}
	if og["og:type"] != "product" || og["og:title"] != p.Name || og["og:site_name"] != "Gánh" || og["og:locale"] != "vi_VN" {
		t.Errorf("tags: %v", og)
	}
	price := strings.ReplaceAll(strings.Split(og["og:description"], " · ")[0], "\u00a0", " ")
	if !strings.HasPrefix(price, "Giá từ ") || !strings.Contains(og["og:description"], p.Coop.Name) || !strings.Contains(price, "₫") {
		t.Errorf("og:description %q has no price and coop", og["og:description"])
	}
	img := absoluteURL(t, "og:image", og["og:image"])
	if !strings.HasSuffix(img.Path, "/large.webp") || og["og:image"] != p.Images[0].Variants.Large && og["og:image"] != a.URL+p.Images[0].Variants.Large {
		t.Errorf("og:image %q is not the large photo %q", og["og:image"], p.Images[0].Variants.Large)
	}
	absoluteURL(t, "og:url", og["og:url"])
	if !strings.Contains(res.Body, `data-url="`+want+`"`) || !strings.Contains(res.Body, "https://www.facebook.com/sharer/sharer.php?u="+url.QueryEscape(want)) {
		t.Error("the share button does not offer the page")
	}

	coop := a.browser().get("/hop-tac-xa/hop-tac-xa-com-chay-hoa-lu")
	og, canonical = headTags(t, coop.Body)
	want = a.URL + "/hop-tac-xa/hop-tac-xa-com-chay-hoa-lu"
	if og["og:url"] != want || canonical != want || og["og:type"] != "website" || og["og:title"] == "" || !strings.Contains(og["og:description"], "Ninh Bình") {
		t.Errorf("coop tags: %v, canonical %q", og, canonical)
	}
	absoluteURL(t, "coop og:image", og["og:image"])
	if !strings.Contains(coop.Body, "/api/v1/coops/hop-tac-xa-com-chay-hoa-lu/poster.pdf") {
		t.Error("the coop page offers no poster")
	}

	// A member with her own code shares links that carry it.
	var shopperID string
	a.DB.Table("users").Where("phone = ?", demoShopper).Pluck("id", &shopperID)
	r, err := a.Referrers.Create(ctx, staff, referrers.Input{Name: "Hội viên Vũ Thị Hạnh", Kind: referrers.Member, Province: "ninh-binh", UserID: shopperID})
	if err != nil {
		t.Fatal(err)
	}
	b := a.browser()
	b.login(demoShopper)
	mine := b.get("/san-pham/" + p.Slug)
	og, _ = headTags(t, mine.Body)
	if og["og:url"] != a.URL+"/san-pham/"+p.Slug {
		t.Errorf("og:url is personal: %q", og["og:url"])
	}
	if !strings.Contains(mine.Body, `data-url="`+a.URL+"/san-pham/"+p.Slug+"?ref="+r.Code+`"`) || !strings.Contains(mine.Body, "qr.png?ref="+r.Code) {
		t.Error("her share link does not carry her code")
	}
}
