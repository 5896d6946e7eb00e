package accounts

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ganh-market/ganh/apperr"
	"gorm.io/gorm"
)

// MaxUserAgentLen bounds the device name kept with a session: enough for
// any real browser, and a client cannot fill the table with its choice.
const MaxUserAgentLen = 256

// touchEvery is how stale a session's last_used_at may get before a
// request writes it again: once a minute, not on every request.
const touchEvery = time.Minute

type userAgentKey struct{}

// WithUserAgent returns ctx carrying the User-Agent of the request that
// may sign in (login, register, reset), for the session it opens.
func WithUserAgent(ctx context.Context, ua string) context.Context {
	return context.WithValue(ctx, userAgentKey{}, cleanUserAgent(ua))
}

// cleanUserAgent keeps printable characters only and cuts the result, so
// what a client sends is safe to store and show.
func cleanUserAgent(ua string) string {
	var b strings.Builder
	for _, r := range ua {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			continue
		}
		if b.Len()+utf8.RuneLen(r) > MaxUserAgentLen {
			break
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

func userAgentOf(ctx context.Context) string {
	if ctx == nil {
		return ""
	}
	ua, _ := ctx.Value(userAgentKey{}).(string)
	return ua
}

// SessionInfo is one live session as its owner sees it. ID is derived
// from the token's hash, so it names the session without being usable as
// a token or revealing the stored hash.
type SessionInfo struct {
	ID         string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	ExpiresAt  time.Time
	UserAgent  string
	Current    bool
}

// sessionID is the public name of the session stored under tokenHash.
func sessionID(tokenHash string) string {
	sum := sha256.Sum256([]byte("session-id:" + tokenHash))
	return hex.EncodeToString(sum[:12])
}

// liveSessions are the user's sessions that still sign in, newest first.
func (s *Service) liveSessions(db *gorm.DB, userID string) ([]Session, error) {
	var rows []Session
	err := db.Where("user_id = ? AND revoked_at IS NULL AND expires_at > ?", userID, s.now()).
		Order("created_at DESC").Find(&rows).Error
	return rows, err
}

// Sessions lists the user's live sessions; the one of currentToken is
// marked Current.
func (s *Service) Sessions(ctx context.Context, userID, currentToken string) ([]SessionInfo, error) {
	rows, err := s.liveSessions(s.db.WithContext(ctx), userID)
	if err != nil {
		return nil, apperr.Wrap(err, "list sessions")
	}
	current := hashToken(currentToken)
	out := make([]SessionInfo, 0, len(rows))
	for _, r := range rows {
		info := SessionInfo{ID: sessionID(r.TokenHash), CreatedAt: r.CreatedAt.UTC(), ExpiresAt: r.ExpiresAt.UTC(),
			UserAgent: r.UserAgent, Current: r.TokenHash == current}
		if r.LastUsedAt != nil {
			t := r.LastUsedAt.UTC()
			info.LastUsedAt = &t
		}
		out = append(out, info)
	}
	return out, nil
}

// RevokeSession signs the user out of one of her sessions (a lost phone);
// an id that is not one of her live sessions is not_found.
func (s *Service) RevokeSession(ctx context.Context, userID, id string) error {
	db := s.db.WithContext(ctx)
	rows, err := s.liveSessions(db, userID)
	if err != nil {
		return apperr.Wrap(err, "list sessions")
	}
	for _, r := range rows {
		if sessionID(r.TokenHash) == id {
			err := db.Model(&Session{}).Where("token_hash = ? AND revoked_at IS NULL", r.TokenHash).
				Update("revoked_at", s.now()).Error
			return apperr.Wrap(err, "revoke session")
		}
	}
	return apperr.NotFoundf("Không tìm thấy phiên đăng nhập này.")
}

// revokeAll revokes every live session of the user except the one stored
// under keepHash ("" keeps none), in the caller's transaction.
func (s *Service) revokeAll(tx *gorm.DB, userID, keepHash string) error {
	q := tx.Model(&Session{}).Where("user_id = ? AND revoked_at IS NULL", userID)
	if keepHash != "" {
		q = q.Where("token_hash <> ?", keepHash)
	}
	return q.Update("revoked_at", s.now()).Error
}

// touchSession records that a session was used, when its record is more
// than touchEvery old. It is a convenience for the session list, so a
// failed write does not fail the request it rides on.
func (s *Service) touchSession(ctx context.Context, sess *Session) {
	now := s.now()
	if sess.LastUsedAt != nil && now.Sub(*sess.LastUsedAt) < touchEvery {
		return
	}
	_ = s.db.WithContext(ctx).Model(&Session{}).
		Where("token_hash = ? AND (last_used_at IS NULL OR last_used_at < ?)", sess.TokenHash, now.Add(-touchEvery)).
		Update("last_used_at", now).Error
}
