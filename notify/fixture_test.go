package notify_test

import (
	"context"
	"github.com/ganh-market/ganh/kernel"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/catalogtest"
	"github.com/ganh-market/ganh/notify"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/outbox"
	"github.com/ganh-market/ganh/reports"
)

// fixture is a fresh database with the catalog, orders and notify services
// over it, and a staff account to approve coops.
type fixture struct {
	t     *testing.T
	db    *gorm.DB
	ctx   context.Context
	cat   *catalog.Service
	ord   *orders.Service
	n     *notify.Service
	staff kernel.Caller
}

func newFixture(t *testing.T, db *gorm.DB, o notify.Options) *fixture {
	f := &fixture{t: t, db: db, ctx: context.Background(), cat: catalog.NewService(db), ord: orders.NewService(db, reports.Rollups{}), n: notify.New(db, o)}
	f.staff = catalogtest.User(t, db, kernel.RoleStaff)
	return f
}

// relayOptions make the relays quick to notice new rows and to retry.
var relayOptions = outbox.Options{Idle: 5 * time.Millisecond, RetryBase: time.Millisecond, RetryMax: 5 * time.Millisecond}

// run runs the notification relays until the test ends.
func (f *fixture) run() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	relays := f.n.Relays(relayOptions)
	for _, r := range relays {
		go func() {
			defer func() { done <- struct{}{} }()
			r.Run(ctx)
		}()
	}
	f.t.Cleanup(func() {
		cancel()
		for range relays {
			<-done
		}
	})
}

// drain handles every notification written so far, without background
// relays.
func (f *fixture) drain() {
	f.t.Helper()
	for range 3 { // events, then the channels' messages they wrote
		for _, r := range f.n.Relays(relayOptions) {
			if err := r.Drain(f.ctx); err != nil {
				f.t.Logf("drain: %v", err)
			}
		}
	}
}

// shop is an approved coop with its owner and one more member.
type shop struct {
	coop   *catalog.Coop
	owner  kernel.Caller
	member kernel.Caller
}

func (f *fixture) shop(name string) shop {
	f.t.Helper()
	owner := catalogtest.User(f.t, f.db, kernel.RoleSeller)
	c, err := f.cat.ApplyForCoop(f.ctx, owner, catalog.CoopInput{
		Name: name, Kind: catalog.KindHopTacXa, Description: "Đặc sản địa phương.",
		Province: "ninh-binh", Commune: "Xã Kim Sơn", Address: "Thôn 3", Phone: "0912 345 678",
		Bank: &catalog.Bank{BIN: "970436", AccountNumber: "0123456789", AccountName: "NGUYEN THI HOA"},
	})
	if err != nil {
		f.t.Fatalf("apply: %v", err)
	}
	if c, err = f.cat.ApproveCoop(f.ctx, f.staff, c.ID, ""); err != nil {
		f.t.Fatalf("approve: %v", err)
	}
	member := catalogtest.User(f.t, f.db, kernel.RoleSeller)
	if _, err := f.cat.AddMember(f.ctx, owner, c.ID, catalog.MemberInput{Phone: catalogtest.PhoneOf(f.db, member), Role: kernel.MemberMember}); err != nil {
		f.t.Fatalf("add member: %v", err)
	}
	return shop{coop: c, owner: owner, member: member}
}

// product lists an active product with one variant of stock units.
func (f *fixture) product(sh shop, name string, stock int) *catalog.Product {
	f.t.Helper()
	p, err := f.cat.CreateProduct(f.ctx, sh.owner, sh.coop.ID, catalog.ProductInput{
		Name: name, Description: "Ngon.", Category: "dac-san-kho", Unit: "gói", Status: catalog.ProductActive,
		Variants: []catalog.VariantInput{{Name: "Gói 500 g", PriceVND: 85000, Stock: stock}},
	})
	if err != nil {
		f.t.Fatalf("create product: %v", err)
	}
	return p
}

// checkout places a COD checkout of one unit of each product, as a (a guest
// with phone when a is anonymous).
func (f *fixture) checkout(a kernel.Caller, phone string, qty int, ps ...*catalog.Product) []orders.Order {
	f.t.Helper()
	in := orders.CheckoutInput{
		Buyer:           &orders.BuyerInput{Name: "Trần Thị Mai", Phone: phone},
		ShippingAddress: &orders.Address{Province: "ha-noi", Commune: "Phường Hoàn Kiếm", Street: "12 Hàng Bạc"},
	}
	for _, p := range ps {
		in.Items = append(in.Items, orders.LineInput{VariantID: p.Variants[0].ID, Quantity: qty})
	}
	res, err := f.ord.Checkout(f.ctx, a, orders.CheckoutRequest{Key: uuid.NewString(), Input: in})
	if err != nil {
		f.t.Fatalf("checkout: %v", err)
	}
	if res.Status != http.StatusCreated {
		f.t.Fatalf("checkout: %d %s", res.Status, res.Body)
	}
	var out orders.CheckoutResult
	decodeJSON(f.t, res.Body, &out)
	return out.Orders
}

// inbox lists a person's whole inbox.
func (f *fixture) inbox(a kernel.Caller) []notify.Notification {
	f.t.Helper()
	page, err := f.n.Inbox(f.ctx, a.UserID, false, kernel.PageRequest{Limit: 100})
	if err != nil {
		f.t.Fatal(err)
	}
	return page.Items
}

// waitFor polls cond until it holds or a safety deadline passes; the
// deadline is generous so a loaded machine never fails the test, which
// proves the relays deliver without being asked, not how fast.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
