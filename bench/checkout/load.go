package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime/pprof"
	"slices"
	"sync"
	"time"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

type checkoutResult struct {
	created, orders, refused, errors int
	elapsed                          time.Duration
	latencies                        []time.Duration
	firstErr                         error
}

func (r *checkoutResult) add(o *checkoutResult) {
	r.created += o.created
	r.orders += o.orders
	r.refused += o.refused
	r.errors += o.errors
	r.elapsed += o.elapsed
	r.latencies = append(r.latencies, o.latencies...)
	if r.firstErr == nil {
		r.firstErr = o.firstErr
	}
}

func (r *checkoutResult) sortLatencies() { slices.Sort(r.latencies) }

// p is the q-th percentile latency of the successful checkouts (sorted).
func (r *checkoutResult) p(q int) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[(len(r.latencies)-1)*q/100].Round(10 * time.Microsecond)
}

// bench is a seeded schema and the service the clients call.
type bench struct {
	o        options
	db       *gorm.DB
	svc      *orders.Service
	variants [2][]string
	close    func()
}

func newBench(ctx context.Context, o options) (*bench, error) {
	db, drop, err := benchSchema(ctx, o.url)
	if err != nil {
		return nil, err
	}
	variants, err := seed(ctx, db, o.products)
	if err != nil {
		drop()
		return nil, fmt.Errorf("seed: %w", err)
	}
	b := &bench{o: o, db: db, svc: orders.NewService(db, reports.Rollups{}), variants: variants, close: drop}
	// Warm the pool and the caches like a running server.
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2 * o.clients {
		_, _ = b.checkoutOnce(ctx, rng)
	}
	return b, nil
}

// run lets o.clients goroutines check out as fast as they can for
// o.duration: each cart has one random product of each coop, so every
// checkout writes two orders.
func (b *bench) run(ctx context.Context) (*checkoutResult, error) {
	if err := checkpoint(ctx, b.o.url); err != nil {
		return nil, err
	}
	if b.o.profile != "" {
		f, err := os.Create(b.o.profile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return nil, err
		}
		defer pprof.StopCPUProfile()
	}
	var (
		mu  sync.Mutex
		res = &checkoutResult{}
		wg  sync.WaitGroup
	)
	runCtx, cancel := context.WithTimeout(ctx, b.o.duration)
	defer cancel()
	start := time.Now()
	for c := range b.o.clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(c), uint64(time.Now().UnixNano())))
			local := &checkoutResult{}
			for runCtx.Err() == nil {
				t0 := time.Now()
				resp, err := b.checkoutOnce(ctx, rng)
				switch {
				case err != nil:
					local.errors++
					if local.firstErr == nil {
						local.firstErr = err
					}
				case resp.Status == http.StatusCreated:
					local.created++
					local.orders += 2
					local.latencies = append(local.latencies, time.Since(t0))
				default:
					local.refused++
				}
			}
			mu.Lock()
			res.add(local)
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	if res.firstErr != nil {
		fmt.Printf("first error: %v\n", res.firstErr)
	}
	return res, nil
}

// checkoutOnce places one guest checkout of one to three units from each
// coop, as a phone on the API would.
func (b *bench) checkoutOnce(ctx context.Context, rng *rand.Rand) (*orders.Response, error) {
	return checkoutWith(ctx, b.svc, b.variants, rng)
}

func checkoutWith(ctx context.Context, svc *orders.Service, variants [2][]string, rng *rand.Rand) (*orders.Response, error) {
	phone := fmt.Sprintf("09%08d", rng.IntN(100_000_000))
	in := orders.CheckoutInput{
		Items: []orders.LineInput{
			{VariantID: variants[0][rng.IntN(len(variants[0]))], Quantity: 1 + rng.IntN(3)},
			{VariantID: variants[1][rng.IntN(len(variants[1]))], Quantity: 1 + rng.IntN(3)},
		},
		Buyer:           &orders.BuyerInput{Name: "Nguyễn Thị Hoa", Phone: phone},
		ShippingAddress: &orders.Address{Province: "ha-noi", Commune: "Phường Hoàn Kiếm", Street: "12 Hàng Bạc"},
	}
	return svc.Checkout(ctx, kernel.Anonymous, orders.CheckoutRequest{Key: uuid.NewString(), Input: in})
}
