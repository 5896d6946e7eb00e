// Package reportstest seeds a marketplace whose report figures are known, for
// the tests of package reports and of the HTTP layer over it. Its orders sit
// on the traps of local time: 23:30 on 31 January in Ha Noi is 16:30 UTC
// (January), 00:30 on 1 February is 17:30 UTC on 31 January (February).
package reportstest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/catalogtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/places"
	"github.com/ganh-market/ganh/reports"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Fixture is what Seed made.
type Fixture struct {
	// CoopA is in Quảng Ninh and sells food and tea; CoopB in Lai Châu sells
	// textiles. Both approved. Three more coops are pending, rejected and
	// suspended.
	CoopA, CoopB *catalog.Coop
	// Products by short name: A1 (two variants), A2, A3 of coop A; B1, B2 of
	// coop B.
	Products map[string]*catalog.Product
	// Orders by name (O1…O8), their ids.
	Orders map[string]string
}

// Actors are the accounts Seed acts as: a staff member and the owners of
// the two selling coops (and of the three others).
type Actors struct {
	Staff, OwnerA, OwnerB, Other kernel.Caller
}

// line is one order line: product short name, variant index, quantity.
type line struct {
	product string
	variant int
	qty     int
}

// order is one order of the fixture.
type order struct {
	name   string
	coop   string // "A" or "B"
	status string
	at     time.Time // created_at, UTC
	lines  []line
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04:05", s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// fixtureOrders are the orders; local times (UTC+7) in the comments.
var fixtureOrders = []order{
	// 31 Dec 2025 23:59 local: December, delivered.
	{"O8", "A", "delivered", utc("2025-12-31 16:59:00"), []line{{"A2", 0, 3}}},
	// 31 Dec 2025 23:59:59 local: December, still shipping.
	{"O7", "B", "shipping", utc("2025-12-31 16:59:59"), []line{{"B2", 0, 1}}},
	// 1 Jan 2026 00:00 local (31 Dec UTC): January, delivered.
	{"O3", "B", "delivered", utc("2025-12-31 17:00:00"), []line{{"B1", 0, 1}}},
	// 20 Jan 2026: cancelled, counts nowhere.
	{"O5", "A", "cancelled", utc("2026-01-20 03:00:00"), []line{{"A1", 0, 1}}},
	// 31 Jan 2026 23:30 local: January, delivered.
	{"O1", "A", "delivered", utc("2026-01-31 16:30:00"), []line{{"A1", 0, 2}, {"A2", 0, 1}}},
	// 1 Feb 2026 00:30 local (31 Jan UTC): February, delivered; A1 twice
	// (two variants) still counts one order for A1.
	{"O2", "A", "delivered", utc("2026-01-31 17:30:00"), []line{{"A1", 0, 1}, {"A1", 1, 1}, {"A3", 0, 1}}},
	// 10 Feb 2026: pending.
	{"O6", "A", "pending", utc("2026-02-10 02:00:00"), []line{{"A2", 0, 2}}},
	// 15 Feb 2026: delivered, two products of one top-level category.
	{"O4", "B", "delivered", utc("2026-02-15 03:00:00"), []line{{"B1", 0, 2}, {"B2", 0, 1}}},
}

// Seed builds the fixture: coops and products through the catalog service,
// orders by SQL at fixed times, each delivered one added to the rollups with
// reports.Rollups in its own transaction, as the orders service does.
func Seed(t testing.TB, db *gorm.DB, as Actors) *Fixture {
	t.Helper()
	ctx := context.Background()
	cat := catalog.NewService(db)
	f := &Fixture{Products: map[string]*catalog.Product{}, Orders: map[string]string{}}
	f.CoopA = coop(t, cat, as.OwnerA, as.Staff, "Hợp tác xã Mắm Cá Cơm Cái Rồng", "quang-ninh", "approve")
	f.CoopB = coop(t, cat, as.OwnerB, as.Staff, "Tổ hợp tác Thổ Cẩm Sìn Hồ", "lai-chau", "approve")
	// One open application per person (catalog): the rejected one has an
	// owner of its own.
	coop(t, cat, catalogtest.User(t, db, kernel.RoleSeller), as.Staff, "Hợp tác xã Bị Từ Chối", "son-la", "reject")
	coop(t, cat, as.Other, as.Staff, "Hợp tác xã Tạm Ngưng", "dien-bien", "suspend")
	coop(t, cat, as.Other, as.Staff, "Hợp tác xã Chè Chờ Duyệt", "thai-nguyen", "")

	product := func(key string, c *catalog.Coop, owner kernel.Caller, name, category string, status catalog.ProductStatus, prices ...int64) {
		t.Helper()
		in := catalog.ProductInput{Name: name, Description: "Đặc sản địa phương.", Category: category, Unit: "gói", Status: status}
		for i, p := range prices {
			in.Variants = append(in.Variants, catalog.VariantInput{Name: fmt.Sprintf("Loại %d", i+1), PriceVND: p, Stock: 100})
		}
		p, err := cat.CreateProduct(ctx, owner, c.ID, in)
		if err != nil {
			t.Fatalf("create product %s: %v", name, err)
		}
		f.Products[key] = p
	}
	product("A1", f.CoopA, as.OwnerA, "Mắm cá cơm Cái Rồng", "mam-gia-vi", catalog.ProductActive, 50000, 90000)
	product("A2", f.CoopA, as.OwnerA, "Cơm cháy chà bông", "dac-san-kho", catalog.ProductActive, 30000)
	product("A3", f.CoopA, as.OwnerA, "Trà shan tuyết cổ thụ", "tra", catalog.ProductActive, 125000)
	product("A4", f.CoopA, as.OwnerA, "Nước mắm nháp", "mam-gia-vi", catalog.ProductDraft, 40000)
	product("B1", f.CoopB, as.OwnerB, "Khăn thổ cẩm dệt tay", "tho-cam", catalog.ProductActive, 200000)
	product("B2", f.CoopB, as.OwnerB, "Túi thêu tay", "theu-ren", catalog.ProductActive, 150000)
	product("B3", f.CoopB, as.OwnerB, "Váy thổ cẩm", "tho-cam", catalog.ProductActive, 500000)
	if _, err := cat.HideProduct(ctx, as.Staff, f.Products["B3"].ID, "Ảnh không đúng sản phẩm."); err != nil {
		t.Fatalf("hide: %v", err)
	}

	for i, o := range fixtureOrders {
		c := f.CoopA
		if o.coop == "B" {
			c = f.CoopB
		}
		id := uuid.Must(uuid.NewV7()).String()
		f.Orders[o.name] = id
		var subtotal int64
		var items []map[string]any
		for pos, l := range o.lines {
			p := f.Products[l.product]
			v := p.Variants[l.variant]
			total := v.PriceVND * int64(l.qty)
			subtotal += total
			items = append(items, map[string]any{
				"order_id": id, "position": pos + 1, "product_id": p.ID, "variant_id": v.ID,
				"product_name": p.Name, "variant_name": v.Name, "unit_price_vnd": v.PriceVND,
				"quantity": l.qty, "line_total_vnd": total,
			})
		}
		row := map[string]any{
			"id": id, "code": fmt.Sprintf("GN-TEST%02d", i+1), "checkout_id": uuid.NewString(), "coop_id": c.ID,
			"status": o.status, "payment_method": "cod", "payment_status": "unpaid",
			"buyer_name": "Trần Thị Mai", "buyer_phone": "+84912345678",
			"ship_province": "ha-noi", "ship_commune": "Phường Hoàn Kiếm", "ship_street": "12 Hàng Bạc",
			"subtotal_vnd": subtotal, "shipping_vnd": 30000, "total_vnd": subtotal + 30000,
			"created_at": o.at, "updated_at": o.at,
		}
		err := db.Transaction(func(tx *gorm.DB) error {
			if err := tx.Table("orders").Create(row).Error; err != nil {
				return err
			}
			if err := tx.Table("order_items").Create(items).Error; err != nil {
				return err
			}
			if o.status == "delivered" {
				return reports.Rollups{}.RecordDelivered(tx, id)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("insert order %s: %v", o.name, err)
		}
	}
	return f
}

func coop(t testing.TB, cat *catalog.Service, owner, staff kernel.Caller, name, province, then string) *catalog.Coop {
	t.Helper()
	ctx := context.Background()
	c, err := cat.ApplyForCoop(ctx, owner, catalog.CoopInput{
		Name: name, Kind: catalog.KindHopTacXa, Description: "Hợp tác xã của chị em phụ nữ.",
		Province: province, Commune: firstCommune(province), Address: "Thôn 1", Phone: "0912 345 678", ShippingFeeVND: 30000,
	})
	if err != nil {
		t.Fatalf("apply for coop %s: %v", name, err)
	}
	switch then {
	case "approve":
		c, err = cat.ApproveCoop(ctx, staff, c.ID, "")
	case "reject":
		c, err = cat.RejectCoop(ctx, staff, c.ID, "Thiếu giấy tờ.")
	case "suspend":
		if c, err = cat.ApproveCoop(ctx, staff, c.ID, ""); err == nil {
			c, err = cat.SuspendCoop(ctx, staff, c.ID, "Vi phạm quy định.")
		}
	}
	if err != nil {
		t.Fatalf("%s coop %s: %v", then, name, err)
	}
	return c
}

// NewActors inserts the accounts Seed acts as, for tests that call the
// services directly (API tests sign their own users up).
func NewActors(t testing.TB, db *gorm.DB) Actors {
	t.Helper()
	mk := func(n int, role kernel.Role) kernel.Caller {
		now := time.Now().UTC()
		u := accounts.User{ID: uuid.Must(uuid.NewV7()).String(), Phone: fmt.Sprintf("+849800000%02d", n), Name: "Nguyễn Thị Hoa",
			PasswordHash: "x", Role: role, CreatedAt: now, UpdatedAt: now}
		if err := db.Create(&u).Error; err != nil {
			t.Fatalf("create user: %v", err)
		}
		return kernel.Caller{UserID: u.ID, Role: role}
	}
	return Actors{Staff: mk(1, kernel.RoleStaff), OwnerA: mk(2, kernel.RoleSeller), OwnerB: mk(3, kernel.RoleSeller), Other: mk(4, kernel.RoleSeller)}
}

// Want are the figures of the fixture, all time, in the order reports
// answers them. Keys of coops and products are filled by Expect.
type Want struct {
	ByMonth, ByProvince, ByCategory, ByCoop, AByProduct, AByMonth []reports.Row
	Overview                                                      reports.Overview
}

// Expect returns the fixture's figures over all time.
func (f *Fixture) Expect() Want {
	r := func(key, label string, orders, items, gmv int64) reports.Row {
		return reports.Row{Key: key, Label: label, Orders: orders, Items: items, GMVVND: gmv}
	}
	return Want{
		ByMonth: []reports.Row{
			r("2025-12", "Tháng 12/2025", 1, 3, 90000),
			r("2026-01", "Tháng 1/2026", 2, 4, 330000),
			r("2026-02", "Tháng 2/2026", 2, 6, 815000),
		},
		ByProvince: []reports.Row{
			r("lai-chau", "Lai Châu", 2, 4, 750000),
			r("quang-ninh", "Quảng Ninh", 3, 9, 485000),
		},
		ByCategory: []reports.Row{
			r("det-may", "Dệt may", 2, 4, 750000),
			r("thuc-pham", "Thực phẩm", 3, 8, 360000),
			r("do-uong", "Đồ uống", 1, 1, 125000),
		},
		ByCoop: []reports.Row{
			r(f.CoopB.ID, f.CoopB.Name, 2, 4, 750000),
			r(f.CoopA.ID, f.CoopA.Name, 3, 9, 485000),
		},
		AByProduct: []reports.Row{
			r(f.Products["A1"].ID, "Mắm cá cơm Cái Rồng", 2, 4, 240000),
			r(f.Products["A3"].ID, "Trà shan tuyết cổ thụ", 1, 1, 125000),
			r(f.Products["A2"].ID, "Cơm cháy chà bông", 2, 4, 120000),
		},
		AByMonth: []reports.Row{
			r("2025-12", "Tháng 12/2025", 1, 3, 90000),
			r("2026-01", "Tháng 1/2026", 1, 3, 130000),
			r("2026-02", "Tháng 2/2026", 1, 3, 265000),
		},
		Overview: reports.Overview{
			Coops:          reports.CoopCounts{Pending: 1, Approved: 2, Rejected: 1, Suspended: 1},
			ProductsActive: 5, Orders: 7, DeliveredOrders: 5, GMVVND: 1235000,
		},
	}
}

// firstCommune is a commune of the province, for coops whose commune does
// not matter to the test.
func firstCommune(province string) string {
	if list, ok := places.Communes(province); ok {
		return list[0].Code
	}
	return ""
}
