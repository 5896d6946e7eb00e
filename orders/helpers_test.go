package orders_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/catalogtest"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// fixture is a fresh database with the catalog and orders services over it
// and a staff account to approve coops.
type fixture struct {
	t     *testing.T
	db    *gorm.DB
	cat   *catalog.Service
	s     *orders.Service
	ctx   context.Context
	staff kernel.Caller
}

func newFixture(t *testing.T, db *gorm.DB, opts ...orders.Option) *fixture {
	catalogtest.CheckDocuments(t, db)
	f := &fixture{t: t, db: db, cat: catalog.NewService(db), s: orders.NewService(db, reports.Rollups{}, opts...), ctx: context.Background()}
	f.staff = f.user(kernel.RoleStaff)
	return f
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

// shop is an approved coop with its owner.
type shop struct {
	coop  *catalog.Coop
	owner kernel.Caller
}

// coop opens an approved coop with a flat fee and a free-shipping threshold;
// bank says whether it takes bank transfers.
func (f *fixture) coop(name string, fee, freeOver int64, bank bool) shop {
	f.t.Helper()
	owner := f.user(kernel.RoleSeller)
	in := catalog.CoopInput{
		Name: name, Kind: catalog.KindHopTacXa, Description: "Đặc sản địa phương.",
		Province: "ninh-binh", Commune: "Xã Kim Sơn", Address: "Thôn 3", Phone: "0912 345 678",
		ShippingFeeVND: fee,
	}
	if freeOver > 0 {
		in.FreeShippingOverVND = &freeOver
	}
	if bank {
		in.Bank = &catalog.Bank{BIN: "970436", AccountNumber: "0123456789", AccountName: "NGUYEN THI HOA"}
	}
	c, err := f.cat.ApplyForCoop(f.ctx, owner, in)
	if err != nil {
		f.t.Fatalf("apply: %v", err)
	}
	if c, err = f.cat.ApproveCoop(f.ctx, f.staff, c.ID, ""); err != nil {
		f.t.Fatalf("approve: %v", err)
	}
	return shop{coop: c, owner: owner}
}

// product lists an active product with one variant per (price, stock) pair.
func (f *fixture) product(sh shop, name string, priceStock ...int64) *catalog.Product {
	f.t.Helper()
	in := catalog.ProductInput{Name: name, Description: "Ngon.", Category: "dac-san-kho", Unit: "gói", Status: catalog.ProductActive}
	for i := 0; i < len(priceStock); i += 2 {
		in.Variants = append(in.Variants, catalog.VariantInput{Name: fmt.Sprintf("Gói %d", i/2+1), PriceVND: priceStock[i], Stock: int(priceStock[i+1])})
	}
	p, err := f.cat.CreateProduct(f.ctx, sh.owner, sh.coop.ID, in)
	if err != nil {
		f.t.Fatalf("create product: %v", err)
	}
	return p
}

func address() *orders.Address {
	return &orders.Address{Province: "ha-noi", Commune: "Phường Hoàn Kiếm", Street: "12 Hàng Bạc"}
}

// guestInput is a COD checkout by a guest.
func guestInput(phone string, lines ...orders.LineInput) orders.CheckoutInput {
	return orders.CheckoutInput{Items: lines, Buyer: &orders.BuyerInput{Name: "Trần Thị Mai", Phone: phone}, ShippingAddress: address()}
}

func line(variantID string, q int) orders.LineInput {
	return orders.LineInput{VariantID: variantID, Quantity: q}
}

func (f *fixture) checkout(a kernel.Caller, key string, in orders.CheckoutInput) (*orders.Response, error) {
	return f.s.Checkout(f.ctx, a, orders.CheckoutRequest{Key: key, Input: in})
}

// mustCheckout places a checkout that must succeed and returns its result.
func (f *fixture) mustCheckout(a kernel.Caller, in orders.CheckoutInput) orders.CheckoutResult {
	f.t.Helper()
	res, err := f.checkout(a, uuid.NewString(), in)
	if err != nil {
		f.t.Fatalf("checkout: %v", err)
	}
	if res.Status != http.StatusCreated {
		f.t.Fatalf("checkout: %d %s", res.Status, res.Body)
	}
	return decode(f.t, res)
}

func decode(t *testing.T, res *orders.Response) orders.CheckoutResult {
	t.Helper()
	var out orders.CheckoutResult
	if err := json.Unmarshal(res.Body, &out); err != nil {
		t.Fatalf("decode %s: %v", res.Body, err)
	}
	return out
}

// refusal is the body stored for a refused checkout by the default renderer.
type refusal struct {
	Code   string              `json:"code"`
	Errors []apperr.FieldError `json:"errors"`
}

func decodeRefusal(t *testing.T, res *orders.Response) refusal {
	t.Helper()
	var out refusal
	if err := json.Unmarshal(res.Body, &out); err != nil {
		t.Fatalf("decode %s: %v", res.Body, err)
	}
	return out
}

// wantRefusal fails unless a checkout was answered with a stored 409 whose
// code is code and whose one field error names field.
func wantRefusal(t *testing.T, res *orders.Response, err error, code, field string) {
	t.Helper()
	if err != nil || res.Status != http.StatusConflict {
		t.Fatalf("want a stored 409, got %v %v", res, err)
	}
	if r := decodeRefusal(t, res); r.Code != code || len(r.Errors) != 1 || r.Errors[0].Field != field {
		t.Fatalf("refusal: %+v", r)
	}
}

func (f *fixture) stock(variantID string) int {
	f.t.Helper()
	return int(f.count("SELECT stock FROM product_variants WHERE id = ?", variantID))
}

func (f *fixture) count(sql string, args ...any) int64 {
	f.t.Helper()
	var n int64
	if err := f.db.Raw(sql, args...).Scan(&n).Error; err != nil {
		f.t.Fatal(err)
	}
	return n
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want error %s, got nil", code)
	}
	if got := apperr.CodeOf(err); got != code {
		t.Fatalf("want code %s, got %s (%v)", code, got, err)
	}
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	e := apperr.As(err)
	if e == nil {
		t.Fatalf("want a field error on %q, got %v", field, err)
	}
	for _, fe := range e.Fields {
		if fe.Field == field {
			return
		}
	}
	t.Fatalf("want a field error on %q, got %+v", field, e.Fields)
}
