package catalog_test

import (
	"context"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/catalogtest"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

type fixture struct {
	t   *testing.T
	db  *gorm.DB
	s   *catalog.Service
	ctx context.Context
}

func newFixture(t *testing.T, db *gorm.DB, opts ...catalog.Option) *fixture {
	catalogtest.CheckDocuments(t, db)
	return &fixture{t: t, db: db, s: catalog.NewService(db, opts...), ctx: context.Background()}
}

// withFixture runs fn on every database engine of the run (dbtest.Run), each
// time with a fresh fixture over that engine: the setup most tests here share.
func withFixture(t *testing.T, fn func(t *testing.T, f *fixture)) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) { fn(t, newFixture(t, db)) })
}

// user inserts an account with a role and returns it as an actor.
func (f *fixture) user(role kernel.Role) kernel.Caller {
	f.t.Helper()
	return catalogtest.User(f.t, f.db, role)
}

func (f *fixture) phoneOf(a kernel.Caller) string {
	return catalogtest.PhoneOf(f.db, a)
}

func coopInput(name string) catalog.CoopInput {
	free := int64(500000)
	return catalog.CoopInput{
		Name: name, Kind: catalog.KindHopTacXa, Description: "Chiếu cói dệt tay.",
		Province: "ninh-binh", Commune: "Xã Kim Sơn", Address: "Thôn 3", Phone: "0912 345 678",
		Bank:           &catalog.Bank{BIN: "970436", AccountNumber: "0123456789", AccountName: "Nguyen Thi Hoa"},
		ShippingFeeVND: 30000, FreeShippingOverVND: &free,
	}
}

// coop applies for a coop as owner; staff approves it when approve is true.
func (f *fixture) coop(owner, staff kernel.Caller, name string, approve bool) *catalog.Coop {
	f.t.Helper()
	c, err := f.s.ApplyForCoop(f.ctx, owner, coopInput(name))
	if err != nil {
		f.t.Fatalf("apply: %v", err)
	}
	if approve {
		if c, err = f.s.ApproveCoop(f.ctx, staff, c.ID, ""); err != nil {
			f.t.Fatalf("approve: %v", err)
		}
	}
	return c
}

func productInput(name string, status catalog.ProductStatus) catalog.ProductInput {
	cmp := int64(150000)
	return catalog.ProductInput{
		Name: name, Description: "Cơm cháy chà bông giòn rụm.", Category: "dac-san-kho", Unit: "gói",
		OCOPStars: 4, OCOPCertNo: "OCOP-NB-2024-001", Tags: []string{"đặc sản", "Ninh Bình"}, Status: status,
		Variants: []catalog.VariantInput{
			{Name: "Gói 500 g", PriceVND: 120000, CompareAtVND: &cmp, Stock: 10, WeightGrams: 500},
			{Name: "Gói 200 g", PriceVND: 55000, Stock: 30, WeightGrams: 200},
		},
	}
}

func (f *fixture) product(a kernel.Caller, coopID, name string, status catalog.ProductStatus) *catalog.Product {
	f.t.Helper()
	p, err := f.s.CreateProduct(f.ctx, a, coopID, productInput(name, status))
	if err != nil {
		f.t.Fatalf("create product: %v", err)
	}
	return p
}

func wantKind(t *testing.T, err error, kind apperr.Kind) {
	t.Helper()
	if err == nil {
		t.Fatalf("want error of kind %d, got nil", kind)
	}
	if got := apperr.KindOf(err); got != kind {
		t.Fatalf("want kind %d, got %d (%v)", kind, got, err)
	}
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	wantKind(t, err, apperr.KindInvalid)
	for _, f := range apperr.As(err).Fields {
		if f.Field == field {
			return
		}
	}
	t.Fatalf("want a field error on %q, got %+v", field, apperr.As(err).Fields)
}

func count(t *testing.T, db *gorm.DB, sql string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.Raw(sql, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
