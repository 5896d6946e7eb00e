package api_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/referrers"
	"github.com/ganh-market/ganh/reports"
)

// TestReferrersAPI: staff create a chapter and a member of it; a checkout
// with referrer carries it into the orders (case and spaces forgiven, an
// unknown code ignored); sales group by referrer ("none" for the rest), by
// chapter commune, as CSV too; the chapters' leaderboard counts the month;
// shoppers and provincial staff outside the province are refused.
func TestReferrersAPI(t *testing.T) {
	shopEnv(t, func(t *testing.T, e *testEnv) {
		s := newShop(t, e)
		sonLaStaff := e.UserWithRole("0913100009", "Cán bộ Hội Sơn La", kernel.RoleStaff)
		e.DB.Exec("UPDATE users SET province = 'son-la' WHERE phone = '+84913100009'")

		var ch, m referrers.Referrer
		e.Expect(201, request{Method: "POST", Path: "/api/v1/admin/referrers", Token: s.Staff,
			Body: map[string]any{"name": "Chi hội Phụ nữ xã Kim Sơn", "kind": "chapter", "province": "ninh-binh", "commune": "Xã Kim Sơn"}}).JSON(t, &ch)
		e.Expect(201, request{Method: "POST", Path: "/api/v1/admin/referrers", Token: s.Staff,
			Body: map[string]any{"name": "Hội viên Đinh Thị Lụa", "kind": "member", "province": "ninh-binh", "chapter_code": ch.Code}}).JSON(t, &m)
		if len(ch.Code) != 6 || m.ChapterID == nil || *m.ChapterID != ch.ID || m.Commune != "Xã Kim Sơn" {
			t.Fatalf("referrers: %+v %+v", ch, m)
		}
		p := e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: "/api/v1/admin/referrers", Token: s.Staff,
			Body: map[string]any{"name": "", "kind": "club", "province": "ninh-binh"}})
		if len(p.Errors) != 2 {
			t.Errorf("fields named: %+v", p.Errors)
		}
		e.ExpectProblem(403, "forbidden", request{Method: "POST", Path: "/api/v1/admin/referrers", Token: s.Shopper,
			Body: map[string]any{"name": "X", "kind": "chapter", "province": "ninh-binh"}})
		e.ExpectProblem(404, "not_found", request{Method: "POST", Path: "/api/v1/admin/referrers", Token: sonLaStaff,
			Body: map[string]any{"name": "X", "kind": "chapter", "province": "ninh-binh"}})
		var list struct{ Items []referrers.Referrer }
		e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/referrers", Token: s.Staff}).JSON(t, &list)
		if len(list.Items) != 2 || list.Items[0].Kind != referrers.Chapter {
			t.Errorf("list: %+v", list.Items)
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/referrers", Token: sonLaStaff}).JSON(t, &list)
		if len(list.Items) != 0 {
			t.Errorf("Sơn La staff see Ninh Bình's referrers: %+v", list.Items)
		}

		va, vb := s.ProductA.Variants[0].ID, s.ProductB.Variants[0].ID
		withRef := func(items []map[string]any, ref string) map[string]any {
			b := guestBody(items, "cod")
			b["referrer"] = ref
			return b
		}
		var res checkoutJSON
		e.Expect(201, checkoutReq("r-1", withRef(cart(va, 2), " "+strings.ToLower(m.Code)+" "), "")).JSON(t, &res)
		if r := res.Orders[0].Referrer; r == nil || r.Code != m.Code || r.Name != "Hội viên Đinh Thị Lụa" {
			t.Fatalf("checkout referrer: %+v", r)
		}
		viaMember := res.Orders[0].Code
		p = e.ExpectProblem(422, "validation_failed", checkoutReq("r-long", withRef(cart(va, 1), strings.Repeat("A", 33)), ""))
		if len(p.Errors) != 1 || p.Errors[0].Field != "referrer" {
			t.Errorf("a long referrer: %+v", p.Errors)
		}
		viaChapter := placeOrder(t, e, checkoutReq("r-2", withRef(cart(vb, 1), ch.Code), ""))
		unknown := placeOrder(t, e, checkoutReq("r-3", withRef(cart(va, 1), "ZZZZZZ"), ""))
		var o orders.Order
		e.Expect(200, request{Method: "GET", Path: "/api/v1/orders/" + unknown, Token: s.Staff}).JSON(t, &o)
		if o.Referrer != nil {
			t.Errorf("an unknown code is ignored: %+v", o.Referrer)
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/orders/" + viaMember, Token: s.SellerA}).JSON(t, &o)
		if o.Referrer == nil || o.Referrer.Code != m.Code {
			t.Errorf("the order keeps its referrer: %+v", o.Referrer)
		}
		deliver := func(code, seller string) {
			for _, st := range []string{"confirmed", "shipping", "delivered"} {
				e.Expect(200, request{Method: "POST", Path: "/api/v1/orders/" + code + "/status", Token: seller, Body: map[string]string{"status": st}})
			}
		}
		deliver(viaMember, s.SellerA)
		deliver(viaChapter, s.SellerB)
		deliver(unknown, s.SellerA)

		var sales reports.Sales
		e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/sales?group_by=referrer", Token: s.Staff}).JSON(t, &sales)
		sameReportRows(t, "by referrer", sales.Rows, []reports.Row{
			{Key: m.Code, Label: "Hội viên Đinh Thị Lụa", Orders: 1, Items: 2, GMVVND: 320000},
			{Key: "none", Label: "Không qua người giới thiệu", Orders: 1, Items: 1, GMVVND: 160000},
			{Key: ch.Code, Label: "Chi hội Phụ nữ xã Kim Sơn", Orders: 1, Items: 1, GMVVND: 50000},
		})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/sales?group_by=chapter_commune", Token: s.Staff}).JSON(t, &sales)
		sameReportRows(t, "by chapter commune", sales.Rows, []reports.Row{
			{Key: "ninh-binh/Xã Kim Sơn", Label: "Xã Kim Sơn, Ninh Bình", Orders: 2, Items: 3, GMVVND: 370000},
			{Key: "none", Label: "Không qua người giới thiệu", Orders: 1, Items: 1, GMVVND: 160000},
		})
		today := time.Now().In(reports.Location).Format("2006-01-02")
		e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/sales?group_by=referrer&from=" + today + "&to=" + today, Token: s.Staff}).JSON(t, &sales)
		if len(sales.Rows) != 3 {
			t.Errorf("today's rows by referrer: %+v", sales.Rows)
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/sales?group_by=referrer&from=2099-01-01", Token: s.Staff}).JSON(t, &sales)
		if len(sales.Rows) != 0 {
			t.Errorf("rows in 2099: %+v", sales.Rows)
		}
		csv := e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/sales?group_by=referrer&format=csv", Token: s.Staff})
		if body := string(csv.Body); !strings.HasPrefix(body, "\uFEFFNgười giới thiệu,Số đơn") || !strings.Contains(body, "Hội viên Đinh Thị Lụa,1,2,320000\r\n") {
			t.Errorf("CSV:\n%s", body)
		}

		// A seller who applies through the member's link is the chapter's
		// new seller.
		applicant := e.SignUp("0913100010", "Đinh Thị Thoa")
		body := map[string]any{"name": "HTX Nem chua Yên Mạc", "kind": "hop_tac_xa", "province": "ninh-binh", "commune": "Xã Yên Mạc",
			"phone": "0912 000 222", "shipping_fee_vnd": 20000, "referrer": strings.ToLower(m.Code)}
		e.Expect(201, request{Method: "POST", Path: "/api/v1/coops", Token: applicant, Body: body})

		var board struct {
			Rows []reports.ChapterScore
		}
		month := time.Now().In(reports.Location).Format("2006-01")
		e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/chapters?month=" + month, Token: s.Staff}).JSON(t, &board)
		if len(board.Rows) != 1 || board.Rows[0].Code != ch.Code || board.Rows[0].Orders != 2 || board.Rows[0].GMVVND != 370000 || board.Rows[0].NewSellers != 1 {
			t.Errorf("leaderboard: %+v", board.Rows)
		}
		e.ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/admin/reports/chapters?month=12-2026", Token: s.Staff})
	})
}
