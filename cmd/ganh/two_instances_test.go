package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/database/dbtest"
)

// TestTwoInstances runs two real `ganh serve` processes on one PostgreSQL
// schema (and one MinIO bucket when GANH_TEST_S3_* is set), each with its
// own data directory, and checks through the HTTP API that nothing either
// process keeps for itself makes them disagree: a write through one is read
// through the other at once, the login throttle and the Idempotency-Key hold
// across both, and their outbox relays never hand one row to two handlers.
//
// Search is the exception, on purpose: the embedded index is a folder of one
// process, so each instance's index holds only the changes its own relay
// took. The test proves that split (each product in exactly one index) as
// the evidence of single processing; more than one instance needs
// Meilisearch, as the README says.
func TestTwoInstances(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and starts two servers")
	}
	base := os.Getenv(dbtest.EnvPostgres)
	if base == "" {
		t.Skipf("two-instance test skipped: set %s (one PostgreSQL both processes share)", dbtest.EnvPostgres)
	}
	start := time.Now()
	dbURL, db := freshSchema(t, base)
	bin := buildGanh(t)
	vars := map[string]string{
		"GANH_DATABASE_URL":                dbURL,
		"GANH_PUBLIC_URL":                  "http://shop.example",
		"GANH_LOG_LEVEL":                   "warn",
		"GANH_LOGIN_FAILURES_PER_PHONE_IP": "4",
	}
	addS3(t, vars)
	// Both start at once on an empty schema and both migrate on start:
	// goose's advisory lock lets one apply the migrations while the other
	// waits, as in a rolling deploy.
	a, b := startInstance(t, bin, vars, "A"), startInstance(t, bin, vars, "B")
	a.waitReady(t)
	b.waitReady(t)
	ganhCommand(t, bin, vars, "admin", "create-user", "--phone", "0912000004", "--password", twoPassword,
		"--name", "Cán bộ Hội", "--role", "staff")
	t.Logf("binary built, both instances migrated the schema and are ready in %v", time.Since(start).Round(time.Millisecond))

	staff := a.login(t, "0912000004")
	seller := b.register(t, "0912000001", "Nguyễn Thị Hoa")
	var coop struct{ ID, Slug string }
	a.expect(t, 201, "POST", "/api/v1/coops", seller, twoCoopBody("Hợp tác xã Chè Tân Cương"), nil).decode(t, &coop)
	b.expect(t, 200, "POST", "/api/v1/admin/coops/"+coop.ID+"/approve", staff, nil, nil)
	var p twoProduct
	a.expect(t, 201, "POST", "/api/v1/coops/"+coop.ID+"/products", seller, twoProductBody("Chè búp Tân Cương", 160000, 10), nil).decode(t, &p)

	m := &pair{a: a, b: b, db: db, vars: vars, seller: seller, coopID: coop.ID, coopSlug: coop.Slug, p: p}
	t.Run("WriteOnOneReadOnTheOther", func(t *testing.T) {
		// Each read is the very next request after the write's answer.
		a.expect(t, 200, "PATCH", "/api/v1/products/"+p.ID, seller, map[string]any{"name": "Chè búp đặc biệt"}, nil)
		if got := b.product(t, p.Slug); got.Name != "Chè búp đặc biệt" {
			t.Fatalf("B shows name %q after the edit on A", got.Name)
		}
		b.expect(t, 200, "PATCH", "/api/v1/products/"+p.ID+"/variants/"+p.Variants[0].ID, seller, map[string]any{"price_vnd": 175000}, nil)
		if got := a.product(t, p.Slug); got.Variants[0].PriceVND != 175000 {
			t.Fatalf("A shows price %d after the edit on B", got.Variants[0].PriceVND)
		}
	})

	t.Run("SameWebPushKey", func(t *testing.T) {
		// Both started on an empty database and each generated a VAPID
		// pair: one is kept, and both sign with it, or a browser
		// subscribed through A would refuse B's pushes.
		ka := a.expect(t, 200, "GET", "/api/v1/push/vapid-public-key", "", nil, nil)
		kb := b.expect(t, 200, "GET", "/api/v1/push/vapid-public-key", "", nil, nil)
		if !bytes.Equal(ka.body, kb.body) {
			t.Fatalf("A and B give different Web Push keys:\n%s\n%s", ka.body, kb.body)
		}
	})

	t.Run("StockAndIdempotencyKeyAcrossInstances", func(t *testing.T) {
		body := twoCheckout(p.Variants[0].ID, 3)
		key := map[string]string{"Idempotency-Key": "two-instances-1"}
		first := a.expect(t, 201, "POST", "/api/v1/checkout", "", body, key)
		if got := b.product(t, p.Slug); got.Variants[0].Stock != 7 {
			t.Fatalf("B shows stock %d after 3 of 10 sold through A", got.Variants[0].Stock)
		}
		again := b.expect(t, 201, "POST", "/api/v1/checkout", "", body, key)
		if !bytes.Equal(first.body, again.body) {
			t.Fatalf("the retry on B got another answer:\nA %s\nB %s", first.body, again.body)
		}
		var orders int
		db.Raw("SELECT COUNT(*) FROM orders").Scan(&orders)
		if got := a.product(t, p.Slug); orders != 1 || got.Variants[0].Stock != 7 {
			t.Fatalf("after the same key on A then B: %d orders, stock %d; want 1 and 7", orders, got.Variants[0].Stock)
		}
	})

	t.Run("NoOversellAcrossInstances", m.noOversellAcrossInstances)

	t.Run("LoginThrottleAcrossInstances", func(t *testing.T) {
		b.register(t, "0912000005", "Lê Thị Mai")
		wrong := map[string]string{"phone": "0912000005", "password": "sai mật khẩu"}
		for i, in := range []*instance{a, b, a, b} { // the limit is 4 per phone and address
			if r := in.call(t, "POST", "/api/v1/auth/login", "", wrong, nil); r.status != 401 {
				t.Fatalf("wrong password %d on %s: %d %s", i+1, in.name, r.status, r.body)
			}
		}
		right := map[string]string{"phone": "0912000005", "password": twoPassword}
		for _, in := range []*instance{a, b} {
			r := in.call(t, "POST", "/api/v1/auth/login", "", right, nil)
			if r.status != 429 || !strings.Contains(string(r.body), `"rate_limited"`) {
				t.Fatalf("%s after 4 failures split over both: %d %s; want 429 rate_limited", in.name, r.status, r.body)
			}
		}
	})

	t.Run("OutboxRowsHandledOnce", m.outboxRowsHandledOnce)
	t.Run("PhotoThroughAServedToB", m.photoThroughAServedToB)
	t.Run("ResumableUploadAcrossInstances", m.resumableUploadAcrossInstances)
	t.Run("SuspensionOnAHidesOnB", func(t *testing.T) {
		a.expect(t, 200, "POST", "/api/v1/admin/coops/"+coop.ID+"/suspend", staff, map[string]string{"reason": "Hàng giả"}, nil)
		if r := b.call(t, "GET", "/api/v1/products/"+p.Slug, "", nil, nil); r.status != 404 {
			t.Fatalf("B answers %d for a suspended coop's product: %s", r.status, r.body)
		}
		if r := b.call(t, "GET", "/api/v1/coops/"+coop.Slug, "", nil, nil); r.status != 404 {
			t.Fatalf("B answers %d for a suspended coop: %s", r.status, r.body)
		}
	})
	t.Logf("total %v", time.Since(start).Round(time.Millisecond))
}

const twoPassword = "mật khẩu an toàn"
