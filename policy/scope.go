package policy

import "github.com/ganh-market/ganh/kernel"

// Scope is which rows of a list (coops, products) a caller sees: every
// public row, and besides those every row (All), the rows of the coops the
// user RunnerID runs, and the rows of coops in Province. It is ViewCoop and
// ViewProduct for a query: the catalogue turns it into SQL, and a test there
// checks the SQL answers as Decide does.
type Scope struct {
	All      bool
	RunnerID string
	Province string
}

// Visible is the Scope of c.
func Visible(c kernel.Caller) Scope {
	switch {
	case national(c):
		return Scope{All: true}
	case c.IsStaff():
		return Scope{RunnerID: c.UserID, Province: c.Province}
	case c.SignedIn():
		return Scope{RunnerID: c.UserID}
	}
	return Scope{}
}
