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
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// IsStaff says whether the user acts for the Hội.
func (u *User) IsStaff() bool { return u != nil && u.Role.IsStaff() }

// CallerOf is who u is to the services; a nil user is kernel.Anonymous.
// Staff carry no province yet: every staff account acts for all provinces.
func CallerOf(u *User) kernel.Caller {
	if u == nil {
		return kernel.Anonymous
	}
	return kernel.Caller{UserID: u.ID, Role: u.Role}
}
