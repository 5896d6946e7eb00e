package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/reports"
	"gorm.io/gorm"
)

// Ids are made from numbers so the SQL below can compute them: coop c is
// c00001, product p p0000001 with variant v0000001, order g o00000001.
// Product p belongs to coop 1 + (p-1)/products and costs priceOf(p).
const priceSQL = "(20000 + (%s %% 50) * 5000)"

func priceOf(p int) int64 { return int64(20000 + (p%50)*5000) }

// generate fills the scratch database. Foreign-key triggers are off for the
// bulk inserts (session_replication_role = replica): the ids are consistent
// by construction.
func generate(ctx context.Context, db *gorm.DB, o options) error {
	start := time.Now()
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SET LOCAL session_replication_role = replica").Error; err != nil {
			return fmt.Errorf("turn foreign-key triggers off (needs a superuser): %w", err)
		}
		steps := []struct {
			what string
			fn   func(*gorm.DB, options) error
		}{
			{"coops", genCoops}, {"products", genProducts}, {"orders and items", genOrders},
		}
		for _, s := range steps {
			t := time.Now()
			if err := s.fn(tx, o); err != nil {
				return fmt.Errorf("generate %s: %w", s.what, err)
			}
			fmt.Printf("generated %s in %s\n", s.what, since(t))
		}
		return nil
	})
	if err != nil {
		return err
	}
	t := time.Now()
	if err := reports.Rebuild(ctx, db); err != nil {
		return err
	}
	fmt.Printf("reports.Rebuild (the migration's backfill) in %s\n", since(t))
	t = time.Now()
	// VACUUM sets the visibility map index-only scans need; CHECKPOINT
	// writes the generated pages out now rather than during the timings.
	for _, sql := range []string{"VACUUM ANALYZE", "CHECKPOINT"} {
		if err := db.WithContext(ctx).Exec(sql).Error; err != nil {
			return err
		}
	}
	fmt.Printf("VACUUM ANALYZE and CHECKPOINT in %s; generation total %s\n", since(t), since(start))
	return nil
}

// genCoops makes the coops across the 34 provinces: most approved, some
// pending or suspended (their past sales still count), and a seller who
// belongs to coop 1.
func genCoops(tx *gorm.DB, o options) error {
	var slugs []string
	for _, p := range catalog.Provinces() {
		slugs = append(slugs, p.Slug)
	}
	err := tx.Exec(`INSERT INTO coops (id, slug, name, kind, province, status, created_at, updated_at)
SELECT 'c' || lpad(c::text, 5, '0'), 'htx-so-' || c, 'Hợp tác xã số ' || c, 'hop_tac_xa',
       (?::text[])[1 + c % ?],
       CASE WHEN c % 25 = 0 THEN 'pending' WHEN c % 40 = 1 THEN 'suspended' ELSE 'approved' END,
       now() - interval '3 years', now() - interval '3 years'
FROM generate_series(1, ?) c`, "{"+strings.Join(slugs, ",")+"}", len(slugs), o.coops).Error
	if err != nil {
		return err
	}
	if err := tx.Exec(`INSERT INTO users (id, phone, name, password_hash, role, created_at, updated_at)
VALUES ('bench-seller', '+84900000001', 'Chị Hoa', 'x', 'seller', now(), now())`).Error; err != nil {
		return err
	}
	return tx.Exec(`INSERT INTO coop_members (coop_id, user_id, role, created_at) VALUES ('c00001', 'bench-seller', 'owner', now())`).Error
}

// genProducts gives every coop its products, most in leaves of one
// top-level category (a textile coop sells textiles), one in five in the
// next one.
func genProducts(tx *gorm.DB, o options) error {
	var cats []struct {
		ID       string
		ParentID *string
	}
	if err := tx.Raw("SELECT id, parent_id FROM categories ORDER BY position, id").Scan(&cats).Error; err != nil {
		return err
	}
	var tops []string
	leaves := map[string][]string{}
	for _, c := range cats {
		if c.ParentID == nil {
			tops = append(tops, c.ID)
		} else {
			leaves[*c.ParentID] = append(leaves[*c.ParentID], c.ID)
		}
	}
	n := o.coops * o.products
	const batch = 1000
	for from := 1; from <= n; from += batch {
		var pv, vv []string
		var pa, va []any
		for p := from; p < from+batch && p <= n; p++ {
			c := 1 + (p-1)/o.products
			top := tops[c%len(tops)]
			if p%5 == 0 {
				top = tops[(c+1)%len(tops)]
			}
			leaf := top
			if l := leaves[top]; len(l) > 0 {
				leaf = l[p%len(l)]
			}
			pid := fmt.Sprintf("p%07d", p)
			pv = append(pv, "(?, ?, ?, ?, ?, 'active', ?, now(), now())")
			pa = append(pa, pid, fmt.Sprintf("c%05d", c), fmt.Sprintf("sp-so-%d", p), fmt.Sprintf("Sản phẩm số %d", p), leaf, priceOf(p))
			vv = append(vv, "(?, ?, 'Loại 1', ?, 1000000, now(), now())")
			va = append(va, fmt.Sprintf("v%07d", p), pid, priceOf(p))
		}
		if err := tx.Exec("INSERT INTO products (id, coop_id, slug, name, category_id, status, price_vnd, created_at, updated_at) VALUES "+strings.Join(pv, ", "), pa...).Error; err != nil {
			return err
		}
		if err := tx.Exec("INSERT INTO product_variants (id, product_id, name, price_vnd, stock, created_at, updated_at) VALUES "+strings.Join(vv, ", "), va...).Error; err != nil {
			return err
		}
	}
	return nil
}

// genOrders draws the orders into two staging tables, then inserts orders
// and items from them. Busy coops sell more (a skewed draw), popular
// products more often, recent days more than old ones; 70 % of the orders
// are delivered, 10 % cancelled, the rest on their way.
func genOrders(tx *gorm.DB, o options) error {
	price := fmt.Sprintf(priceSQL, "l.pidx")
	stmts := []struct {
		sql  string
		args []any
	}{
		{`CREATE TEMP TABLE bench_orders ON COMMIT DROP AS
SELECT g, 1 + floor(? * power(random(), 1.6))::int AS c,
       now() - (1 - sqrt(random())) * (? * interval '1 day') AS at,
       CASE WHEN g % 10 < 7 THEN 'delivered' WHEN g % 10 = 7 THEN 'cancelled' WHEN g % 10 = 8 THEN 'shipping'
            ELSE (ARRAY['pending', 'confirmed'])[1 + g % 2] END AS status,
       1 + (g % 3) AS n
FROM generate_series(1, ?) g`, []any{o.coops, o.days, o.orders}},
		{`CREATE TEMP TABLE bench_lines ON COMMIT DROP AS
SELECT b.g, j, (b.c - 1) * ? + 1 + floor(? * power(random(), 2))::int AS pidx, 1 + floor(random() * 3)::int AS qty
FROM bench_orders b, generate_series(1, b.n) j`, []any{o.products, o.products}},
		{`INSERT INTO orders (id, code, checkout_id, coop_id, status, payment_method, payment_status, buyer_name, buyer_phone,
       ship_province, ship_commune, ship_street, subtotal_vnd, shipping_vnd, total_vnd, created_at, updated_at)
SELECT 'o' || lpad(b.g::text, 8, '0'), 'GN-B' || b.g, 'ck-' || b.g, 'c' || lpad(b.c::text, 5, '0'), b.status, 'cod', 'unpaid',
       'Người mua', '+84912345678', 'ha-noi', 'Phường Hoàn Kiếm', '12 Hàng Bạc', s.subtotal, 30000, s.subtotal + 30000, b.at, b.at
FROM bench_orders b
JOIN (SELECT l.g, SUM(l.qty * ` + price + `) AS subtotal FROM bench_lines l GROUP BY l.g) s ON s.g = b.g`, nil},
		{`INSERT INTO order_items (order_id, position, product_id, variant_id, product_name, variant_name, unit_price_vnd, quantity, line_total_vnd)
SELECT 'o' || lpad(l.g::text, 8, '0'), l.j, 'p' || lpad(l.pidx::text, 7, '0'), 'v' || lpad(l.pidx::text, 7, '0'),
       'Sản phẩm số ' || l.pidx, 'Loại 1', ` + price + `, l.qty, l.qty * ` + price + `
FROM bench_lines l`, nil},
	}
	for _, s := range stmts {
		if err := tx.Exec(s.sql, s.args...).Error; err != nil {
			return err
		}
	}
	return nil
}
