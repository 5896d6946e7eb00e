package kernel

// Caller is who calls a service method: a signed-in user with their
// marketplace role, or nobody (Anonymous). Rights inside one cooperative
// are not here: they are looked up per call, in the transaction that uses
// them, and handed to the access policy as facts.
type Caller struct {
	UserID string
	Role   Role
	// Province is the province a Hội staff member acts for; empty means
	// every province (the Hội's national staff, and everyone until the
	// network issue gives staff a province). It means nothing for others.
	Province string
}

// Anonymous is the caller of a public request without a token.
var Anonymous = Caller{}

// SignedIn says whether the caller is a known user.
func (c Caller) SignedIn() bool { return c.UserID != "" }

// IsStaff says whether the caller acts for the Hội, in some province or in
// all of them. Which cooperatives that covers is the policy's question.
func (c Caller) IsStaff() bool { return c.SignedIn() && c.Role.IsStaff() }
