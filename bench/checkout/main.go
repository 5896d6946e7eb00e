// Command checkout measures checkout throughput on PostgreSQL: concurrent
// clients each placing checkouts that span two cooperatives (two orders per
// checkout) through orders.Service, with a fresh Idempotency-Key each, as the
// API does. In the same run it measures pgbench's TPC-B-like transactions on
// the same server, so the figure can be read against what the machine does
// with a standard write workload, and prints both and their ratio.
//
//	GANH_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ganh_bench?sslmode=disable \
//	  go run ./bench/checkout [-clients 8] [-duration 15s] [-rounds 1] [-pgbench-db ganh_pgbench_scratch]
//
// The checkouts run in a schema of their own, created, migrated and seeded
// for the run and dropped afterwards. At the end it places -count checkouts
// one after the other over a connection whose statements PostgreSQL logs
// (-pglog names the server log; -count 0 skips this) and prints the
// statements per checkout, BEGIN and COMMIT included. The load average is
// printed before and after, since the machine may be shared. pgbench runs `pgbench -i -s 10` on a
// scratch database (created if missing; its pgbench tables are rebuilt) and
// then `pgbench -c 8 -j 2 -T 15`. With -rounds N the two alternate N times,
// each after a CHECKPOINT, so that load from elsewhere on a shared machine
// falls on both alike; the ratio is of the totals.
package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/ganh-market/ganh/bench/internal/benchdb"
)

type options struct {
	url       string
	clients   int
	duration  time.Duration
	rounds    int
	products  int
	pgbenchDB string
	pgClients int
	pgThreads int
	pgScale   int
	skipPG    bool
	profile   string
	pglog     string
	count     int
}

func main() {
	var o options
	flag.IntVar(&o.clients, "clients", 8, "concurrent checkout clients")
	flag.DurationVar(&o.duration, "duration", 15*time.Second, "how long each checkout and pgbench phase runs")
	flag.IntVar(&o.rounds, "rounds", 1, "how many times pgbench and the checkouts alternate")
	flag.IntVar(&o.products, "products", 20, "products per cooperative (carts pick one of each coop at random)")
	flag.StringVar(&o.pgbenchDB, "pgbench-db", "ganh_pgbench_scratch", "scratch database for pgbench on the same server")
	flag.IntVar(&o.pgClients, "pgbench-clients", 8, "pgbench -c")
	flag.IntVar(&o.pgThreads, "pgbench-threads", 2, "pgbench -j")
	flag.IntVar(&o.pgScale, "pgbench-scale", 10, "pgbench -i -s")
	flag.BoolVar(&o.skipPG, "skip-pgbench", false, "measure checkouts only")
	flag.StringVar(&o.profile, "cpuprofile", "", "write a CPU profile of the checkout phases to this file")
	flag.StringVar(&o.pglog, "pglog", "/var/log/postgresql/postgresql-15-main.log", "the PostgreSQL server log, for statements per checkout")
	flag.IntVar(&o.count, "count", 100, "checkouts whose statements are counted (0: none)")
	flag.Parse()
	o.url = benchdb.RequireURL()
	benchdb.Main(func(ctx context.Context) error { return run(ctx, o) })
}

func run(ctx context.Context, o options) error {
	fmt.Printf("load average before: %s\n", benchdb.LoadAvg())
	if !o.skipPG {
		fmt.Printf("pgbench -i -s %d on %s …\n", o.pgScale, o.pgbenchDB)
		if err := initPgbench(ctx, o); err != nil {
			return err
		}
	}
	fmt.Printf("seeding 2 cooperatives × %d products in a fresh schema …\n", o.products)
	b, err := newBench(ctx, o)
	if err != nil {
		return err
	}
	defer b.close()
	total := &checkoutResult{}
	var pgTotal pgbenchResult
	for r := 1; r <= o.rounds; r++ {
		if !o.skipPG {
			pg, err := runPgbench(ctx, o)
			if err != nil {
				return err
			}
			pgTotal.tps += pg.tps / float64(o.rounds)
			pgTotal.latencyMS += pg.latencyMS / float64(o.rounds)
			fmt.Printf("round %d: pgbench %.0f tps\n", r, pg.tps)
		}
		ck, err := b.run(ctx)
		if err != nil {
			return err
		}
		fmt.Printf("round %d: %.0f checkouts/s, %.0f orders/s\n", r, float64(ck.created)/ck.elapsed.Seconds(), float64(ck.orders)/ck.elapsed.Seconds())
		total.add(ck)
	}
	fmt.Printf("load average after: %s\n", benchdb.LoadAvg())
	var pg *pgbenchResult
	if !o.skipPG {
		pg = &pgTotal
	}
	report(o, total, pg)
	if o.count > 0 {
		n, err := b.statementsPerCheckout(ctx, o.pglog, o.count)
		if err != nil {
			fmt.Printf("statements per checkout: not counted: %v\n", err)
		} else {
			fmt.Printf("statements per checkout (PostgreSQL log, %d checkouts one after the other): %.1f\n", o.count, n)
		}
	}
	return nil
}

func report(o options, ck *checkoutResult, pg *pgbenchResult) {
	ck.sortLatencies()
	secs := ck.elapsed.Seconds()
	cps := float64(ck.created) / secs
	ops := float64(ck.orders) / secs
	fmt.Println()
	fmt.Printf("checkout (2 coops per cart, %d clients, %d × %s): %d checkouts, %d orders, %d refused, %d errors\n",
		o.clients, o.rounds, o.duration, ck.created, ck.orders, ck.refused, ck.errors)
	fmt.Printf("  %.0f checkouts/s, %.0f orders/s; latency p50 %s, p95 %s, p99 %s\n",
		cps, ops, ck.p(50), ck.p(95), ck.p(99))
	if pg == nil {
		return
	}
	fmt.Printf("pgbench tpcb-like (-s %d -c %d -j %d -T %d, %d runs): %.0f tps (latency avg %.2f ms)\n",
		o.pgScale, o.pgClients, o.pgThreads, int(o.duration.Seconds()), o.rounds, pg.tps, pg.latencyMS)
	fmt.Printf("ratio: orders/s ÷ pgbench tps = %.1f %%; checkouts/s ÷ pgbench tps = %.1f %% (goal ≥ 30 %%)\n",
		100*ops/pg.tps, 100*cps/pg.tps)
}
