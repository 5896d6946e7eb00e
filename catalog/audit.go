package catalog

import (
	"context"
	"encoding/json"
	"reflect"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// Change is the before and after value of one field in the audit log.
type Change struct {
	Before any `json:"before"`
	After  any `json:"after"`
}

// AuditEntry is one write on a coop or its products: who, in which capacity,
// what, when, and the fields that changed.
type AuditEntry struct {
	ID          string            `json:"id"`
	Actor       *AuditActor       `json:"actor"`
	ActorRole   string            `json:"actor_role"`
	Action      string            `json:"action"`
	SubjectType string            `json:"subject_type"`
	SubjectID   string            `json:"subject_id"`
	Changes     map[string]Change `json:"changes"`
	CreatedAt   time.Time         `json:"created_at"`
}

// AuditActor names who made a change; nil once the account is deleted.
type AuditActor struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type auditRow struct {
	ID          string `gorm:"primaryKey"`
	CoopID      string
	ActorID     *string
	ActorRole   string
	Action      string
	SubjectType string
	SubjectID   string
	Changes     string
	CreatedAt   time.Time
}

func (auditRow) TableName() string { return "coop_audit_log" }

// diff returns the fields whose values differ between before and after.
func diff(before, after map[string]any) map[string]Change {
	out := map[string]Change{}
	for k, a := range after {
		if b := before[k]; !reflect.DeepEqual(a, b) {
			out[k] = Change{Before: b, After: a}
		}
	}
	return out
}

// created records every field of a new object as changed from nothing.
func created(after map[string]any) map[string]Change {
	out := make(map[string]Change, len(after))
	for k, a := range after {
		out[k] = Change{After: a}
	}
	return out
}

// audit writes one audit entry in tx.
func (s *Service) audit(tx *gorm.DB, ac *access, action, subjectType, subjectID string, changes map[string]Change) error {
	b, err := json.Marshal(changes)
	if err != nil {
		return err
	}
	actor := ac.caller.UserID
	return tx.Create(&auditRow{
		ID: newID(), CoopID: ac.coop.ID, ActorID: &actor, ActorRole: ac.auditRole(),
		Action: action, SubjectType: subjectType, SubjectID: subjectID, Changes: string(b), CreatedAt: s.now(),
	}).Error
}

// Audit lists the audit log of a coop, newest first (owner and staff).
func (s *Service) Audit(ctx context.Context, a kernel.Caller, coopID string, pr kernel.PageRequest) (kernel.Page[AuditEntry], error) {
	after, err := pages.After(pr)
	if err != nil {
		return kernel.Page[AuditEntry]{}, err
	}
	limit := pr.Size()
	var rows []struct {
		L         auditRow `gorm:"embedded"`
		ActorName *string
	}
	db := s.read(ctx)
	if _, err := readAccess(db, a, coopID, policy.ReadAudit); err != nil {
		return kernel.Page[AuditEntry]{}, apperr.Wrap(err, "read audit log")
	}
	q := db.Table("coop_audit_log l").
		Select("l.*, u.name AS actor_name").
		Joins("LEFT JOIN users u ON u.id = l.actor_id").
		Where("l.coop_id = ?", coopID)
	if after != "" {
		q = q.Where("l.id < ?", after)
	}
	if err := q.Order("l.id DESC").Limit(limit + 1).Scan(&rows).Error; err != nil {
		return kernel.Page[AuditEntry]{}, apperr.Wrap(err, "read audit log")
	}
	out := make([]AuditEntry, 0, len(rows))
	for _, row := range rows {
		r := row.L
		e := AuditEntry{
			ID: r.ID, ActorRole: r.ActorRole, Action: r.Action, SubjectType: r.SubjectType,
			SubjectID: r.SubjectID, CreatedAt: r.CreatedAt.UTC(), Changes: map[string]Change{},
		}
		if r.ActorID != nil {
			e.Actor = &AuditActor{ID: *r.ActorID}
			if row.ActorName != nil {
				e.Actor.Name = *row.ActorName
			}
		}
		_ = json.Unmarshal([]byte(r.Changes), &e.Changes)
		out = append(out, e)
	}
	return kernel.PageOf(out, limit, pages, func(e AuditEntry) string { return e.ID }), nil
}
