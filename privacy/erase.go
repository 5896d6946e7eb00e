package privacy

import (
	"context"
	"errors"
	"strings"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/throttle"
	"gorm.io/gorm"
)

// ErasedBuyerName is the buyer of an order whose account was erased: the
// order stays for the books, the person does not.
const ErasedBuyerName = orders.ErasedBuyerName

// AuditAccountErased is the account audit action of an erasure.
const AuditAccountErased = accounts.AuditAccountErased

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

// eraseRows does the erasure's writes, each through the package that owns
// the table: the orders side, the throttle counters, then the account.
func (s *Service) eraseRows(tx *gorm.DB, id, phone, clientIP string) error {
	// Tables other parts of the marketplace add (Optional holdings) may have
	// no foreign key to users: their rows are deleted by name.
	for _, h := range Holdings {
		if h.Optional && tableExists(tx, h.Table) {
			if err := tx.Exec(`DELETE FROM `+h.Table+` WHERE `+h.Column+` = ?`, id).Error; err != nil {
				return err
			}
		}
	}
	if err := orders.AnonymiseBuyer(tx, id, phone); err != nil {
		return err
	}
	if err := throttle.Forget(tx, phone, id); err != nil {
		return err
	}
	return s.accounts.DeleteAccount(tx, id, clientIP)
}
