package orders_test

import (
	"net/http"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"gorm.io/gorm"
)

func TestCheckoutAcrossCoops(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		flat := f.coop("HTX Cơm Cháy Ninh Bình", 30000, 0, false)
		free := f.coop("HTX Chè Thái Nguyên", 25000, 200000, true)
		comChay := f.product(flat, "Cơm cháy chà bông", 120000, 10, 55000, 30)
		che := f.product(free, "Chè Tân Cương", 150000, 20)

		res := f.mustCheckout(kernel.Anonymous, guestInput("0912 000 111",
			line(che.Variants[0].ID, 2), line(comChay.Variants[0].ID, 1), line(comChay.Variants[1].ID, 2)))

		if len(res.Orders) != 2 {
			t.Fatalf("want 2 orders, got %d", len(res.Orders))
		}
		// Groups follow the cart: the tea coop first.
		tea, rice := res.Orders[0], res.Orders[1]
		if tea.Coop.ID != free.coop.ID || rice.Coop.ID != flat.coop.ID {
			t.Fatalf("orders in wrong coops: %+v / %+v", tea.Coop, rice.Coop)
		}
		if tea.SubtotalVND != 300000 || tea.ShippingVND != 0 || tea.TotalVND != 300000 {
			t.Errorf("tea order over the threshold ships free: %+v", tea)
		}
		if rice.SubtotalVND != 230000 || rice.ShippingVND != 30000 || rice.TotalVND != 260000 {
			t.Errorf("rice order pays the flat fee: %+v", rice)
		}
		if res.TotalVND != 560000 {
			t.Errorf("checkout total %d, want 560000", res.TotalVND)
		}
		if tea.CheckoutID != res.CheckoutID || rice.CheckoutID != res.CheckoutID {
			t.Error("orders must carry the checkout id")
		}
		if tea.Buyer.Phone != "+84912000111" || tea.Status != orders.StatusPending || tea.PaymentMethod != orders.PayCOD || tea.PaymentStatus != orders.Unpaid {
			t.Errorf("order fields: %+v", tea)
		}
		if len(tea.History) != 1 || tea.History[0].Status != orders.StatusPending || tea.History[0].By != orders.ByGuest {
			t.Errorf("history: %+v", tea.History)
		}
		it := rice.Items[1]
		if it.VariantID != comChay.Variants[1].ID || it.ProductName != "Cơm cháy chà bông" || it.VariantName != "Gói 2" ||
			it.UnitPriceVND != 55000 || it.Quantity != 2 || it.LineTotalVND != 110000 {
			t.Errorf("item snapshot: %+v", it)
		}
		if f.stock(che.Variants[0].ID) != 18 || f.stock(comChay.Variants[1].ID) != 28 {
			t.Error("stock not taken")
		}
		if n := f.count("SELECT sold_count FROM products WHERE id = ?", comChay.ID); n != 3 {
			t.Errorf("sold_count %d, want 3", n)
		}
		if n := f.count("SELECT COUNT(*) FROM outbox WHERE aggregate_id IN (?, ?) AND topic = 'product'", comChay.ID, che.ID); n < 4 {
			t.Errorf("want outbox rows for both products beyond their creation, got %d", n)
		}

		// What a later read shows is what the checkout answered.
		got, err := f.s.Order(f.ctx, orders.Caller{Phone: "0912000111"}, tea.Code)
		if err != nil {
			t.Fatal(err)
		}
		if got.CreatedAt != tea.CreatedAt || got.History[0].At != tea.History[0].At || got.TotalVND != tea.TotalVND {
			t.Errorf("read %+v differs from checkout %+v", got, tea)
		}
	})
}

func TestCheckoutSignedInBuyer(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		sh := f.coop("HTX Mật Ong", 20000, 0, false)
		p := f.product(sh, "Mật ong bạc hà", 200000, 5)
		buyer := f.user("shopper")
		in := orders.CheckoutInput{Items: []orders.LineInput{line(p.Variants[0].ID, 1)}, ShippingAddress: address()}
		res := f.mustCheckout(buyer, in)
		o := res.Orders[0]
		if o.Buyer.Phone != f.phoneOf(buyer) || o.Buyer.Name == "" || o.History[0].By != buyer.UserID {
			t.Errorf("buyer defaults from the account: %+v %+v", o.Buyer, o.History)
		}
		page, err := f.s.BuyerOrders(f.ctx, buyer, kernel.PageRequest{})
		if err != nil || len(page.Items) != 1 || page.Items[0].Code != o.Code {
			t.Fatalf("buyer's orders: %+v %v", page, err)
		}
	})
}

func TestCheckoutValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		sh := f.coop("HTX Nước Mắm", 30000, 0, false)
		p := f.product(sh, "Nước mắm cốt", 90000, 5)
		v := p.Variants[0].ID
		cases := []struct {
			name  string
			in    orders.CheckoutInput
			field string
		}{
			{"unknown variant", guestInput("0912000222", line(v, 1), line("0190e000-0000-7000-8000-000000000000", 1)), "items[1].variant_id"},
			{"zero quantity", guestInput("0912000222", line(v, 0)), "items[0].quantity"},
			{"too many", guestInput("0912000222", line(v, 1000)), "items[0].quantity"},
			{"duplicate line", guestInput("0912000222", line(v, 1), line(v, 2)), "items[1].variant_id"},
			{"empty cart", guestInput("0912000222"), "items"},
			{"bad phone", guestInput("12345", line(v, 1)), "buyer.phone"},
			{"bad province", func() orders.CheckoutInput {
				in := guestInput("0912000222", line(v, 1))
				in.ShippingAddress = &orders.Address{Province: "ha-tay", Commune: "Xã A", Street: "B"}
				return in
			}(), "shipping_address.province"},
			{"bank transfer without bank", func() orders.CheckoutInput {
				in := guestInput("0912000222", line(v, 1))
				in.PaymentMethod = orders.PayBankTransfer
				return in
			}(), "payment_method"},
			{"unknown payment", func() orders.CheckoutInput {
				in := guestInput("0912000222", line(v, 1))
				in.PaymentMethod = "momo"
				return in
			}(), "payment_method"},
		}
		lines := make([]orders.LineInput, orders.MaxLines+1)
		for i := range lines {
			lines[i] = line("v"+string(rune('a'+i%26))+string(rune('a'+i/26)), 1)
		}
		cases = append(cases, struct {
			name  string
			in    orders.CheckoutInput
			field string
		}{"too many lines", guestInput("0912000222", lines...), "items"})
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := f.checkout(kernel.Anonymous, "key-"+c.name, c.in)
				wantCode(t, err, apperr.CodeValidation)
				wantField(t, err, c.field)
				// A validation failure saves nothing: the key is free again.
				if n := f.count("SELECT COUNT(*) FROM idempotency_keys"); n != 0 {
					t.Fatalf("%d keys left behind", n)
				}
			})
		}
		if f.stock(v) != 5 || f.count("SELECT COUNT(*) FROM orders") != 0 {
			t.Fatal("validation failures changed data")
		}
	})
}

func TestCheckoutNotPurchasable(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		sh := f.coop("HTX Gốm", 30000, 0, false)
		ok := f.product(sh, "Bát gốm", 50000, 5)
		draft := f.product(sh, "Chén gốm", 40000, 5)
		status := catalog.ProductDraft
		if _, err := f.cat.UpdateProduct(f.ctx, sh.owner, draft.ID, catalog.ProductPatch{Status: &status}); err != nil {
			t.Fatal(err)
		}
		res, err := f.checkout(kernel.Anonymous, "k1", guestInput("0912000333", line(ok.Variants[0].ID, 1), line(draft.Variants[0].ID, 1)))
		if err != nil || res.Status != http.StatusConflict {
			t.Fatalf("want a stored 409, got %v %v", res, err)
		}
		r := decodeRefusal(t, res)
		if r.Code != orders.CodeNotPurchasable || len(r.Errors) != 1 || r.Errors[0].Field != "items[1].variant_id" {
			t.Fatalf("refusal: %+v", r)
		}
		// The quote says the same.
		_, err = f.s.Quote(f.ctx, kernel.Anonymous, orders.QuoteInput{Items: []orders.LineInput{line(draft.Variants[0].ID, 1)}})
		wantCode(t, err, orders.CodeNotPurchasable)
		// A suspended coop's products cannot be bought either.
		if _, err := f.cat.SuspendCoop(f.ctx, f.staff, sh.coop.ID, "Vi phạm quy định."); err != nil {
			t.Fatal(err)
		}
		res, err = f.checkout(kernel.Anonymous, "k2", guestInput("0912000333", line(ok.Variants[0].ID, 1)))
		if err != nil || decodeRefusal(t, res).Code != orders.CodeNotPurchasable {
			t.Fatalf("suspended coop: %v %v", res, err)
		}
		if f.stock(ok.Variants[0].ID) != 5 {
			t.Fatal("stock changed")
		}
	})
}

func TestCheckoutFailureMidwayLeavesNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		a := f.coop("HTX Bánh Đa", 30000, 0, false)
		b := f.coop("HTX Bánh Cáy", 30000, 0, false)
		pa := f.product(a, "Bánh đa vừng", 30000, 50)
		pb := f.product(b, "Bánh cáy", 60000, 2)
		outbox := f.count("SELECT COUNT(*) FROM outbox")
		res, err := f.checkout(kernel.Anonymous, "midway", guestInput("0912000444", line(pa.Variants[0].ID, 3), line(pb.Variants[0].ID, 5)))
		if err != nil || res.Status != http.StatusConflict {
			t.Fatalf("want 409, got %v %v", res, err)
		}
		r := decodeRefusal(t, res)
		if r.Code != orders.CodeOutOfStock || len(r.Errors) != 1 || r.Errors[0].Field != "items[1].variant_id" {
			t.Fatalf("refusal: %+v", r)
		}
		if f.stock(pa.Variants[0].ID) != 50 || f.stock(pb.Variants[0].ID) != 2 {
			t.Error("stock changed")
		}
		for _, table := range []string{"orders", "order_items", "order_status_history"} {
			if n := f.count("SELECT COUNT(*) FROM " + table); n != 0 {
				t.Errorf("%s has %d rows", table, n)
			}
		}
		if n := f.count("SELECT COUNT(*) FROM outbox"); n != outbox {
			t.Errorf("outbox grew from %d to %d", outbox, n)
		}
		if n := f.count("SELECT SUM(sold_count) FROM products"); n != 0 {
			t.Errorf("sold_count moved: %d", n)
		}
		// Both short lines are named when both are short.
		res, _ = f.checkout(kernel.Anonymous, "midway-2", guestInput("0912000444", line(pb.Variants[0].ID, 5), line(pa.Variants[0].ID, 51)))
		if r := decodeRefusal(t, res); len(r.Errors) != 2 || r.Errors[0].Field != "items[0].variant_id" || r.Errors[1].Field != "items[1].variant_id" {
			t.Fatalf("want both lines named: %+v", r)
		}
	})
}

func TestQuote(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		a := f.coop("HTX Trà", 25000, 100000, true)
		b := f.coop("HTX Lụa", 40000, 0, false)
		pa := f.product(a, "Trà sen", 60000, 3)
		pb := f.product(b, "Khăn lụa", 300000, 1)
		q, err := f.s.Quote(f.ctx, kernel.Anonymous, orders.QuoteInput{Items: []orders.LineInput{line(pa.Variants[0].ID, 2), line(pb.Variants[0].ID, 2)}})
		if err != nil {
			t.Fatal(err)
		}
		if len(q.Groups) != 2 || q.Groups[0].ShippingVND != 0 || q.Groups[1].ShippingVND != 40000 || q.TotalVND != 120000+600000+40000 {
			t.Fatalf("quote: %+v", q)
		}
		if !q.Groups[0].Items[0].InStock || q.Groups[1].Items[0].InStock {
			t.Error("in_stock flags wrong")
		}
		if len(q.Groups[0].PaymentMethods) != 2 || len(q.Groups[1].PaymentMethods) != 1 {
			t.Errorf("payment methods: %v %v", q.Groups[0].PaymentMethods, q.Groups[1].PaymentMethods)
		}
		if f.stock(pa.Variants[0].ID) != 3 {
			t.Error("a quote must not reserve stock")
		}
	})
}
