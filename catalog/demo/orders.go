package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"time"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
	"gorm.io/gorm"
)

// The demo shopper's purchases: demoCheckouts checkouts spread over the
// demoDays days before the day of seeding, so both report pages show
// several months. Old orders have been delivered or cancelled; the last few
// days' are still pending, confirmed or on their way.
const (
	demoCheckouts = 60
	demoDays      = 120
)

// orderSeed is a fixed seed: the same catalogue gets the same purchases.
var orderSeed = [2]uint64{2025, 11}

// demoAddresses are where the demo shopper has parcels sent: home, and her
// mother's in Ninh Bình.
var demoAddresses = []orders.Address{
	{Province: "ha-noi", Commune: "Phường Ba Đình", Street: "Số 18 ngõ 45 phố Đội Cấn"},
	{Province: "ninh-binh", Commune: "Phường Hoa Lư", Street: "Số 7 đường Lê Hoàn"},
}

// Reasons of the demo's cancellations and words of its reviews.
var (
	buyerReasons  = []string{"Em đặt nhầm loại, xin phép huỷ để đặt lại ạ.", "Nhà đã có người mua rồi, em huỷ đơn này nhé."}
	sellerReasons = []string{"Loại này vừa hết hàng, hẹn chị đợt sau ạ.", "Đường lên bản đang sạt lở, chưa gửi hàng được ạ."}
	reviewWords   = map[int][]string{
		5: {"Hàng đóng gói cẩn thận, ăn rất ngon, sẽ ủng hộ chị em tiếp.", "Đúng vị quê, cả nhà đều thích."},
		4: {"Hàng tốt, giao hơi chậm một chút.", "Ngon, giá hợp lý."},
		3: {"Tạm được, gói hàng bị móp một góc."},
	}
)

// recentTargets are the statuses of the last purchases, one a day up to
// the day before seeding: the orders a seller still has to handle.
var recentTargets = []orders.Status{
	orders.StatusShipping, orders.StatusShipping, orders.StatusConfirmed,
	orders.StatusConfirmed, orders.StatusPending, orders.StatusPending,
}

// pick is one line of a planned purchase.
type pick struct {
	offer, quantity int
}

// purchase is one planned checkout and what happens to its orders after.
type purchase struct {
	at      time.Time // when it was placed
	picks   []pick
	method  orders.PaymentMethod
	address orders.Address
	target  orders.Status
	// reason of a cancellation, by the buyer while the order is pending
	// (byBuyer) or by the seller once she confirmed it.
	reason  string
	byBuyer bool
	// rating and comment of a review after delivery; rating 0 for none.
	rating  int
	comment string
}

// offer is a purchasable product of the demo and who runs its coop.
type offer struct {
	ProductID, CoopID, OwnerID string
}

// orderSeeder places the demo shopper's orders through the orders service,
// on a clock it moves to each event's time, so stock, sold counts, status
// history and the report rollups are exactly what real use leaves.
type orderSeeder struct {
	db     *gorm.DB
	svc    *orders.Service
	at     time.Time // the orders service's clock
	now    time.Time // when seeding runs: no event is placed after it
	buyer  orders.Caller
	offers []offer
}

// SeedOrders gives the demo shopper (made by Seed, which must run first)
// her purchases of the last months, drawing a progress bar on progress (nil
// for none). It is idempotent: the checkouts she already made count as
// done, and only the rest of the plan is placed.
func SeedOrders(ctx context.Context, db *gorm.DB, progress io.Writer) error {
	var shopperIDs []string
	if err := db.WithContext(ctx).Table("users").Where("phone = ?", demoAccounts[0].Phone).Pluck("id", &shopperIDs).Error; err != nil {
		return err
	}
	if len(shopperIDs) == 0 {
		return errors.New("demo orders: the demo shopper does not exist; run demo.Seed first")
	}
	shopperID := shopperIDs[0]
	o := &orderSeeder{db: db, now: time.Now(), buyer: orders.Caller{Actor: kernel.Caller{UserID: shopperID, Role: kernel.RoleShopper}}}
	o.svc = orders.NewService(db, reports.Rollups{}, orders.WithClock(func() time.Time { return o.at }))
	var done int64
	err := db.WithContext(ctx).Table("orders").Where("user_id = ?", shopperID).Distinct("checkout_id").Count(&done).Error
	if err != nil || done >= demoCheckouts {
		return err
	}
	if err := o.loadOffers(ctx, shopperID); err != nil {
		return err
	}
	if len(o.offers) == 0 {
		return errors.New("demo orders: nothing is on sale")
	}
	bar := newBar(progress, demoCheckouts, "Đang tạo đơn hàng mẫu")
	_ = bar.Add(int(done))
	for i, p := range o.plan() {
		if i < int(done) {
			continue
		}
		if err := o.place(ctx, i, p); err != nil {
			return fmt.Errorf("demo purchase %d: %w", i+1, err)
		}
		_ = bar.Add(1)
	}
	return bar.Finish()
}

// loadOffers lists what the shopper may buy, in a stable order: active,
// not hidden, in an approved coop she is not a member of (nobody buys from
// her own cooperative).
func (o *orderSeeder) loadOffers(ctx context.Context, shopperID string) error {
	return o.db.WithContext(ctx).Table("products p").
		Select("p.id AS product_id, p.coop_id, m.user_id AS owner_id").
		Joins("JOIN coops c ON c.id = p.coop_id").
		Joins("JOIN coop_members m ON m.coop_id = c.id AND m.role = 'owner'").
		Where("p.status = 'active' AND p.hidden = ? AND c.status = 'approved'", false).
		Where("c.id NOT IN (SELECT coop_id FROM coop_members WHERE user_id = ?)", shopperID).
		Order("p.slug").Scan(&o.offers).Error
}

// plan draws the purchases, oldest first, from the fixed seed: every other
// day or so over the months before seeding, then one a day in the last
// week, whose orders are still open.
func (o *orderSeeder) plan() []purchase {
	r := rand.New(rand.NewPCG(orderSeed[0], orderSeed[1]))
	y, m, d := o.now.In(reports.Location).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, reports.Location)
	older := demoCheckouts - len(recentTargets)
	byCoop := map[string][]int{}
	for i, of := range o.offers {
		byCoop[of.CoopID] = append(byCoop[of.CoopID], i)
	}
	out := make([]purchase, demoCheckouts)
	for i := range out {
		p := &out[i]
		daysAgo := len(recentTargets) - (i - older) // the recent ones: 6 days ago down to yesterday
		if i < older {
			daysAgo = demoDays - i*(demoDays-len(recentTargets)-1)/older
		}
		p.at = today.AddDate(0, 0, -daysAgo).Add(time.Duration(7*60+r.IntN(14*60)) * time.Minute)
		p.address = demoAddresses[r.IntN(len(demoAddresses))]
		p.method = orders.PayCOD
		if r.IntN(5) < 2 {
			p.method = orders.PayBankTransfer
		}
		first := r.IntN(len(o.offers))
		for n := range 1 + r.IntN(3) {
			k := first
			if n > 0 {
				// Most carts hold several products of one coop; some
				// mix two, which the checkout splits into two orders.
				k = r.IntN(len(o.offers))
				if same := byCoop[o.offers[first].CoopID]; r.IntN(4) > 0 {
					k = same[r.IntN(len(same))]
				}
			}
			p.picks = append(p.picks, pick{offer: k, quantity: []int{1, 1, 1, 1, 1, 2, 2, 3}[r.IntN(8)]})
		}
		switch roll := r.IntN(10); {
		case i >= older:
			p.target = recentTargets[i-older]
		case roll < 2:
			p.target, p.byBuyer = orders.StatusCancelled, roll == 0
			p.reason = sellerReasons[r.IntN(len(sellerReasons))]
			if p.byBuyer {
				p.reason = buyerReasons[r.IntN(len(buyerReasons))]
			}
		default:
			p.target = orders.StatusDelivered
			if roll >= 6 {
				p.rating = []int{5, 5, 4, 3}[roll-6]
				p.comment = reviewWords[p.rating][r.IntN(len(reviewWords[p.rating]))]
			}
		}
	}
	return out
}

// place makes purchase i: the checkout, then each of its orders' moves.
func (o *orderSeeder) place(ctx context.Context, i int, p purchase) error {
	in := orders.CheckoutInput{ShippingAddress: &p.address, PaymentMethod: p.method}
	seen := map[string]bool{}
	for _, pk := range p.picks {
		// The planned product, or the next one with stock when it sold
		// out: every planned purchase is made, so the count of checkouts
		// made tells a later run where to go on.
		for k := range len(o.offers) {
			v, err := o.variantFor(ctx, o.offers[(pk.offer+k)%len(o.offers)].ProductID, pk.quantity)
			if err != nil {
				return err
			}
			if v != "" && !seen[v] {
				seen[v] = true
				in.Items = append(in.Items, orders.LineInput{VariantID: v, Quantity: pk.quantity})
				break
			}
		}
	}
	if len(in.Items) == 0 {
		return errors.New("the whole demo catalogue is sold out")
	}
	o.at = p.at
	resp, err := o.svc.Checkout(ctx, o.buyer.Actor, orders.CheckoutRequest{Key: fmt.Sprintf("demo-checkout-%03d", i+1), Input: in})
	if err != nil {
		return err
	}
	if resp.Status != http.StatusCreated {
		return fmt.Errorf("checkout answered %d: %s", resp.Status, resp.Body)
	}
	var placed orders.CheckoutResult
	if err := json.Unmarshal(resp.Body, &placed); err != nil {
		return err
	}
	for _, ord := range placed.Orders {
		if err := o.advance(ctx, p, ord); err != nil {
			return fmt.Errorf("order %s: %w", ord.Code, err)
		}
	}
	return nil
}

// variantFor is the product's first variant with the quantity in stock,
// "" when there is none.
func (o *orderSeeder) variantFor(ctx context.Context, productID string, quantity int) (string, error) {
	var ids []string
	err := o.db.WithContext(ctx).Table("product_variants").Where("product_id = ? AND stock >= ?", productID, quantity).
		Order("position, id").Limit(1).Pluck("id", &ids).Error
	if err != nil || len(ids) == 0 {
		return "", err
	}
	return ids[0], nil
}

// step is one thing that happens to an order, some hours after it was placed.
type step struct {
	after time.Duration
	do    func() error
}

// advance moves one order of purchase p towards its target status, as its
// buyer and its coop's owner would, each step at its own time. A step that
// would fall after now is left undone, as it would be in life.
func (o *orderSeeder) advance(ctx context.Context, p purchase, ord orders.Order) error {
	seller := orders.Caller{Actor: kernel.Caller{UserID: o.ownerOf(ord.Coop.ID), Role: kernel.RoleSeller}}
	set := func(st orders.Status, reason string) func() error {
		return func() error {
			_, err := o.svc.SetStatus(ctx, seller, ord.Code, orders.StatusInput{Status: st, Reason: reason})
			return err
		}
	}
	confirm := []step{{3 * time.Hour, set(orders.StatusConfirmed, "")}}
	if p.method == orders.PayBankTransfer && p.target != orders.StatusCancelled {
		confirm = append(confirm, step{3 * time.Hour, func() error { _, err := o.svc.MarkPaid(ctx, seller, ord.Code); return err }})
	}
	ship := []step{{26 * time.Hour, set(orders.StatusShipping, "")}}
	deliver := []step{{72 * time.Hour, set(orders.StatusDelivered, "")}}
	var steps []step
	switch p.target {
	case orders.StatusCancelled:
		if p.byBuyer {
			steps = []step{{time.Hour, func() error { _, err := o.svc.Cancel(ctx, o.buyer, ord.Code, p.reason); return err }}}
		} else {
			steps = slices.Concat(confirm, []step{{8 * time.Hour, set(orders.StatusCancelled, p.reason)}})
		}
	case orders.StatusConfirmed:
		steps = confirm
	case orders.StatusShipping:
		steps = slices.Concat(confirm, ship)
	case orders.StatusDelivered:
		steps = slices.Concat(confirm, ship, deliver)
		if p.rating > 0 {
			steps = append(steps, step{96 * time.Hour, func() error {
				_, err := o.svc.AddReview(ctx, o.buyer, ord.Code, orders.ReviewInput{ProductID: ord.Items[0].ProductID, Rating: p.rating, Comment: p.comment})
				return err
			}})
		}
	}
	for _, st := range steps {
		if o.at = p.at.Add(st.after); !o.at.Before(o.now) {
			return nil
		}
		if err := st.do(); err != nil {
			return err
		}
	}
	return nil
}

// ownerOf is the owner of a coop the shopper bought from.
func (o *orderSeeder) ownerOf(coopID string) string {
	for _, of := range o.offers {
		if of.CoopID == coopID {
			return of.OwnerID
		}
	}
	return ""
}
