package accounts

import (
	"strings"

	"github.com/ganh-market/ganh/apperr"
)

// NormalizePhone turns the ways people write a Vietnamese mobile number
// ("0912 345 678", "84912345678", "+84 912-345-678", "(091) 234.5678") into
// the one form we store: +84 followed by the nine digits of the subscriber
// number. Mobile numbers start with 3, 5, 7, 8 or 9 after the country code;
// anything else is not a Vietnamese mobile number and is refused.
func NormalizePhone(s string) (string, error) {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return "", invalidPhone()
		}
		if b.Len() > 15 {
			return "", invalidPhone()
		}
	}
	digits := b.String()
	switch {
	case len(digits) == 10 && digits[0] == '0':
		digits = digits[1:]
	case len(digits) == 11 && strings.HasPrefix(digits, "84"):
		digits = digits[2:]
	default:
		return "", invalidPhone()
	}
	if !strings.ContainsRune("35789", rune(digits[0])) {
		return "", invalidPhone()
	}
	return "+84" + digits, nil
}

func invalidPhone() error {
	return apperr.Field("phone", "Số điện thoại di động Việt Nam không hợp lệ (ví dụ: 0912 345 678).")
}
