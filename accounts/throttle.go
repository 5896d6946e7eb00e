package accounts

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
)

// The throttle keeps fixed-window counters in the database rather than in
// memory, so every instance behind a load balancer sees the same counts and
// a restart does not reset an attacker's budget.

// hit adds one to key's counter, starting a new window when the old one has
// passed, and returns the count in the current window.
func (s *Service) hit(ctx context.Context, key string) (int, error) {
	now := s.now()
	expired := now.Add(-s.opts.LoginWindow)
	var count int
	err := s.db.WithContext(ctx).Raw(`
INSERT INTO rate_counters (key, window_start, count) VALUES (?, ?, 1)
ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN rate_counters.window_start <= ? THEN 1 ELSE rate_counters.count + 1 END,
    window_start = CASE WHEN rate_counters.window_start <= ? THEN ? ELSE rate_counters.window_start END
RETURNING count`, key, now, expired, expired, now).Scan(&count).Error
	return count, apperr.Wrap(err, "count attempt")
}

// peek returns key's count in the current window without adding to it.
func (s *Service) peek(ctx context.Context, key string) (int, error) {
	var counts []int
	err := s.db.WithContext(ctx).Raw(`SELECT count FROM rate_counters WHERE key = ? AND window_start > ?`,
		key, s.now().Add(-s.opts.LoginWindow)).Scan(&counts).Error
	if err != nil || len(counts) == 0 {
		return 0, apperr.Wrap(err, "read attempts")
	}
	return counts[0], nil
}

// reset forgets key's failures, after a successful sign-in.
func (s *Service) reset(ctx context.Context, key string) error {
	return apperr.Wrap(s.db.WithContext(ctx).Exec(`DELETE FROM rate_counters WHERE key = ?`, key).Error, "reset attempts")
}
