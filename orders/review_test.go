package orders_test

import (
	"math"
	"sync"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"gorm.io/gorm"
)

// deliver moves an order to delivered as the coop's owner.
func (f *fixture) deliver(sh shop, code string) {
	f.t.Helper()
	for _, st := range []orders.Status{orders.StatusConfirmed, orders.StatusShipping, orders.StatusDelivered} {
		if _, err := f.s.SetStatus(f.ctx, orders.Caller{Actor: sh.owner}, code, orders.StatusInput{Status: st}); err != nil {
			f.t.Fatal(err)
		}
	}
}

func TestReviews(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		sh := f.coop("HTX Vải Thiều", 20000, 0, false)
		p := f.product(sh, "Vải thiều sấy", 90000, 100)
		q := f.product(sh, "Mật ong hoa vải", 150000, 100)
		notInOrder := f.product(sh, "Nhãn lồng", 70000, 100)
		buyer := f.user("shopper")
		o := f.mustCheckout(buyer, orders.CheckoutInput{Items: []orders.LineInput{line(p.Variants[0].ID, 1), line(q.Variants[0].ID, 1)}, ShippingAddress: address()}).Orders[0]
		me := orders.Caller{Actor: buyer}

		_, err := f.s.AddReview(f.ctx, me, o.Code, orders.ReviewInput{ProductID: p.ID, Rating: 5})
		if apperr.KindOf(err) != apperr.KindConflict {
			t.Fatalf("before delivery: %v", err)
		}
		f.deliver(sh, o.Code)
		for _, bad := range []int{0, 6} {
			_, err := f.s.AddReview(f.ctx, me, o.Code, orders.ReviewInput{ProductID: p.ID, Rating: bad})
			wantField(t, err, "rating")
		}
		_, err = f.s.AddReview(f.ctx, me, o.Code, orders.ReviewInput{ProductID: notInOrder.ID, Rating: 4})
		wantField(t, err, "product_id")
		_, err = f.s.AddReview(f.ctx, orders.Caller{Actor: sh.owner}, o.Code, orders.ReviewInput{ProductID: p.ID, Rating: 5})
		if apperr.KindOf(err) != apperr.KindForbidden {
			t.Errorf("the seller cannot review: %v", err)
		}
		_, err = f.s.AddReview(f.ctx, orders.Caller{Actor: f.user("shopper")}, o.Code, orders.ReviewInput{ProductID: p.ID, Rating: 5})
		if apperr.KindOf(err) != apperr.KindNotFound {
			t.Errorf("another buyer: %v", err)
		}

		r, err := f.s.AddReview(f.ctx, me, o.Code, orders.ReviewInput{ProductID: p.ID, Rating: 4, Comment: "  Ngọt, giòn.  "})
		if err != nil {
			t.Fatal(err)
		}
		if r.Comment != "Ngọt, giòn." || r.Reviewer == "" || r.Rating != 4 {
			t.Errorf("review: %+v", r)
		}
		_, err = f.s.AddReview(f.ctx, me, o.Code, orders.ReviewInput{ProductID: p.ID, Rating: 1})
		if apperr.KindOf(err) != apperr.KindConflict {
			t.Errorf("second review of one product: %v", err)
		}

		// Concurrent reviews from other orders all count.
		const n = 6
		codes := make([]string, n)
		for i := range n {
			codes[i] = f.mustCheckout(kernel.Anonymous, guestInput("0912002000", line(p.Variants[0].ID, 1))).Orders[0].Code
			f.deliver(sh, codes[i])
		}
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				if _, err := f.s.AddReview(f.ctx, orders.Caller{Phone: "0912002000"}, codes[i], orders.ReviewInput{ProductID: p.ID, Rating: 1 + i%5}); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		var prod struct {
			RatingAvg   float64
			RatingCount int
		}
		db.Raw("SELECT rating_avg, rating_count FROM products WHERE id = ?", p.ID).Scan(&prod)
		want := float64(4+1+2+3+4+5+1) / 7
		if prod.RatingCount != 7 || math.Abs(prod.RatingAvg-want) > 1e-9 {
			t.Fatalf("product rating %+v, want 7 reviews averaging %v", prod, want)
		}

		page, err := f.s.ProductReviews(f.ctx, kernel.Anonymous, p.Slug, kernel.PageRequest{Limit: 5})
		if err != nil || len(page.Items) != 5 || page.NextCursor == nil {
			t.Fatalf("reviews page: %+v %v", page, err)
		}
		rest, err := f.s.ProductReviews(f.ctx, kernel.Anonymous, p.Slug, kernel.PageRequest{Limit: 5, Cursor: *page.NextCursor})
		if err != nil || len(rest.Items) != 2 || rest.NextCursor != nil {
			t.Fatalf("reviews page 2: %+v %v", rest, err)
		}
		if last := rest.Items[1]; last.ID != r.ID || last.Reviewer != "Lan" {
			t.Errorf("oldest review last, with the given name only: %+v", last)
		}
		if rest.Items[0].Reviewer != "Mai" {
			t.Errorf("a guest's given name: %+v", rest.Items[0])
		}
		hide := "Sai quy định."
		if _, err := f.cat.HideProduct(f.ctx, f.staff, p.ID, hide); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.ProductReviews(f.ctx, kernel.Anonymous, p.Slug, kernel.PageRequest{}); apperr.KindOf(err) != apperr.KindNotFound {
			t.Errorf("a hidden product's reviews are not public: %v", err)
		}
		if _, err := f.s.ProductReviews(f.ctx, sh.owner, p.Slug, kernel.PageRequest{}); err != nil {
			t.Errorf("its coop still sees them: %v", err)
		}
		if _, err := f.s.ProductReviews(f.ctx, kernel.Anonymous, "khong-co", kernel.PageRequest{}); apperr.KindOf(err) != apperr.KindNotFound {
			t.Errorf("unknown product: %v", err)
		}
	})
}
