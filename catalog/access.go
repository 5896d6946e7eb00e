package catalog

import (
	"errors"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// access is one caller's standing in one cooperative, found inside the
// transaction that acts on it so a membership removed meanwhile counts.
// Whether that standing allows an action is policy's answer, not this
// package's.
type access struct {
	coop   coopRow
	role   kernel.MemberRole // MemberNone for staff who are not members
	caller kernel.Caller
}

// facts are what policy needs to know about the caller and the coop.
func (ac *access) facts() policy.Facts {
	return coopFacts(&ac.coop, ac.role)
}

// coopFacts describes coop r to a caller whose role in it is role.
func coopFacts(r *coopRow, role kernel.MemberRole) policy.Facts {
	approved := r.Status == CoopApproved
	return policy.Facts{Member: role, Public: approved, Approved: approved, Province: r.Province}
}

// auditRole names the actor's capacity in the audit log.
func (ac *access) auditRole() string {
	if ac.role != kernel.MemberNone {
		return string(ac.role)
	}
	return "staff"
}

// coopAccess loads the coop by id (locking it on PostgreSQL) and the
// caller's standing in it, and asks policy whether they may do act, for a
// call that then writes. A coop the policy hides is reported as not found,
// exactly like one that does not exist.
func coopAccess(tx *gorm.DB, c kernel.Caller, coopID string, act policy.Action) (*access, error) {
	return loadAccess(tx, c, coopID, act, true)
}

// readAccess is coopAccess for calls that only read (members, history,
// audit, may-I-upload checks): no row lock and no transaction, so they never
// queue behind a checkout or an edit holding the coop. On SQLite every
// transaction here takes the one write lock (_txlock=immediate), so a read
// must run outside one. The rights may change a moment later; a read
// answers as of when it ran.
func readAccess(db *gorm.DB, c kernel.Caller, coopID string, act policy.Action) (*access, error) {
	return loadAccess(db, c, coopID, act, false)
}

func loadAccess(db *gorm.DB, c kernel.Caller, coopID string, act policy.Action, lock bool) (*access, error) {
	if err := policy.Gate(c, act).Err(nil); err != nil {
		return nil, err
	}
	ac := &access{caller: c}
	q := db
	if lock {
		q = forUpdate(db)
	}
	if err := q.Where("id = ?", coopID).Take(&ac.coop).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, errNotFound("hợp tác xã")
		}
		return nil, err
	}
	role, err := memberRole(db, c, coopID)
	if err != nil {
		return nil, err
	}
	ac.role = role
	if err := policy.Decide(c, act, ac.facts()).Err(errNotFound("hợp tác xã")); err != nil {
		return nil, err
	}
	return ac, nil
}

// memberRole is c's role in the coop, MemberNone for nobody signed in.
func memberRole(db *gorm.DB, c kernel.Caller, coopID string) (kernel.MemberRole, error) {
	if !c.SignedIn() {
		return kernel.MemberNone, nil
	}
	var m memberRow
	err := db.Where("coop_id = ? AND user_id = ?", coopID, c.UserID).Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return kernel.MemberNone, nil
	}
	return m.Role, err
}

// seesPrivate says whether c may see coop r's private fields (bank).
func seesPrivate(db *gorm.DB, c kernel.Caller, r *coopRow) (bool, error) {
	role, err := memberRole(db, c, r.ID)
	if err != nil {
		return false, err
	}
	return policy.Decide(c, policy.SeeCoopPrivate, coopFacts(r, role)).Allowed(), nil
}
