package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/places"
	"github.com/ganh-market/ganh/reports"
)

func communeCode(t *testing.T, province, name string) string {
	t.Helper()
	c, ok := places.Match(province, name)
	if !ok {
		t.Fatalf("%s is not a commune of %s", name, province)
	}
	return c.Code
}

// TestPlacesListsAPI: the provinces and a province's communes are public,
// with code and names; ?q= searches without diacritics.
func TestPlacesListsAPI(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		var provinces []places.Province
		e.Expect(200, request{Method: "GET", Path: "/api/v1/provinces"}).JSON(t, &provinces)
		if len(provinces) != 34 || provinces[0].Slug != "ha-noi" || provinces[0].Name != "Hà Nội" {
			t.Fatalf("provinces = %d, first %+v", len(provinces), provinces[0])
		}
		var all []places.Commune
		res := e.Expect(200, request{Method: "GET", Path: "/api/v1/provinces/ninh-binh/communes"})
		res.JSON(t, &all)
		want, _ := places.Communes("ninh-binh")
		if len(all) != len(want) || all[0].Code == "" || all[0].Name == "" || all[0].Kind == "" {
			t.Fatalf("communes of Ninh Bình = %d (want %d), first %+v", len(all), len(want), all[0])
		}
		if etag := res.Header.Get("ETag"); etag == "" {
			t.Error("no ETag on a public list")
		}
		var found []places.Commune
		e.Expect(200, request{Method: "GET", Path: "/api/v1/provinces/ninh-binh/communes?q=kim%20son"}).JSON(t, &found)
		if len(found) == 0 || found[0].Name != "Xã Kim Sơn" || found[0].Code != communeCode(t, "ninh-binh", "Xã Kim Sơn") {
			t.Fatalf("?q=kim son = %+v, want Xã Kim Sơn first", found)
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/provinces/ninh-binh/communes?q=khong%20co%20dau%20nay"}).JSON(t, &found)
		if len(found) != 0 {
			t.Fatalf("a search for nothing found %v", found)
		}
		e.ExpectProblem(404, "not_found", request{Method: "GET", Path: "/api/v1/provinces/ha-tay/communes"})
		e.ExpectProblem(422, "validation_failed", request{Method: "GET",
			Path: "/api/v1/provinces/ha-noi/communes?q=" + strings.Repeat("a", 101)})
	})
}

// TestPlacesOnCoopsAndCheckoutAPI: a coop, a quote and a checkout name their
// commune by code or exact name within the province; answers carry the code
// and the names; everything else is 422 naming the field.
func TestPlacesOnCoopsAndCheckoutAPI(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		kimSon := communeCode(t, "ninh-binh", "Xã Kim Sơn")
		var coop catalog.Coop
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + s.CoopA.ID, Token: s.SellerA}).JSON(t, &coop)
		if coop.Commune != kimSon || coop.CommuneCode != kimSon || coop.CommuneName != "Xã Kim Sơn" || coop.ProvinceName != "Ninh Bình" {
			t.Fatalf("coop place = %q %q %q %q", coop.Commune, coop.CommuneCode, coop.CommuneName, coop.ProvinceName)
		}

		patch := func(body map[string]any) request {
			return request{Method: "PATCH", Path: "/api/v1/coops/" + s.CoopA.ID, Token: s.SellerA, Body: body}
		}
		for _, tc := range []struct {
			body  map[string]any
			field string
			says  string
		}{
			{map[string]any{"province": "ha-noi"}, "commune", "Hà Nội"},                 // the commune stays Kim Sơn, not in Hà Nội
			{map[string]any{"commune": "00070"}, "commune", "Hà Nội"},                   // Hoàn Kiếm's code
			{map[string]any{"commune": "Xa Kim Son"}, "commune", "Xã Kim Sơn"},          // diacritics required
			{map[string]any{"commune": "Xã Ninh Hải"}, "commune", "01/07/2025"},         // merged away in 2025
			{map[string]any{"province": "ha-tay", "commune": kimSon}, "province", "34"}, // a province of before 2008
		} {
			p := e.ExpectProblem(422, "validation_failed", patch(tc.body))
			if msg := problemField(p, tc.field); !strings.Contains(msg, tc.says) {
				t.Errorf("PATCH %v: %s = %q, want it to say %q (%+v)", tc.body, tc.field, msg, tc.says, p)
			}
		}
		e.Expect(200, patch(map[string]any{"province": "ha-noi", "commune": "phường hoàn kiếm"})).JSON(t, &coop)
		if coop.Commune != "00070" || coop.CommuneName != "Phường Hoàn Kiếm" || coop.ProvinceName != "Hà Nội" {
			t.Fatalf("moved coop = %q %q %q", coop.Commune, coop.CommuneName, coop.ProvinceName)
		}

		addr := func(commune string) map[string]string {
			return map[string]string{"province": "ninh-binh", "commune": commune, "street": "Thôn 3"}
		}
		body := func(commune string) map[string]any {
			return map[string]any{"items": cart(s.ProductB.Variants[0].ID, 1), "buyer": map[string]string{"name": "Phạm Thị Thu", "phone": "0987 654 321"},
				"shipping_address": addr(commune)}
		}
		for commune, says := range map[string]string{"Xa Kim Son": "Xã Kim Sơn", "00070": "Hà Nội", "Xã Ninh Hải": "01/07/2025", "": ""} {
			for _, path := range []string{"/api/v1/checkout/quote", "/api/v1/checkout"} {
				r := request{Method: "POST", Path: path, Body: map[string]any{"items": cart(s.ProductB.Variants[0].ID, 1), "shipping_address": addr(commune)}}
				if path == "/api/v1/checkout" {
					r = checkoutReq(fmt.Sprintf("k-%s-%d", path, len(commune)), body(commune), "")
				}
				p := e.ExpectProblem(422, "validation_failed", r)
				if msg := problemField(p, "shipping_address.commune"); msg == "" || !strings.Contains(msg, says) {
					t.Errorf("%s with %q: shipping_address.commune = %q, want it to say %q", path, commune, msg, says)
				}
			}
		}
		var out checkoutJSON
		e.Expect(201, checkoutReq("ok-1", body(kimSon), "")).JSON(t, &out)
		a := out.Orders[0].ShippingAddress
		if a.Commune != kimSon || a.CommuneCode != kimSon || a.CommuneName != "Xã Kim Sơn" || a.ProvinceName != "Ninh Bình" {
			t.Fatalf("order address = %+v", a)
		}
		var got orders.Order
		e.Expect(200, request{Method: "GET", Path: "/api/v1/orders/" + out.Orders[0].Code + "?phone=0987654321"}).JSON(t, &got)
		if got.ShippingAddress != a {
			t.Fatalf("order read back = %+v, want %+v", got.ShippingAddress, a)
		}
	})
}

// problemField is the message of one field of a validation problem.
func problemField(p api.Problem, field string) string {
	for _, f := range p.Errors {
		if f.Field == field {
			return f.Message
		}
	}
	return ""
}

// TestLegacyCommunesForReviewAPI: coops and orders stored before communes
// were checked keep their text; the start-up step codes exact matches; the
// rest wait in the staff's review list until the coop names a commune of
// the list.
func TestLegacyCommunesForReviewAPI(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		ctx := context.Background()
		// Rows as they were before migration 00016 (text, no code).
		for id, text := range map[string]string{s.CoopA.ID: "xã kim sơn", s.CoopB.ID: "Xã Ninh Hải"} {
			if err := e.DB.Exec(`UPDATE coops SET commune = ?, commune_code = '' WHERE id = ?`, text, id).Error; err != nil {
				t.Fatal(err)
			}
		}
		var out checkoutJSON
		e.Expect(201, checkoutReq("legacy", guestBody(cart(s.ProductA.Variants[0].ID, 1), "cod"), "")).JSON(t, &out)
		code := out.Orders[0].Code
		if err := e.DB.Exec(`UPDATE orders SET ship_commune = 'Phường Hoàn Kiếm', ship_commune_code = ''`).Error; err != nil {
			t.Fatal(err)
		}

		list := func() []catalog.Coop {
			var page struct{ Items []catalog.Coop }
			e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/coops?place_review=true", Token: s.Staff}).JSON(t, &page)
			return page.Items
		}
		if got := list(); len(got) != 2 || got[0].CommuneCode != "" {
			t.Fatalf("before matching, review list = %d coops", len(got))
		}
		cat := catalog.NewService(e.DB)
		matched, left, err := cat.MatchLegacyCommunes(ctx)
		if err != nil || matched != 1 || left != 1 {
			t.Fatalf("MatchLegacyCommunes = %d, %d, %v; want 1 matched, 1 left", matched, left, err)
		}
		if n, err := orders.NewService(e.DB, reports.Rollups{}).MatchLegacyCommunes(ctx); err != nil || n != 1 {
			t.Fatalf("orders matched %d, %v; want 1", n, err)
		}
		got := list()
		if len(got) != 1 || got[0].ID != s.CoopB.ID || got[0].Commune != "Xã Ninh Hải" || got[0].CommuneName != "Xã Ninh Hải" {
			t.Fatalf("review list = %+v, want coop B with its text", got)
		}
		var a catalog.Coop
		e.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + s.CoopA.ID}).JSON(t, &a)
		if a.CommuneCode != communeCode(t, "ninh-binh", "Xã Kim Sơn") || a.CommuneName != "xã kim sơn" {
			t.Fatalf("matched coop = %q %q: the code, and the text as typed", a.CommuneCode, a.CommuneName)
		}
		var o orders.Order
		e.Expect(200, request{Method: "GET", Path: "/api/v1/orders/" + code + "?phone=0987654321"}).JSON(t, &o)
		if o.ShippingAddress.Commune != "00070" {
			t.Fatalf("matched order commune = %+v", o.ShippingAddress)
		}
		e.ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/admin/coops?place_review=maybe", Token: s.Staff})
		e.ExpectProblem(403, "forbidden", request{Method: "GET", Path: "/api/v1/admin/coops?place_review=true", Token: s.Shopper})

		// The seller names a commune of the list: the coop leaves the list.
		e.Expect(200, request{Method: "PATCH", Path: "/api/v1/coops/" + s.CoopB.ID, Token: s.SellerB,
			Body: map[string]string{"commune": "Phường Tây Hoa Lư"}})
		if got := list(); len(got) != 0 {
			t.Fatalf("after the fix, review list = %+v", got)
		}
	})
}
