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
