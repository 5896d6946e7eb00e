package catalog

import (
	"errors"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// access is what one actor may do in one cooperative, found inside the
// transaction that acts on it so a membership removed meanwhile counts.
type access struct {
	coop  coopRow
	role  kernel.MemberRole // "" for staff who are not members
	staff bool
	actor kernel.Caller
}

// canManage says whether the actor may change the coop itself, its members
// and read its audit log: the owner and staff.
func (ac *access) canManage() bool { return ac.staff || ac.role == kernel.MemberOwner }

// auditRole names the actor's capacity in the audit log.
func (ac *access) auditRole() string {
	if ac.role != "" {
		return string(ac.role)
	}
	return "staff"
}

// coopAccess loads the coop by id (locking it on PostgreSQL) and the actor's
// rights in it, for a call that then writes. A coop the actor is neither
// member nor staff of is reported as not found, exactly like one that does
// not exist.
func coopAccess(tx *gorm.DB, a kernel.Caller, coopID string) (*access, error) {
	return loadAccess(tx, a, coopID, true)
}

// readAccess is coopAccess for calls that only read (members, history,
// audit, may-I-upload checks): no row lock and no transaction, so they never
// queue behind a checkout or an edit holding the coop. On SQLite every
// transaction here takes the one write lock (_txlock=immediate), so a read
// must run outside one. The rights may change a moment later; a read
// answers as of when it ran.
func readAccess(db *gorm.DB, a kernel.Caller, coopID string) (*access, error) {
	return loadAccess(db, a, coopID, false)
}

func loadAccess(db *gorm.DB, a kernel.Caller, coopID string, lock bool) (*access, error) {
	if err := requireSignedIn(a); err != nil {
		return nil, err
	}
	ac := &access{staff: a.IsStaff(), actor: a}
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
	var m memberRow
	err := db.Where("coop_id = ? AND user_id = ?", coopID, a.UserID).Take(&m).Error
	switch {
	case err == nil:
		ac.role = m.Role
	case !errors.Is(err, gorm.ErrRecordNotFound):
		return nil, err
	case !ac.staff:
		return nil, errNotFound("hợp tác xã")
	}
	return ac, nil
}

// manageAccess is coopAccess for the owner-or-staff calls; a member who is
// not the owner knows the coop exists, so they are told it is forbidden.
func manageAccess(tx *gorm.DB, a kernel.Caller, coopID string) (*access, error) {
	return mustManage(coopAccess(tx, a, coopID))
}

// readManageAccess is manageAccess for calls that only read.
func readManageAccess(db *gorm.DB, a kernel.Caller, coopID string) (*access, error) {
	return mustManage(readAccess(db, a, coopID))
}

func mustManage(ac *access, err error) (*access, error) {
	if err != nil {
		return nil, err
	}
	if !ac.canManage() {
		return nil, apperr.Forbiddenf("Chỉ chủ hợp tác xã hoặc cán bộ Hội được làm việc này.")
	}
	return ac, nil
}

// canSeePrivate says whether a may see the coop's private fields (bank).
func canSeePrivate(db *gorm.DB, a kernel.Caller, coopID string) (bool, error) {
	if a.IsStaff() {
		return true, nil
	}
	if !a.SignedIn() {
		return false, nil
	}
	var n int64
	err := db.Model(&memberRow{}).Where("coop_id = ? AND user_id = ?", coopID, a.UserID).Count(&n).Error
	return n > 0, err
}
