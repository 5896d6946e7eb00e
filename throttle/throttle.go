// Package throttle counts attempts at the doors that take a secret (sign-in,
// registration, a guest's order lookup) in fixed windows kept in the
// database rather than in memory, so every instance behind a load balancer
// sees the same counts and a restart does not reset an attacker's budget.
//
// An attempt is counted before the work it asks for, in one atomic
// statement: N attempts sent at once take N distinct counts, so no more of
// them get through than the limit allows. Work that turns out not to count
// against the caller (the right password) gives its attempt back.
package throttle

import (
	"context"
	"fmt"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"gorm.io/gorm"
)

// Rule is one limit: at most Limit attempts per key in each Window.
type Rule struct {
	// Name prefixes the keys of the rule's counters ("login:ip"), so rules
	// never share a counter.
	Name   string
	Limit  int
	Window time.Duration
}

// MaxWindow bounds the window of every rule: Cleanup forgets counters older
// than this.
const MaxWindow = 24 * time.Hour

// Counter keeps the counters of any number of rules in the rate_counters table.
type Counter struct {
	db  *gorm.DB
	now func() time.Time
}

// New returns a counter over db that reads the time from now (the owning
// service's clock, so its tests can move time forward).
func New(db *gorm.DB, now func() time.Time) *Counter {
	return &Counter{db: db, now: now}
}

func (r Rule) key(key string) string { return r.Name + ":" + key }

func (r Rule) check() {
	if r.Name == "" || r.Limit < 1 || r.Window <= 0 || r.Window > MaxWindow {
		panic(fmt.Sprintf("throttle: invalid rule %+v", r))
	}
}

// Take counts one attempt against key and says whether it is within the
// rule's limit. A window that has passed starts again at one.
func (c *Counter) Take(ctx context.Context, r Rule, key string) (bool, error) {
	r.check()
	now := c.now()
	expired := now.Add(-r.Window)
	var count int
	err := c.db.WithContext(ctx).Raw(`
INSERT INTO rate_counters (key, window_start, count) VALUES (?, ?, 1)
ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN rate_counters.window_start <= ? THEN 1 ELSE rate_counters.count + 1 END,
    window_start = CASE WHEN rate_counters.window_start <= ? THEN ? ELSE rate_counters.window_start END
RETURNING count`, r.key(key), now, expired, expired, now).Scan(&count).Error
	if err != nil {
		return false, apperr.Wrap(err, "count attempt")
	}
	return count <= r.Limit, nil
}

// Over says, without counting, whether key has used up the rule's limit
// in the current window: a door that counts only its failures (a webhook's
// wrong keys) asks it first, so a blocked address is refused even with the
// right secret, and a right one costs a read instead of two writes.
func (c *Counter) Over(ctx context.Context, r Rule, key string) (bool, error) {
	r.check()
	var counts []int
	err := c.db.WithContext(ctx).Raw(`SELECT count FROM rate_counters WHERE key = ? AND window_start > ?`,
		r.key(key), c.now().Add(-r.Window)).Scan(&counts).Error
	if err != nil {
		return false, apperr.Wrap(err, "read attempts")
	}
	return len(counts) > 0 && counts[0] >= r.Limit, nil
}

// GiveBack takes back one attempt Take counted in the current window.
func (c *Counter) GiveBack(ctx context.Context, r Rule, key string) error {
	err := c.db.WithContext(ctx).Exec(`UPDATE rate_counters SET count = count - 1 WHERE key = ? AND window_start > ? AND count > 0`,
		r.key(key), c.now().Add(-r.Window)).Error
	return apperr.Wrap(err, "give back attempt")
}

// Reset forgets key's attempts.
func (c *Counter) Reset(ctx context.Context, r Rule, key string) error {
	err := c.db.WithContext(ctx).Exec(`DELETE FROM rate_counters WHERE key = ?`, r.key(key)).Error
	return apperr.Wrap(err, "reset attempts")
}

// Cleanup deletes the counters of every rule whose window has passed.
func (c *Counter) Cleanup(ctx context.Context) error {
	err := c.db.WithContext(ctx).Exec(`DELETE FROM rate_counters WHERE window_start < ?`, c.now().Add(-MaxWindow)).Error
	return apperr.Wrap(err, "delete old counters")
}

// Forget deletes, in the caller's transaction, every counter whose key
// holds one of needles: erasing an account (package privacy) removes the
// counters keyed by its phone or id.
func Forget(tx *gorm.DB, needles ...string) error {
	for _, n := range needles {
		if n == "" {
			continue
		}
		if err := tx.Exec(`DELETE FROM rate_counters WHERE key LIKE ?`, "%"+n+"%").Error; err != nil {
			return err
		}
	}
	return nil
}
