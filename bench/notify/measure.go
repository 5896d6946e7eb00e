package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"regexp"
	"runtime/pprof"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/notify/pushtest"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/ganh-market/ganh/notify"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/outbox"
	"github.com/ganh-market/ganh/reports"
)

type bench struct {
	o        options
	db       *gorm.DB
	ord      *orders.Service
	n        *notify.Service
	shops    [2]shop
	push     *pushService
	browsers map[string]pushtest.Browser // by endpoint path
	close    func()
}

func newBench(ctx context.Context, o options) (*bench, error) {
	db, drop, err := benchSchema(ctx, o.url)
	if err != nil {
		return nil, err
	}
	b := &bench{o: o, db: db, ord: orders.NewService(db, reports.Rollups{}), push: newPushService(), browsers: map[string]pushtest.Browser{}}
	b.close = func() { b.push.Close(); drop() }
	if b.shops, err = seed(ctx, db); err != nil {
		b.close()
		return nil, fmt.Errorf("seed: %w", err)
	}
	keys, err := notify.LoadVAPID(ctx, db, notify.VAPID{})
	if err != nil {
		b.close()
		return nil, err
	}
	b.n = notify.New(db, notify.Options{
		Channels:      []notify.Channel{notify.NewPush(db, notify.PushOptions{Keys: keys, Subscriber: "https://ganh.vn"})},
		PushAllowHTTP: true, PublicURL: "https://ganh.vn",
	})
	for i, sh := range b.shops {
		br, err := pushtest.NewBrowser()
		if err != nil {
			b.close()
			return nil, err
		}
		path := fmt.Sprintf("/push/%d", i)
		b.browsers[path] = br
		if err := b.n.Subscribe(ctx, sh.owner.UserID, br.Subscription(b.push.URL+path)); err != nil {
			b.close()
			return nil, err
		}
	}
	if err := b.drain(ctx); err != nil { // the approvals
		b.close()
		return nil, err
	}
	b.push.take()
	return b, nil
}

// drain handles every notification written so far.
func (b *bench) drain(ctx context.Context) error {
	for range 2 {
		for _, r := range b.n.Relays(outbox.Options{}) {
			if err := r.Drain(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// startRelays runs the relays at their production settings until stop.
func (b *bench) startRelays() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, r := range b.n.Relays(outbox.Options{}) {
		wg.Go(func() { r.Run(ctx) })
	}
	return func() { cancel(); wg.Wait() }
}

var orderCode = regexp.MustCompile(`GN-[0-9A-Z]{6}`)

// checkoutOnce places one guest checkout of one product of each coop and
// returns its order codes.
func (b *bench) checkoutOnce(ctx context.Context, rng *rand.Rand) ([]string, error) {
	in := orders.CheckoutInput{
		Items: []orders.LineInput{
			{VariantID: b.shops[0].variants[rng.IntN(20)], Quantity: 1},
			{VariantID: b.shops[1].variants[rng.IntN(20)], Quantity: 1},
		},
		Buyer:           &orders.BuyerInput{Name: "Nguyễn Thị Hoa", Phone: fmt.Sprintf("09%08d", rng.IntN(100_000_000))},
		ShippingAddress: &orders.Address{Province: "ha-noi", Commune: "Phường Hoàn Kiếm", Street: "12 Hàng Bạc"},
	}
	res, err := b.ord.Checkout(ctx, kernel.Anonymous, orders.CheckoutRequest{Key: uuid.NewString(), Input: in})
	if err != nil {
		return nil, err
	}
	if res.Status != http.StatusCreated {
		return nil, fmt.Errorf("checkout answered %d", res.Status)
	}
	return orderCode.FindAllString(string(res.Body), 2), nil
}

type latencies struct{ inbox, push []time.Duration }

// latency places o.checkouts checkouts with the relays running and
// measures commit → inbox row and commit → push request per order.
func (b *bench) latency(ctx context.Context) (*latencies, error) {
	stop := b.startRelays()
	defer stop()
	var (
		mu        sync.Mutex
		committed = map[string]time.Time{}
		next      atomic.Int64
		wg        sync.WaitGroup
		firstErr  error
	)
	// Paced: a ticker hands out the checkouts at o.rate per second.
	var tick <-chan time.Time
	if b.o.rate > 0 {
		t := time.NewTicker(time.Second / time.Duration(b.o.rate))
		defer t.Stop()
		tick = t.C
	}
	for c := range b.o.clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(c), 7))
			for next.Add(1) <= int64(b.o.checkouts) {
				if tick != nil {
					<-tick
				}
				codes, err := b.checkoutOnce(ctx, rng)
				at := time.Now()
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				for _, code := range codes {
					committed[code] = at
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	want := len(committed)
	deadline := time.Now().Add(2 * time.Minute)
	for b.push.count() < want || b.inboxCount() < want {
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("after 2 minutes: %d pushes, %d inbox rows of %d orders", b.push.count(), b.inboxCount(), want)
		}
		time.Sleep(50 * time.Millisecond)
	}
	out := &latencies{}
	var rows []struct {
		Data      string
		CreatedAt time.Time
	}
	if err := b.db.Raw("SELECT data, created_at FROM notifications WHERE kind = 'order_placed'").Scan(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		var d struct {
			OrderCode string `json:"order_code"`
		}
		_ = json.Unmarshal([]byte(r.Data), &d)
		if at, ok := committed[d.OrderCode]; ok {
			out.inbox = append(out.inbox, r.CreatedAt.Sub(at))
		}
	}
	for _, a := range b.push.take() {
		plain, err := b.browsers[a.path].Decrypt(a.body)
		if err != nil {
			return nil, fmt.Errorf("decrypt a push: %w", err)
		}
		if at, ok := committed[orderCode.FindString(string(plain))]; ok {
			out.push = append(out.push, a.at.Sub(at))
		}
	}
	return out, nil
}

func (b *bench) inboxCount() int {
	var n int64
	b.db.Raw("SELECT COUNT(*) FROM notifications WHERE kind = 'order_placed'").Scan(&n)
	return int(n)
}

type throughput struct {
	checkouts int64
	elapsed   time.Duration
}

func (t *throughput) add(o throughput) { t.checkouts += o.checkouts; t.elapsed += o.elapsed }
func (t throughput) rate() float64     { return float64(t.checkouts) / t.elapsed.Seconds() }

// throughput checks out as fast as o.clients clients can for o.duration,
// with the relays running or not. The backlog of earlier phases is
// drained first, untimed, so each phase starts from an empty outbox.
func (b *bench) throughput(ctx context.Context, relays bool) (throughput, error) {
	if err := b.drain(ctx); err != nil {
		return throughput{}, err
	}
	b.push.take()
	if err := b.db.Exec("CHECKPOINT").Error; err != nil {
		return throughput{}, err
	}
	if relays {
		stop := b.startRelays()
		defer stop()
		if b.o.profile != "" {
			f, err := os.Create(b.o.profile)
			if err != nil {
				return throughput{}, err
			}
			defer f.Close()
			if err := pprof.StartCPUProfile(f); err != nil {
				return throughput{}, err
			}
			defer pprof.StopCPUProfile()
		}
	}
	var (
		n        atomic.Int64
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	runCtx, cancel := context.WithTimeout(ctx, b.o.duration)
	defer cancel()
	start := time.Now()
	for c := range b.o.clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(c), uint64(time.Now().UnixNano())))
			for runCtx.Err() == nil {
				if _, err := b.checkoutOnce(ctx, rng); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					continue
				}
				n.Add(1)
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return throughput{}, firstErr
	}
	return throughput{checkouts: n.Load(), elapsed: time.Since(start)}, nil
}

// pct is the q-th percentile of ds (100: the largest).
func pct(ds []time.Duration, q int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*q+99)/100 - 1
	return s[max(0, min(i, len(s)-1))].Round(time.Millisecond)
}
