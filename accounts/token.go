package accounts

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
)

// tokenPrefix marks our bearer tokens so they are recognisable in a leak scan.
const tokenPrefix = "gnh_"

// Session is one issued bearer token. Only the SHA-256 of the token is
// stored: a copy of the table cannot be replayed.
type Session struct {
	TokenHash string `gorm:"primaryKey"`
	UserID    string
	CreatedAt time.Time
	ExpiresAt time.Time
	RevokedAt *time.Time
	// UserAgent is the device the session was opened on, as its browser
	// named itself (cut to MaxUserAgentLen), shown in the session list.
	UserAgent string
	// LastUsedAt is written at most once a minute (touchSession), not on
	// every request.
	LastUsedAt *time.Time
}

// newToken returns a fresh opaque token (256 random bits) and its hash.
func newToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token), nil
}

// hashToken is the storage form of a token. A plain SHA-256 is right here:
// the token has 256 bits of entropy, so no slow hash is needed.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(token)))
	return hex.EncodeToString(sum[:])
}
