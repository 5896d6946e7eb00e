package accounts

import (
	"context"
	"crypto/rand"
	"errors"
	"math/big"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/policy"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Reset codes are read out over the phone, so their alphabet leaves out
// what is easily misheard or misread: 0/O, 1/I/L. 31 symbols, 8 of them:
// about 8.5 × 10^11 codes, against at most LoginFailuresPerPhone guesses
// an hour for the 30 minutes a code lives.
const (
	resetAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
	ResetCodeLen  = 8
	ResetCodeTTL  = 30 * time.Minute
)

// ResetCode is a code just issued: shown once to the staff member who
// reads it to the account's owner, stored only as its hash.
type ResetCode struct {
	Code      string
	ExpiresAt time.Time
}

type resetCodeRow struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	CodeHash  string
	IssuedBy  *string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

func (resetCodeRow) TableName() string { return "password_reset_codes" }

func newResetCode() (string, error) {
	b := make([]byte, ResetCodeLen)
	max := big.NewInt(int64(len(resetAlphabet)))
	for i := range b {
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", err
		}
		b[i] = resetAlphabet[n.Int64()]
	}
	return string(b), nil
}

// normalizeResetCode reads a code as people type it: any case, with spaces
// or dashes between groups.
func normalizeResetCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(code)))
}

// coopProvinces lists the provinces of the coops the user belongs to.
func coopProvinces(db *gorm.DB, userID string) ([]string, error) {
	var out []string
	err := db.Raw(`SELECT DISTINCT c.province FROM coop_members m JOIN coops c ON c.id = m.coop_id WHERE m.user_id = ?`, userID).
		Scan(&out).Error
	return out, err
}

// IssueResetCode makes a one-time code with which the account targetID can
// set a new password, for a staff member to read out to its owner. Older
// unused codes of the account stop working. The issue is audited (who, for
// whom, when, from where). A staff member policy.ResetCode refuses gets
// 403 (staff know every account exists), except that a seller of another
// province's coops is not found for a province's staff, like those coops.
func (s *Service) IssueResetCode(ctx context.Context, staff *User, targetID, clientIP string) (ResetCode, error) {
	db := s.db.WithContext(ctx)
	target, err := s.UserByID(ctx, targetID)
	if err != nil {
		return ResetCode{}, err
	}
	provinces, err := coopProvinces(db, target.ID)
	if err != nil {
		return ResetCode{}, apperr.Wrap(err, "coop provinces")
	}
	switch d := resetCodeDecision(staff, target, provinces); d.Verdict {
	case policy.Allow:
	case policy.Hide: // another province's seller: not there, as for every staff action across provinces
		return ResetCode{}, apperr.NotFoundf("Không tìm thấy tài khoản.")
	default:
		return ResetCode{}, apperr.Forbiddenf("Bạn không được cấp mã khôi phục cho tài khoản này.")
	}
	code, err := newResetCode()
	if err != nil {
		return ResetCode{}, apperr.Wrap(err, "new reset code")
	}
	hash, err := s.hash(ctx, code)
	if err != nil {
		return ResetCode{}, err
	}
	now := s.now()
	issuer := staff.ID
	row := resetCodeRow{ID: uuid.Must(uuid.NewV7()).String(), UserID: target.ID, CodeHash: hash, IssuedBy: &issuer,
		CreatedAt: now, ExpiresAt: now.Add(ResetCodeTTL)}
	err = db.Transaction(func(tx *gorm.DB) error {
		// Retired, not deleted: the row stays as the record of the issue.
		if err := tx.Model(&resetCodeRow{}).Where("user_id = ? AND used_at IS NULL", target.ID).
			Update("used_at", now).Error; err != nil {
			return err
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return s.audit(tx, AuditResetCodeIssued, staff.ID, target.ID, clientIP)
	})
	if err != nil {
		return ResetCode{}, apperr.Wrap(err, "issue reset code")
	}
	return ResetCode{Code: code, ExpiresAt: row.ExpiresAt}, nil
}

// ResetPassword sets a new password with the phone and a code staff
// issued, revokes every older session and signs in. It is throttled like
// Login and counts against the same limits, so codes and passwords share
// one budget of guesses per phone; a wrong, expired or used code, or an
// unknown phone, is the same 401 after the same work.
func (s *Service) ResetPassword(ctx context.Context, phone, code, newPassword, clientIP string) (SignedIn, error) {
	norm, err := NormalizePhone(phone)
	if err != nil {
		return SignedIn{}, err
	}
	if err := CheckPassword(newPassword); err != nil {
		return SignedIn{}, renameField(err, "password", "new_password")
	}
	pair := norm + "|" + clientIP
	if err := s.admitLogin(ctx, norm, pair, clientIP); err != nil {
		return SignedIn{}, err
	}
	db := s.db.WithContext(ctx)
	var u User
	var row resetCodeRow
	found := db.Where("phone = ?", norm).Take(&u).Error == nil
	if found {
		err := db.Where("user_id = ? AND used_at IS NULL AND expires_at > ?", u.ID, s.now()).
			Order("created_at DESC").Take(&row).Error
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return SignedIn{}, apperr.Wrap(err, "find reset code")
		}
		found = err == nil
	}
	hash := row.CodeHash
	if !found {
		hash = dummyHash()
	}
	code = normalizeResetCode(code)
	ok := false
	if len(code) == ResetCodeLen {
		if ok, err = s.verify(ctx, code, hash); err != nil {
			return SignedIn{}, err
		}
	}
	if !found || !ok {
		return SignedIn{}, errBadResetCode()
	}
	newHash, err := s.hash(ctx, newPassword)
	if err != nil {
		return SignedIn{}, err
	}
	var out SignedIn
	err = db.Transaction(func(tx *gorm.DB) error {
		now := s.now()
		res := tx.Model(&resetCodeRow{}).Where("id = ? AND used_at IS NULL", row.ID).Update("used_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return errBadResetCode() // used by a parallel request
		}
		if err := tx.Model(&User{}).Where("id = ?", u.ID).
			Updates(map[string]any{"password_hash": newHash, "updated_at": now}).Error; err != nil {
			return err
		}
		if err := s.revokeAll(tx, u.ID, ""); err != nil {
			return err
		}
		if err := s.audit(tx, AuditResetCodeUsed, u.ID, u.ID, clientIP); err != nil {
			return err
		}
		out, err = s.issue(tx, &u)
		return err
	})
	if err != nil {
		return SignedIn{}, apperr.Wrap(err, "reset password")
	}
	if err := s.attempts.Reset(ctx, s.rules.failuresPerPhoneIP, pair); err != nil {
		return SignedIn{}, err
	}
	if err := s.attempts.GiveBack(ctx, s.rules.failuresPerPhone, norm); err != nil {
		return SignedIn{}, err
	}
	return out, nil
}

func errBadResetCode() error {
	return apperr.Unauthenticatedf("Số điện thoại hoặc mã khôi phục không đúng, hoặc mã đã hết hạn hay đã được dùng.")
}
