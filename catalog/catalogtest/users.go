// Package catalogtest holds test helpers shared by the packages whose tests
// need catalog actors: accounts made straight in the database, without the
// cost of hashing a password.
package catalogtest

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

var phoneSeq atomic.Int64

// User inserts an account with role and a fresh phone number and returns it
// as an actor.
func User(t testing.TB, db *gorm.DB, role accounts.Role) catalog.Actor {
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
	return catalog.Actor{UserID: u.ID, Role: role}
}

// PhoneOf returns the phone number of a's account.
func PhoneOf(db *gorm.DB, a catalog.Actor) string {
	var phone string
	db.Raw("SELECT phone FROM users WHERE id = ?", a.UserID).Scan(&phone)
	return phone
}
