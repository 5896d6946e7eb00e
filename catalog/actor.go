package catalog

import "github.com/ganh-market/ganh/accounts"

// Actor is who calls a service method: a signed-in user with their
// marketplace role, or nobody. Rights inside one cooperative (owner, member,
// steward) are looked up per call, in the transaction that uses them.
type Actor struct {
	UserID string
	Role   accounts.Role
}

// Anonymous is the caller of a public request without a token.
var Anonymous = Actor{}

// ActorOf builds the actor of a signed-in user; a nil user is Anonymous.
func ActorOf(u *accounts.User) Actor {
	if u == nil {
		return Anonymous
	}
	return Actor{UserID: u.ID, Role: u.Role}
}

// SignedIn says whether the actor is a known user.
func (a Actor) SignedIn() bool { return a.UserID != "" }

// IsStaff says whether the actor acts for the Hội and so may see and manage
// every cooperative.
func (a Actor) IsStaff() bool { return a.SignedIn() && a.Role.IsStaff() }
