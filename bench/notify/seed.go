package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"

	"github.com/ganh-market/ganh/bench/internal/benchdb"
	"github.com/ganh-market/ganh/kernel"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database"
)

// benchSchema opens a fresh, migrated schema for one run; drop removes it.
func benchSchema(ctx context.Context, base string) (*gorm.DB, func(), error) {
	admin, err := database.Open(ctx, database.Options{URL: base})
	if err != nil {
		return nil, nil, err
	}
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	schema := "bench_" + hex.EncodeToString(b)
	drop := func() {
		admin.Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE")
		_ = database.Close(admin)
	}
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		drop()
		return nil, nil, err
	}
	u, err := url.Parse(base)
	if err != nil {
		drop()
		return nil, nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := database.Open(ctx, database.Options{URL: u.String()})
	if err != nil {
		drop()
		return nil, nil, err
	}
	if err := database.Migrate(ctx, db, nil); err != nil {
		_ = database.Close(db)
		drop()
		return nil, nil, err
	}
	return db, func() { _ = database.Close(db); drop() }, nil
}

// shop is a seeded coop: its owner and its variants.
type shop struct {
	owner    kernel.Caller
	variants []string
}

// seed opens two approved coops with 20 products each, stock enough for
// any run.
func seed(ctx context.Context, db *gorm.DB) ([2]shop, error) {
	var out [2]shop
	cat := catalog.NewService(db)
	staff, err := benchdb.User(db, kernel.RoleStaff, 0)
	if err != nil {
		return out, err
	}
	for c := range 2 {
		owner, err := benchdb.User(db, kernel.RoleSeller, c+1)
		if err != nil {
			return out, err
		}
		coop, err := cat.ApplyForCoop(ctx, owner, catalog.CoopInput{
			Name: fmt.Sprintf("HTX Đặc Sản %d", c+1), Kind: catalog.KindHopTacXa, Description: "Cơ sở đo hiệu năng.",
			Province: "ninh-binh", Commune: "Xã Kim Sơn", Address: "Thôn 1", Phone: "0912 345 678", ShippingFeeVND: 30000,
		})
		if err != nil {
			return out, err
		}
		if _, err := cat.ApproveCoop(ctx, staff, coop.ID, ""); err != nil {
			return out, err
		}
		out[c].owner = owner
		for i := range 20 {
			p, err := cat.CreateProduct(ctx, owner, coop.ID, catalog.ProductInput{
				Name: fmt.Sprintf("Đặc sản %d-%d", c+1, i+1), Description: "Ngon.", Category: "dac-san-kho", Unit: "gói",
				Status:   catalog.ProductActive,
				Variants: []catalog.VariantInput{{Name: "Gói 500 g", PriceVND: int64(50000 + 1000*i), Stock: 100_000_000}},
			})
			if err != nil {
				return out, err
			}
			out[c].variants = append(out[c].variants, p.Variants[0].ID)
		}
	}
	return out, nil
}
