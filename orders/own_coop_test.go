package orders_test

import (
	"strings"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// TestMembersCannotBuyFromTheirOwnCoop: the owner, a member and a steward
// of a coop cannot check out its items, signed in or as a guest giving a
// member's phone; the refusal names the item in Vietnamese and writes
// nothing. Items of other coops stay open to them.
func TestMembersCannotBuyFromTheirOwnCoop(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		mine := f.coop("HTX Gốm Bát Tràng", 30000, 0, false)
		other := f.coop("HTX Mây Tre", 30000, 0, false)
		p := f.product(mine, "Bình gốm men lam", 200000, 10)
		q := f.product(other, "Giỏ mây", 80000, 10)
		member, steward := f.user("shopper"), f.user("staff")
		for _, m := range []struct {
			a    kernel.Caller
			role kernel.MemberRole
		}{{member, kernel.MemberMember}, {steward, kernel.MemberSteward}} {
			if _, err := f.cat.AddMember(f.ctx, mine.owner, mine.coop.ID, catalog.MemberInput{Phone: f.phoneOf(m.a), Role: m.role}); err != nil {
				t.Fatal(err)
			}
		}
		own := line(p.Variants[0].ID, 1)
		for name, try := range map[string]struct {
			a  kernel.Caller
			in orders.CheckoutInput
		}{
			"owner":                  {mine.owner, orders.CheckoutInput{Items: []orders.LineInput{own}, ShippingAddress: address()}},
			"member":                 {member, orders.CheckoutInput{Items: []orders.LineInput{line(q.Variants[0].ID, 1), own}, ShippingAddress: address()}},
			"steward":                {steward, orders.CheckoutInput{Items: []orders.LineInput{own}, ShippingAddress: address()}},
			"guest with owner phone": {kernel.Anonymous, guestInput(f.phoneOf(mine.owner), own)},
		} {
			_, err := f.checkout(try.a, uuid.NewString(), try.in)
			wantCode(t, err, apperr.CodeValidation)
			field := "items[0].variant_id"
			if len(try.in.Items) == 2 {
				field = "items[1].variant_id"
			}
			e := apperr.As(err)
			if len(e.Fields) != 1 || e.Fields[0].Field != field || !strings.Contains(e.Fields[0].Message, "Bình gốm men lam") {
				t.Errorf("%s: %+v", name, e.Fields)
			}
		}
		if n := f.count("SELECT COUNT(*) FROM orders"); n != 0 {
			t.Fatalf("%d orders written", n)
		}
		if s := f.stock(p.Variants[0].ID); s != 10 {
			t.Fatalf("stock %d", s)
		}
		// Another coop's goods are fine, signed in or as a guest.
		f.mustCheckout(member, orders.CheckoutInput{Items: []orders.LineInput{line(q.Variants[0].ID, 1)}, ShippingAddress: address()})
		f.mustCheckout(kernel.Anonymous, guestInput(f.phoneOf(member), line(q.Variants[0].ID, 1)))
	})
}

// TestMembersCannotReviewTheirCoop: an order placed before its buyer joined
// the selling coop (or by a guest whose phone is now a member's) cannot be
// used to rate the coop's own products.
func TestMembersCannotReviewTheirCoop(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		sh := f.coop("HTX Nón Lá", 20000, 0, false)
		p := f.product(sh, "Nón lá bài thơ", 120000, 10)
		joiner := f.user("shopper")
		byAccount := f.mustCheckout(joiner, orders.CheckoutInput{Items: []orders.LineInput{line(p.Variants[0].ID, 1)}, ShippingAddress: address()}).Orders[0]
		byPhone := f.mustCheckout(kernel.Anonymous, guestInput(f.phoneOf(joiner), line(p.Variants[0].ID, 1))).Orders[0]
		f.deliver(sh, byAccount.Code)
		f.deliver(sh, byPhone.Code)
		if _, err := f.cat.AddMember(f.ctx, sh.owner, sh.coop.ID, catalog.MemberInput{Phone: f.phoneOf(joiner), Role: kernel.MemberMember}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			caller orders.Caller
			code   string
		}{{orders.Caller{Actor: joiner}, byAccount.Code}, {orders.Caller{Phone: f.phoneOf(joiner)}, byPhone.Code}} {
			_, err := f.s.AddReview(f.ctx, c.caller, c.code, orders.ReviewInput{ProductID: p.ID, Rating: 5})
			wantCode(t, err, apperr.CodeForbidden)
		}
		if n := f.count("SELECT COUNT(*) FROM reviews"); n != 0 {
			t.Fatalf("%d reviews written", n)
		}
	})
}
