// Package accounts owns users, their passwords, roles and bearer tokens.
package accounts

import (
	"time"

	"github.com/ganh-market/ganh/kernel"
)

// User is an account. The password hash never leaves this package's store.
type User struct {
	ID           string `gorm:"primaryKey"`
	Phone        string // normalised, +84…
	Name         string
	Email        string
	PasswordHash string `json:"-"`
	Role         kernel.Role
	// Province scopes a Hội staff member to one province (a slug of
	// catalog's provinces); nil is the whole country.
	Province  *string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// IsStaff says whether the user acts for the Hội.
func (u *User) IsStaff() bool { return u != nil && u.Role.IsStaff() }

// CallerOf is who u is to the services; a nil user is kernel.Anonymous.
// A staff account's province (users.province) scopes the caller; without
// one, staff act for every province.
func CallerOf(u *User) kernel.Caller {
	if u == nil {
		return kernel.Anonymous
	}
	c := kernel.Caller{UserID: u.ID, Role: u.Role}
	if u.Province != nil && u.Role.IsStaff() {
		c.Province = *u.Province
	}
	return c
}
