package orders

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// MaxKeyLen is the longest Idempotency-Key accepted, as at Stripe.
const MaxKeyLen = 255

// Response is a checkout's answer exactly as the client receives it. It is
// stored with the Idempotency-Key, so a retry gets the same status and the
// same bytes, from any instance and after a restart.
type Response struct {
	Status int
	Body   []byte
	// Replayed says the answer is the stored one of an earlier request.
	Replayed bool
}

// keyRow is a row of idempotency_keys. A row with no response is in
// progress: lock_token names the attempt that owns it, since locked_at.
type keyRow struct {
	Scope          string `gorm:"primaryKey"`
	IdempotencyKey string `gorm:"primaryKey"`
	Fingerprint    string
	LockToken      *string
	LockedAt       *time.Time
	ResponseStatus *int
	ResponseBody   *string
	CreatedAt      time.Time
	CompletedAt    *time.Time
}

func (keyRow) TableName() string { return "idempotency_keys" }

// claim is an attempt's ownership of a key; replay is set instead when the
// key already has its answer.
type claim struct {
	scope, key, token string
	replay            *Response
}

// fingerprint is the sha256 of the canonical JSON of a request (the decoded
// body encoded again: field order and spacing no longer matter).
func fingerprint(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// claimKey takes the key for this attempt, in its own short transaction (one
// INSERT) before any work, so the primary key on (scope, key) stops a second
// checkout whatever happens next. An existing key answers with its stored
// response, idempotency_mismatch for another body, or
// idempotency_in_progress while its first attempt runs. A key whose attempt
// has held it longer than the lock timeout (the process died) is taken over;
// a key older than the retention period counts as new.
func (s *Service) claimKey(ctx context.Context, scope, key, fp string) (*claim, error) {
	db := s.read(ctx)
	for range 3 {
		now := s.clock()
		token := newID()
		row := keyRow{Scope: scope, IdempotencyKey: key, Fingerprint: fp, LockToken: &token, LockedAt: &now, CreatedAt: now}
		inserted, err := s.insertKey(ctx, &row)
		if err != nil {
			return nil, apperr.Wrap(err, "claim idempotency key")
		}
		if inserted {
			return &claim{scope: scope, key: key, token: token}, nil
		}
		var cur keyRow
		err = db.Where("scope = ? AND idempotency_key = ?", scope, key).Take(&cur).Error
		switch {
		case isNotFound(err):
			continue // released meanwhile: try again
		case err != nil:
			return nil, apperr.Wrap(err, "read idempotency key")
		}
		if expiry := now.Add(-s.keyTTL); cur.CreatedAt.Before(expiry) {
			if err := db.Where("scope = ? AND idempotency_key = ? AND created_at < ?", scope, key, expiry).Delete(&keyRow{}).Error; err != nil {
				return nil, apperr.Wrap(err, "expire idempotency key")
			}
			continue
		}
		if cur.Fingerprint != fp {
			return nil, errKeyMismatch()
		}
		if cur.ResponseStatus != nil {
			body := ""
			if cur.ResponseBody != nil {
				body = *cur.ResponseBody
			}
			return &claim{replay: &Response{Status: *cur.ResponseStatus, Body: []byte(body), Replayed: true}}, nil
		}
		live := cur.LockedAt != nil && cur.LockedAt.After(now.Add(-s.lockTimeout))
		if live && !s.abandonedHere(scope, key, derefString(cur.LockToken)) {
			return nil, errKeyInProgress()
		}
		// The attempt that took the key stopped without an answer (it failed
		// here and could not free it, or its process died): take over.
		res := db.Model(&keyRow{}).
			Where("scope = ? AND idempotency_key = ? AND response_status IS NULL AND lock_token = ?", scope, key, derefString(cur.LockToken)).
			Updates(map[string]any{"lock_token": token, "locked_at": now})
		if res.Error != nil {
			return nil, apperr.Wrap(res.Error, "take over idempotency key")
		}
		if res.RowsAffected == 1 {
			s.abandoned.CompareAndDelete(scope+"\x00"+key, derefString(cur.LockToken))
			return &claim{scope: scope, key: key, token: token}, nil
		}
		return nil, errKeyInProgress()
	}
	return nil, errKeyInProgress()
}

// insertKey inserts a new key row unless (scope, key) exists, as one
// statement: its own short transaction. On PostgreSQL that transaction
// commits without waiting for its WAL to reach disk (set_config(…, true)
// lasts until the statement's implicit commit, which reads it): the checkout
// that follows commits durably after it, which flushes the claim too, and a
// claim lost in a server crash before any checkout only frees the key for a
// retry. That saves one disk flush per checkout without extra round trips.
func (s *Service) insertKey(ctx context.Context, row *keyRow) (bool, error) {
	db := s.read(ctx)
	if database.DialectOf(db) != database.Postgres {
		res := db.Clauses(clause.OnConflict{DoNothing: true}).Create(row)
		return res.RowsAffected == 1, res.Error
	}
	res := db.Exec(`INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, lock_token, locked_at, created_at)
		SELECT ?, ?, ?, ?, ?, ? FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
		ON CONFLICT DO NOTHING`, row.Scope, row.IdempotencyKey, row.Fingerprint, row.LockToken, row.LockedAt, row.CreatedAt)
	return res.RowsAffected == 1, res.Error
}

// finish stores the answer of the attempt that owns the key. Inside the
// checkout transaction it commits with the orders, so a crash can never
// leave orders whose key would let them be made again. It fails with
// idempotency_in_progress if another attempt took the key over meanwhile.
func (s *Service) finish(db *gorm.DB, c *claim, status int, body []byte) error {
	p := database.NewPipeline(db)
	s.finishOn(p, c, status, body)
	return p.Run()
}

// finishOn is finish queued on p, to run with it.
func (s *Service) finishOn(p *database.Pipeline, c *claim, status int, body []byte) {
	p.Updates(func(n int64) error {
		if n != 1 {
			return errKeyInProgress()
		}
		return nil
	}, &keyRow{}, map[string]any{"response_status": status, "response_body": string(body), "completed_at": s.clock(), "lock_token": nil},
		"scope = ? AND idempotency_key = ? AND lock_token = ?", c.scope, c.key, c.token)
}

// release deletes the key of an attempt that saved nothing (a validation
// failure, an internal error, a lost connection), so the client may retry
// with the same key at once. It runs even when ctx has ended. When the
// database cannot be reached to delete it (the very outage that failed the
// attempt), the attempt is remembered as abandoned: a retry reaching this
// instance takes the key over at once, and the delete is tried again in the
// background until it succeeds, so other instances see the key free soon
// after the database is back. The delete only matches the attempt's own
// lock token, so it can never free a key whose checkout committed or that
// another attempt has taken over.
func (s *Service) release(ctx context.Context, c *claim) {
	if s.deleteClaim(context.WithoutCancel(ctx), c) == nil {
		return
	}
	s.abandoned.Store(c.scope+"\x00"+c.key, c.token)
	go s.releaseLater(c)
}

// releaseLater retries the delete of an abandoned claim, backing off, for
// as long as the key would otherwise stay locked.
func (s *Service) releaseLater(c *claim) {
	defer s.abandoned.CompareAndDelete(c.scope+"\x00"+c.key, c.token)
	deadline := time.Now().Add(s.lockTimeout)
	for wait := 200 * time.Millisecond; time.Now().Add(wait).Before(deadline); wait = min(2*wait, 5*time.Second) {
		time.Sleep(wait)
		if err := s.deleteClaim(context.Background(), c); err == nil || isPoolClosed(err) {
			return
		}
	}
}

func (s *Service) deleteClaim(ctx context.Context, c *claim) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return s.read(ctx).Where("scope = ? AND idempotency_key = ? AND lock_token = ?", c.scope, c.key, c.token).Delete(&keyRow{}).Error
}

// abandonedHere says whether token is the lock of an attempt on this
// instance that failed and could not free its key.
func (s *Service) abandonedHere(scope, key, token string) bool {
	t, ok := s.abandoned.Load(scope + "\x00" + key)
	return ok && t == token
}

// isPoolClosed says the service is shutting down: nothing to retry.
func isPoolClosed(err error) bool { return strings.Contains(err.Error(), "sql: database is closed") }

// Cleanup deletes idempotency keys past their 24 hours. The server calls it
// from time to time; any instance may.
func (s *Service) Cleanup(ctx context.Context) error {
	err := s.read(ctx).Where("created_at < ?", s.clock().Add(-s.keyTTL)).Delete(&keyRow{}).Error
	return apperr.Wrap(err, "delete old idempotency keys")
}

func derefString(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// ErrKeyMissing is the answer to a checkout without an Idempotency-Key; the
// HTTP layer gives it before reading the body.
func ErrKeyMissing() error {
	return apperr.New(apperr.KindBadRequest, CodeIdempotencyKeyMissing,
		"Thiếu tiêu đề Idempotency-Key: mỗi lần đặt hàng cần một khoá riêng để gửi lại không bị đặt trùng.")
}

func errKeyInProgress() error {
	return apperr.Conflictf(CodeIdempotencyInProgress, "Đơn hàng với khoá này đang được xử lý; xin đợi một chút rồi thử lại.")
}

func errKeyMismatch() error {
	return &apperr.Error{Kind: apperr.KindInvalid, Code: CodeIdempotencyKeyMismatch,
		Message: "Khoá Idempotency-Key này đã được dùng cho một đơn khác; hãy dùng khoá mới cho đơn mới."}
}
