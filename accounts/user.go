// Package accounts owns users, their passwords, roles and bearer tokens.
package accounts

import "time"

// Role is what a user may do across the marketplace. Per-cooperative rights
// (owner, member, steward) live in catalog, not here.
type Role string

// The roles of API.md. A new account is a shopper; applying for a storefront
// makes a seller; staff and admin are made on the command line.
const (
	RoleShopper Role = "shopper"
	RoleSeller  Role = "seller"
	RoleStaff   Role = "staff"
	RoleAdmin   Role = "admin"
)

// Valid says whether r is one of the known roles.
func (r Role) Valid() bool {
	switch r {
	case RoleShopper, RoleSeller, RoleStaff, RoleAdmin:
		return true
	}
	return false
}

// IsStaff says whether r is a Hội staff role (admin includes staff rights).
func (r Role) IsStaff() bool { return r == RoleStaff || r == RoleAdmin }

// User is an account. The password hash never leaves this package's store.
type User struct {
	ID           string `gorm:"primaryKey"`
	Phone        string // normalised, +84…
	Name         string
	Email        string
	PasswordHash string `json:"-"`
	Role         Role
	// Province scopes a Hội staff member to one province (a slug of
	// catalog's provinces); nil is the whole country.
	Province  *string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// IsStaff says whether the user acts for the Hội.
func (u *User) IsStaff() bool { return u != nil && u.Role.IsStaff() }
