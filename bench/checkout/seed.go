package main

import (
	"context"
	"fmt"

	"github.com/ganh-market/ganh/bench/internal/benchdb"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// benchSchema opens a fresh, migrated schema for one run; drop removes it.
func benchSchema(ctx context.Context, base string) (db *gorm.DB, drop func(), err error) {
	if db, drop, err = benchdb.Schema(ctx, base, "bench_"); err != nil {
		return nil, nil, err
	}
	if err := database.Migrate(ctx, db, nil); err != nil {
		drop()
		return nil, nil, err
	}
	return db, drop, nil
}

// seed opens two approved cooperatives with n active products each, one
// variant per product with plenty of stock, and returns the variant ids of
// each coop.
func seed(ctx context.Context, db *gorm.DB, n int) ([2][]string, error) {
	var out [2][]string
	cat := catalog.NewService(db)
	staff, err := benchdb.User(db, kernel.RoleStaff, 0)
	if err != nil {
		return out, err
	}
	free := int64(300000)
	for c := range 2 {
		owner, err := benchdb.User(db, kernel.RoleSeller, c+1)
		if err != nil {
			return out, err
		}
		coop, err := cat.ApplyForCoop(ctx, owner, catalog.CoopInput{
			Name: fmt.Sprintf("HTX Đặc Sản %d", c+1), Kind: catalog.KindHopTacXa, Description: "Cơ sở đo hiệu năng.",
			Province: "ninh-binh", Commune: "Xã Kim Sơn", Address: "Thôn 1", Phone: "0912 345 678",
			Bank:           &catalog.Bank{BIN: "970436", AccountNumber: "0123456789", AccountName: "HTX DAC SAN"},
			ShippingFeeVND: 30000, FreeShippingOverVND: &free,
		})
		if err != nil {
			return out, err
		}
		if _, err := cat.ApproveCoop(ctx, staff, coop.ID, ""); err != nil {
			return out, err
		}
		for i := range n {
			p, err := cat.CreateProduct(ctx, owner, coop.ID, catalog.ProductInput{
				Name: fmt.Sprintf("Đặc sản %d-%d", c+1, i+1), Description: "Ngon.", Category: "dac-san-kho", Unit: "gói",
				Status:   catalog.ProductActive,
				Variants: []catalog.VariantInput{{Name: "Gói 500 g", PriceVND: int64(50000 + 1000*i), Stock: 100_000_000}},
			})
			if err != nil {
				return out, err
			}
			out[c] = append(out[c], p.Variants[0].ID)
		}
	}
	return out, nil
}
