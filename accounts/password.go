package accounts

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ganh-market/ganh/apperr"
	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: OWASP's minimum (m = 19 MiB, t = 2, p = 1). Each hash
// costs about 19 MiB for a few tens of milliseconds, which bounds what a
// burst of logins can take from a small server.
const (
	argonMemoryKiB = 19 * 1024
	argonTime      = 2
	argonThreads   = 1
	argonKeyLen    = 32
	argonSaltLen   = 16
)

// Password length limits in characters: short passwords are guessable, and
// an upper bound stops a megabyte "password" from costing hashing time.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 128
)

//go:embed data/common-passwords.txt
var commonPasswordsFile []byte

var (
	commonOnce sync.Once
	common     map[string]struct{}
)

// isCommonPassword says whether pw (compared case-insensitively) is on the
// shipped list of the most used passwords.
func isCommonPassword(pw string) bool {
	commonOnce.Do(func() {
		common = make(map[string]struct{}, 4096)
		sc := bufio.NewScanner(bytes.NewReader(commonPasswordsFile))
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line != "" && !strings.HasPrefix(line, "#") {
				common[strings.ToLower(line)] = struct{}{}
			}
		}
	})
	_, ok := common[strings.ToLower(pw)]
	return ok
}

// CheckPassword applies the password rules: 8 to 128 characters and not one
// of the most common passwords. No composition rules (ASVS 5.0).
func CheckPassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLen:
		return apperr.Field("password", fmt.Sprintf("Mật khẩu cần ít nhất %d ký tự.", MinPasswordLen))
	case n > MaxPasswordLen:
		return apperr.Field("password", fmt.Sprintf("Mật khẩu dài tối đa %d ký tự.", MaxPasswordLen))
	case isCommonPassword(pw):
		return apperr.Field("password", "Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.")
	}
	return nil
}

// HashPassword returns an argon2id hash in the PHC string format, so the
// parameters travel with the hash and can be raised later.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	c := hashCost.Load()
	key := argon2.IDKey([]byte(pw), salt, c.time, c.memory, c.threads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, c.memory, c.time, c.threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// VerifyPassword compares pw with a PHC argon2id hash in constant time.
func VerifyPassword(pw, encoded string) (bool, error) {
	p, salt, key, err := parseHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.time, p.memory, p.threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

type argonParams struct {
	memory  uint32
	time    uint32
	threads uint8
}

func parseHash(encoded string) (argonParams, []byte, []byte, error) {
	var p argonParams
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, errors.New("not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, errors.New("unsupported argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return p, nil, nil, fmt.Errorf("argon2 parameters: %w", err)
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return p, nil, nil, err
	}
	key, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return p, nil, nil, err
	}
	return p, salt, key, nil
}

// dummyHash is verified against when a phone is unknown, so that an unknown
// phone and a wrong password take the same time and cannot be told apart.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("không-có-tài-khoản-này")
	return h
})
