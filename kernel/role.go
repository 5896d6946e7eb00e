package kernel

// Role is what a user may do across the marketplace. Per-cooperative rights
// are a MemberRole, looked up per call.
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

// MemberRole is a user's right inside one cooperative; "" (MemberNone) when
// they are not among the people who run it.
type MemberRole string

// The rights inside a cooperative. The owner applied for it; members help
// run it; a steward is Hội staff running it on the members' behalf.
const (
	MemberNone    MemberRole = ""
	MemberOwner   MemberRole = "owner"
	MemberMember  MemberRole = "member"
	MemberSteward MemberRole = "steward"
)

// Runs says whether m is one of the people who run the cooperative.
func (m MemberRole) Runs() bool { return m != MemberNone }
