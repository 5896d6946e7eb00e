package accounts

import (
	"context"
	"unicode/utf8"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/throttle"
	"gorm.io/gorm"
)

// confirmRule counts wrong passwords given to confirm an action of a
// signed-in account (change password, erase the account): a stolen
// session must not become a way to guess the password at leisure.
func (r rules) confirmRule() throttle.Rule {
	return throttle.Rule{Name: "confirm:user", Limit: r.failuresPerPhoneIP.Limit, Window: r.failuresPerPhoneIP.Window}
}

// ConfirmPassword checks the password of a signed-in account before an
// action that needs it. A wrong one is a validation failure on field (the
// caller is signed in: a 401 would read as "signed out"); each try counts
// against the account, and too many are refused for the window.
func (s *Service) ConfirmPassword(ctx context.Context, userID, password, field string) error {
	if err := s.take(ctx, s.rules.confirmRule(), userID); err != nil {
		return err
	}
	var u User
	if err := s.db.WithContext(ctx).Select("id", "password_hash").Where("id = ?", userID).Take(&u).Error; err != nil {
		return apperr.Wrap(err, "find user")
	}
	ok := false
	if utf8.RuneCountInString(password) <= MaxPasswordLen {
		var err error
		if ok, err = s.verify(ctx, password, u.PasswordHash); err != nil {
			return err
		}
	}
	if !ok {
		return apperr.Field(field, "Mật khẩu không đúng.")
	}
	return s.attempts.Reset(ctx, s.rules.confirmRule(), userID)
}

// ChangePassword sets a new password for a signed-in account after
// checking the current one, and revokes every other session: whoever else
// held one (a lost phone) is signed out, the caller's stays.
func (s *Service) ChangePassword(ctx context.Context, userID, currentToken, current, next string) error {
	if err := CheckPassword(next); err != nil {
		return renameField(err, "password", "new_password")
	}
	if err := s.ConfirmPassword(ctx, userID, current, "current_password"); err != nil {
		return err
	}
	hash, err := s.hash(ctx, next)
	if err != nil {
		return err
	}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Model(&User{}).Where("id = ?", userID).
			Updates(map[string]any{"password_hash": hash, "updated_at": s.now()}).Error; err != nil {
			return err
		}
		return s.revokeAll(tx, userID, hashToken(currentToken))
	})
	return apperr.Wrap(err, "change password")
}

// renameField moves the field errors of err from one field name to
// another (CheckPassword speaks of "password"; forms with two passwords
// name them).
func renameField(err error, from, to string) error {
	e := apperr.As(err)
	if e == nil {
		return err
	}
	fields := make([]apperr.FieldError, len(e.Fields))
	for i, f := range e.Fields {
		if f.Field == from {
			f.Field = to
		}
		fields[i] = f
	}
	return apperr.Invalid(e.Message, fields...)
}
