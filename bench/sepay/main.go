// Command sepay measures the bank webhook on PostgreSQL: with -pending
// bank-transfer orders waiting (10,000 by default, spread over -coops
// cooperatives), -clients SePay-like clients send one notice per order over
// HTTP to POST /api/v1/payments/sepay (the whole app: middleware, key check
// and its throttle read, decode, match, the paid transaction), each note
// written one of the ways people write it. It prints notices per second,
// p50/p99/max of the answers, how many orders ended paid, and the machine's
// load average before and after (the machine is shared; read the figures
// with it). A second pass resends a tenth of the notices, as SePay's
// retries would: they must change nothing.
//
//	GANH_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ganh_bench?sslmode=disable \
//	  go run ./bench/sepay [-pending 10000] [-coops 20] [-clients 8]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/bench/internal/benchdb"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
	"gorm.io/gorm"
)

const key = "bench-sepay-key-0123456789abcdef"

func main() {
	pending := flag.Int("pending", 10000, "bank-transfer orders waiting for their money")
	coops := flag.Int("coops", 20, "cooperatives the orders are spread over")
	clients := flag.Int("clients", 8, "concurrent senders")
	flag.Parse()
	base := benchdb.RequireURL()
	benchdb.Main(func(ctx context.Context) error { return run(ctx, base, *pending, *coops, *clients) })
}

func run(ctx context.Context, base string, pending, coops, clients int) error {
	db, drop, err := benchdb.Schema(ctx, base, "bench_sepay_")
	if err != nil {
		return err
	}
	defer drop()
	if err := database.Migrate(ctx, db, nil); err != nil {
		return err
	}
	start := time.Now()
	list, err := seed(ctx, db, pending, coops)
	if err != nil {
		return err
	}
	fmt.Printf("seeded %d pending bank-transfer orders over %d coops in %v\n", len(list), coops, time.Since(start).Round(time.Millisecond))

	url, stop, err := serve(db)
	if err != nil {
		return err
	}
	defer stop()

	fmt.Printf("load average before: %s\n", benchdb.LoadAvg())
	lat, took, failed := send(ctx, url, list, clients)
	report("notices", lat, took, failed)
	var paid int64
	db.Raw("SELECT COUNT(*) FROM orders WHERE payment_status = 'paid'").Scan(&paid)
	fmt.Printf("orders paid: %d of %d\n", paid, len(list))

	retries := list[:len(list)/10]
	lat, took, failed = send(ctx, url, retries, clients)
	report("retried notices (same ids)", lat, took, failed)
	var rows, history int64
	db.Raw("SELECT COUNT(*) FROM bank_payments").Scan(&rows)
	db.Raw("SELECT COUNT(*) FROM order_status_history WHERE actor = 'bank'").Scan(&history)
	fmt.Printf("bank_payments rows: %d, paid history rows: %d (both must equal %d)\n", rows, history, len(list))
	fmt.Printf("load average after: %s\n", benchdb.LoadAvg())
	return nil
}

// target is one order the bench pays: its code, total and coop account.
type target struct {
	code    string
	total   int64
	account string
}

// seed opens the coops (each with its own account) and inserts the orders
// in batches, behind the service's back: only the webhook is measured.
func seed(ctx context.Context, db *gorm.DB, pending, coops int) ([]target, error) {
	cat := catalog.NewService(db)
	staff, err := benchdb.User(db, "staff", 0)
	if err != nil {
		return nil, err
	}
	type coop struct{ id, account string }
	var cs []coop
	for c := range coops {
		owner, err := benchdb.User(db, "seller", c+1)
		if err != nil {
			return nil, err
		}
		acct := fmt.Sprintf("00110%05d", c+1)
		co, err := cat.ApplyForCoop(ctx, owner, catalog.CoopInput{
			Name: fmt.Sprintf("HTX Đặc Sản %d", c+1), Kind: catalog.KindHopTacXa, Description: "Cơ sở đo hiệu năng.",
			Province: "ninh-binh", Commune: "Xã Kim Sơn", Address: "Thôn 1", Phone: "0912 345 678", ShippingFeeVND: 30000,
			Bank: &catalog.Bank{BIN: "970436", AccountNumber: acct, AccountName: "HTX DAC SAN"},
		})
		if err != nil {
			return nil, err
		}
		if _, err := cat.ApproveCoop(ctx, staff, co.ID, ""); err != nil {
			return nil, err
		}
		cs = append(cs, coop{co.ID, acct})
	}
	now := time.Now().UTC()
	out := make([]target, 0, pending)
	seen := map[string]bool{}
	const batch = 500
	for i := 0; i < pending; i += batch {
		var vals []string
		var args []any
		for j := i; j < min(i+batch, pending); j++ {
			code := newCode()
			for seen[code] {
				code = newCode()
			}
			seen[code] = true
			c := cs[j%len(cs)]
			total := int64(100000 + 1000*(j%500))
			vals = append(vals, "(?, ?, 'bench', ?, 'pending', 'bank_transfer', 'unpaid', 'Người Mua', '+84912000000', 'ha-noi', 'Phường Hoàn Kiếm', '1 Hàng Bạc', ?, 30000, ?, ?, ?)")
			args = append(args, fmt.Sprintf("bench-%07d", j), code, c.id, total-30000, total, now, now)
			out = append(out, target{code, total, c.account})
		}
		err := db.WithContext(ctx).Exec(`INSERT INTO orders (id, code, checkout_id, coop_id, status, payment_method, payment_status,
buyer_name, buyer_phone, ship_province, ship_commune, ship_street, subtotal_vnd, shipping_vnd, total_vnd, created_at, updated_at) VALUES `+
			strings.Join(vals, ", "), args...).Error
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// serve starts the API with the webhook on, on a local port.
func serve(db *gorm.DB) (string, func(), error) {
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		return "", nil, err
	}
	ord := orders.NewService(db, reports.Rollups{}, orders.WithSePayKey(key))
	app := api.New(api.Deps{Config: cfg, DB: db, Accounts: accounts.NewService(db, accounts.Options{}), Catalog: catalog.NewService(db), Orders: ord})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	go func() { _ = app.Listener(ln) }()
	return "http://" + ln.Addr().String() + "/api/v1/payments/sepay", func() { _ = app.Shutdown() }, nil
}

// notes are the ways the bench writes an order code in a transfer note.
var notes = []func(code string) string{
	func(c string) string { return c },
	func(c string) string { return strings.ToLower(strings.ReplaceAll(c, "-", "")) },
	func(c string) string { return "CK " + strings.ReplaceAll(c, "-", " ") + " tu NGUYEN VAN A" },
	func(c string) string { return "MBVCB.1234567.CT" + strings.ReplaceAll(c, "-", "") + "CHUYEN TIEN" },
}

// send delivers one notice per target with clients senders and returns
// each answer's latency, the wall time and the answers that were not 200.
func send(ctx context.Context, url string, list []target, clients int) ([]time.Duration, time.Duration, int64) {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	var next, failed atomic.Int64
	lat := make([]time.Duration, len(list))
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(list) {
					return
				}
				t := list[i]
				body, _ := json.Marshal(map[string]any{
					"id": 1_000_000 + i, "gateway": "Vietcombank", "transactionDate": time.Now().Format("2006-01-02 15:04:05"),
					"accountNumber": t.account, "code": nil, "content": notes[i%len(notes)](t.code), "transferType": "in",
					"transferAmount": t.total, "accumulated": 0, "subAccount": nil, "referenceCode": fmt.Sprintf("FT%09d", i), "description": "",
				})
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Apikey "+key)
				t0 := time.Now()
				res, err := client.Do(req)
				lat[i] = time.Since(t0)
				if err != nil {
					failed.Add(1)
					continue
				}
				_ = res.Body.Close()
				if res.StatusCode != http.StatusOK {
					failed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return lat, time.Since(start), failed.Load()
}

func report(what string, lat []time.Duration, took time.Duration, failed int64) {
	s := slices.Clone(lat)
	slices.Sort(s)
	pct := func(p int) time.Duration { return s[(len(s)-1)*p/100].Round(10 * time.Microsecond) }
	fmt.Printf("%s: %d in %v = %.0f/s; p50 %v  p99 %v  max %v; not 200: %d\n",
		what, len(s), took.Round(time.Millisecond), float64(len(s))/took.Seconds(), pct(50), pct(99), pct(100), failed)
}

// newCode is a code of the orders' alphabet (no 0/O, 1/I/L), as checkout
// makes them; the bench inserts its orders directly.
func newCode() string {
	const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
	b := []byte("GN-XXXXXX")
	for i := 3; i < len(b); i++ {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b)
}
