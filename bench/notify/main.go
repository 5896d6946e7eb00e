// Command notify measures notifications on PostgreSQL.
//
// Latency: -checkouts guest checkouts (two coops each, so two order_placed
// per checkout) at -rate per second by -clients clients (-rate 0: as fast
// as they go, a burst the relays queue up) with the notification relays running
// at their production settings; for each order, the time from the
// checkout's commit to its inbox row (created_at of the owner's
// order_placed) and to the Web Push request reaching a push service on a
// local server (a subscribed browser per owner, keys made by the bench, the
// body decrypted to find the order code). Prints p50/p99 of each.
//
// Throughput: in the same run, checkouts per second with the relays off
// and on, -rounds times alternately for -duration each (each after a
// CHECKPOINT), and the ratio of the totals. "Off" means no relay runs; the
// events are still written in each checkout's transaction, which is part of
// the cost of notifications in both figures.
//
//	GANH_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ganh_bench?sslmode=disable \
//	  go run ./bench/notify [-checkouts 1000] [-rate 50] [-clients 4] [-duration 10s] [-rounds 2]
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"time"
)

type options struct {
	url       string
	checkouts int
	clients   int
	duration  time.Duration
	rounds    int
	rate      int
	profile   string
}

func main() {
	var o options
	flag.IntVar(&o.checkouts, "checkouts", 1000, "checkouts of the latency phase")
	flag.IntVar(&o.clients, "clients", 4, "concurrent checkout clients")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "length of each throughput phase")
	flag.IntVar(&o.rounds, "rounds", 2, "how many times the off and on phases alternate")
	flag.IntVar(&o.rate, "rate", 50, "checkouts per second of the latency phase (0: as fast as the clients go)")
	flag.StringVar(&o.profile, "cpuprofile", "", "write a CPU profile of the throughput phases with notifications on to this file")
	flag.Parse()
	o.url = os.Getenv("GANH_BENCH_DATABASE_URL")
	if o.url == "" {
		log.Fatal("set GANH_BENCH_DATABASE_URL to a postgres:// URL")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, o); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, o options) error {
	b, err := newBench(ctx, o)
	if err != nil {
		return err
	}
	defer b.close()
	fmt.Printf("latency: %d checkouts at %d/s (0: unpaced) by %d clients, relays at production settings …\n", o.checkouts, o.rate, o.clients)
	lat, err := b.latency(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("checkout commit → inbox row (%d orders):   p50 %v  p99 %v  max %v\n", len(lat.inbox), pct(lat.inbox, 50), pct(lat.inbox, 99), pct(lat.inbox, 100))
	fmt.Printf("checkout commit → Web Push request (%d):   p50 %v  p99 %v  max %v\n", len(lat.push), pct(lat.push, 50), pct(lat.push, 99), pct(lat.push, 100))

	var off, on throughput
	for r := range o.rounds {
		for _, relays := range []bool{false, true} {
			t, err := b.throughput(ctx, relays)
			if err != nil {
				return err
			}
			fmt.Printf("round %d, notifications %-3s: %d checkouts in %v = %.1f/s\n", r+1, onOff(relays), t.checkouts, t.elapsed.Round(time.Millisecond), t.rate())
			if relays {
				on.add(t)
			} else {
				off.add(t)
			}
		}
	}
	if o.rounds == 0 {
		return nil
	}
	fmt.Printf("throughput off %.1f/s, on %.1f/s: on is %.1f %% of off\n", off.rate(), on.rate(), 100*on.rate()/off.rate())
	return nil
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
