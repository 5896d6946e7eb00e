package privacy

import (
	"context"
	"errors"
	"strings"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// ErasedBuyerName is the buyer of an order whose account was erased: the
// order stays for the books, the person does not.
const ErasedBuyerName = "Khách đã xoá tài khoản"

// AuditAccountErased is the account audit action of an erasure.
const AuditAccountErased = "account.erase"

// Erase deletes the account userID after checking its password, as
// Decree 13/2023 gives the person the right to: her name, phone, email and
// sessions go with the account row; her orders (and guest orders placed
// with her phone) stay for the tax books and the sellers' records with the
// buyer anonymised, her phone and her notes removed, and the delivery
// address removed from those already delivered or cancelled (the others
// still have to arrive); her reviews stay without her name; throttle
// counters and stored checkout answers that carry her phone are deleted.
// The sole owner of a coop gets 409 until ownership moves. The phone may
// register again at once.
func (s *Service) Erase(ctx context.Context, userID, password, clientIP string) error {
	if err := s.accounts.ConfirmPassword(ctx, userID, password, "password"); err != nil {
		return err
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var u accounts.User
		if err := tx.Select("id", "phone").Where("id = ?", userID).Take(&u).Error; err != nil {
			return err
		}
		var owned []string
		if err := tx.Raw(`SELECT c.name FROM coop_members m JOIN coops c ON c.id = m.coop_id
			WHERE m.user_id = ? AND m.role = 'owner' ORDER BY c.name`, userID).Scan(&owned).Error; err != nil {
			return err
		}
		if len(owned) > 0 {
			return apperr.Conflictf(apperr.CodeConflict,
				"Bạn là chủ của %s. Hãy chuyển quyền chủ cho một thành viên khác trước khi xoá tài khoản.", strings.Join(owned, ", "))
		}
		return s.eraseRows(tx, u.ID, u.Phone, clientIP)
	})
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return apperr.NotFoundf("Không tìm thấy tài khoản.")
	}
	return apperr.Wrap(err, "erase account")
}

// eraseRows does the erasure's writes in order: the statements that find
// her orders by user_id or phone run before the one that clears both.
func (s *Service) eraseRows(tx *gorm.DB, id, phone, clientIP string) error {
	steps := []struct {
		sql  string
		args []any
	}{
		{`UPDATE reviews SET reviewer_name = ?, user_id = NULL
			WHERE user_id = ? OR order_id IN (SELECT id FROM orders WHERE ` + hers + `)`, []any{ErasedBuyerName, id, id, phone}},
		{`UPDATE orders SET ship_commune = '', ship_street = ''
			WHERE ` + hers + ` AND status IN ('delivered', 'cancelled')`, []any{id, phone}},
		{`UPDATE orders SET buyer_name = ?, buyer_phone = '', note = '', user_id = NULL WHERE ` + hers, []any{ErasedBuyerName, id, phone}},
		// Stored checkout answers repeat the buyer's name and phone.
		{`DELETE FROM idempotency_keys WHERE scope = ? OR scope = ?`, []any{"user:" + id, "phone:" + phone}},
		// Throttle counters are keyed by phone or account id.
		{`DELETE FROM rate_counters WHERE key LIKE ? OR key LIKE ?`, []any{"%" + phone + "%", "%" + id + "%"}},
		// Sessions, consents, memberships, uploads and her reset codes go
		// with the account (ON DELETE CASCADE); audit and history rows
		// that name her as actor are detached (ON DELETE SET NULL).
		{`DELETE FROM users WHERE id = ?`, []any{id}},
	}
	// Tables other parts of the marketplace add (notifications) may have
	// no foreign key to users: their rows are deleted by name.
	for _, h := range Holdings {
		if h.Optional && tableExists(tx, h.Table) {
			steps = append([]struct {
				sql  string
				args []any
			}{{`DELETE FROM ` + h.Table + ` WHERE ` + h.Column + ` = ?`, []any{id}}}, steps...)
		}
	}
	for _, st := range steps {
		if err := tx.Exec(st.sql, st.args...).Error; err != nil {
			return err
		}
	}
	return tx.Create(&accounts.AuditEntry{ID: uuid.Must(uuid.NewV7()).String(), Action: AuditAccountErased,
		ActorID: id, SubjectID: id, ClientIP: clientIP, CreatedAt: s.now()}).Error
}
