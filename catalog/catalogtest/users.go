// Package catalogtest holds test helpers shared by the packages whose tests
// need catalog actors: accounts made straight in the database, without the
// cost of hashing a password.
package catalogtest

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

var phoneSeq atomic.Int64

// User inserts an account with role and a fresh phone number and returns it
// as an actor.
func User(t testing.TB, db *gorm.DB, role kernel.Role) kernel.Caller {
	t.Helper()
	n := phoneSeq.Add(1)
	now := time.Now().UTC()
	u := accounts.User{
		ID: uuid.Must(uuid.NewV7()).String(), Phone: fmt.Sprintf("+8491%07d", n), Name: "Nguyễn Thị Lan",
		PasswordHash: "x", Role: role, CreatedAt: now, UpdatedAt: now,
	}
	if err := db.Create(&u).Error; err != nil {
		t.Fatalf("create user: %v", err)
	}
	return kernel.Caller{UserID: u.ID, Role: role}
}

// PhoneOf returns the phone number of a's account.
func PhoneOf(db *gorm.DB, a kernel.Caller) string {
	var phone string
	db.Raw("SELECT phone FROM users WHERE id = ?", a.UserID).Scan(&phone)
	return phone
}

// Variants returns n variants named "Loại 1"… at price, with stock units
// each: a product as large as a test needs (a full cart of lines at the
// price bound, say).
func Variants(n int, price int64, stock int) []catalog.VariantInput {
	out := make([]catalog.VariantInput, n)
	for i := range out {
		out[i] = catalog.VariantInput{Name: fmt.Sprintf("Loại %d", i+1), PriceVND: price, Stock: stock}
	}
	return out
}

// VariantNow reads a variant as it stands, as staff see it.
func VariantNow(t testing.TB, s *catalog.Service, productID, variantID string) catalog.Variant {
	t.Helper()
	p, err := s.ProductByID(context.Background(), kernel.Caller{UserID: "catalogtest", Role: kernel.RoleStaff}, productID)
	if err != nil {
		t.Fatalf("read product %s: %v", productID, err)
	}
	for _, v := range p.Variants {
		if v.ID == variantID {
			return v
		}
	}
	t.Fatalf("product %s has no variant %s", productID, variantID)
	return catalog.Variant{}
}
