package accounts

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/ganh-market/ganh/apperr"
)

// FindLimit is how many accounts a staff search returns at most.
const FindLimit = 20

// FindUsers finds accounts by phone (as people type it: 0912…, +84912…,
// or a part of the digits) or by a part of the name, for staff helping a
// person on the phone. A query of fewer than 3 characters is refused.
func (s *Service) FindUsers(ctx context.Context, q string) ([]User, error) {
	q = strings.TrimSpace(q)
	if n := utf8.RuneCountInString(q); n < 3 || n > 100 {
		return nil, apperr.Field("q", "Nhập từ 3 đến 100 ký tự: số điện thoại hoặc tên.")
	}
	db := s.db.WithContext(ctx).Order("name, id").Limit(FindLimit)
	var out []User
	var err error
	if norm, perr := NormalizePhone(q); perr == nil {
		err = db.Where("phone = ?", norm).Find(&out).Error
	} else if digits := onlyDigits(q); digits != "" && len(digits) == len(strings.ReplaceAll(q, " ", "")) {
		err = db.Where("phone LIKE ?", "%"+strings.TrimPrefix(digits, "0")+"%").Find(&out).Error
	} else {
		err = db.Where("LOWER(name) LIKE ? ESCAPE '\\'", "%"+escapeLike(strings.ToLower(q))+"%").Find(&out).Error
	}
	return out, apperr.Wrap(err, "find users")
}

func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// escapeLike makes s match itself in a LIKE pattern with ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
