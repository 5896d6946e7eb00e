package accounts

import (
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// The actions of the account audit log.
const (
	AuditResetCodeIssued = "reset_code.issue"
	AuditResetCodeUsed   = "reset_code.use"
)

// AuditEntry is one row of the account audit log: who (actor) did what
// to whose account (subject), when and from which address. It holds ids
// and an address only, never a phone or a name.
type AuditEntry struct {
	ID        string `gorm:"primaryKey"`
	Action    string
	ActorID   string
	SubjectID string
	ClientIP  string
	CreatedAt time.Time
}

// TableName is the audit log's table.
func (AuditEntry) TableName() string { return "account_audit_log" }

// audit writes one entry in the caller's transaction.
func (s *Service) audit(tx *gorm.DB, action, actorID, subjectID, clientIP string) error {
	return tx.Create(&AuditEntry{ID: uuid.Must(uuid.NewV7()).String(), Action: action, ActorID: actorID,
		SubjectID: subjectID, ClientIP: clientIP, CreatedAt: s.now()}).Error
}

// AuditAccountErased is the action of an account's erasure.
const AuditAccountErased = "account.erase"

// DeleteAccount deletes the account row in the caller's transaction, for
// its erasure (package privacy), and audits it. Sessions, consents,
// memberships, uploads and reset codes go with it (ON DELETE CASCADE);
// rows that name it as actor are detached (ON DELETE SET NULL).
func (s *Service) DeleteAccount(tx *gorm.DB, userID, clientIP string) error {
	if err := tx.Where("id = ?", userID).Delete(&User{}).Error; err != nil {
		return err
	}
	return s.audit(tx, AuditAccountErased, userID, userID, clientIP)
}
