package outbox

import (
	"math/rand/v2"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// maxErrorLen bounds last_error: enough to diagnose, not a stack dump.
const maxErrorLen = 1000

// finish marks the rows not in failed processed, and puts the failed ones
// back with one more attempt, their error and their backoff. Rows failed
// with the same error (an outage fails a whole batch alike) share one
// UPDATE and the backoff of the most tried of them.
func (r *Relay) finish(tx *gorm.DB, rows []Row, failed map[int64]error) (done, nfailed int, err error) {
	now := r.o.Now()
	var ok []int64
	bad := map[string][]int64{} // error message → rows
	attempts := map[string]int{}
	for _, row := range rows {
		e, isBad := failed[row.ID]
		if !isBad {
			ok = append(ok, row.ID)
			continue
		}
		msg := truncate(e.Error(), maxErrorLen)
		bad[msg] = append(bad[msg], row.ID)
		attempts[msg] = max(attempts[msg], row.Attempts+1)
		nfailed++
	}
	if len(ok) > 0 {
		err := tx.Model(&Row{}).Where("id IN ?", ok).
			Updates(map[string]any{"processed_at": now, "leased_until": nil}).Error
		if err != nil {
			return 0, 0, err
		}
	}
	for msg, ids := range bad {
		err := tx.Model(&Row{}).Where("id IN ?", ids).Updates(map[string]any{
			"attempts":     gorm.Expr("attempts + 1"),
			"last_error":   msg,
			"available_at": now.Add(r.backoff(attempts[msg])),
			"leased_until": nil,
		}).Error
		if err != nil {
			return 0, 0, err
		}
	}
	return len(ok), nfailed, nil
}

// release marks the rows handled before a shutdown processed, and makes
// those it interrupted ready again at once, without counting an attempt
// (it was not the follower's fault).
func (r *Relay) release(tx *gorm.DB, rows []Row, failed map[int64]error) error {
	var ok, back []int64
	for _, row := range rows {
		if _, bad := failed[row.ID]; bad {
			back = append(back, row.ID)
		} else {
			ok = append(ok, row.ID)
		}
	}
	if len(ok) > 0 {
		err := tx.Model(&Row{}).Where("id IN ?", ok).
			Updates(map[string]any{"processed_at": r.o.Now(), "leased_until": nil}).Error
		if err != nil {
			return err
		}
	}
	if len(back) == 0 {
		return nil
	}
	return tx.Model(&Row{}).Where("id IN ?", back).Update("leased_until", nil).Error
}

// backoff is the wait before attempt n+1 after n failures: RetryBase
// doubled per failure, capped at RetryMax, with "equal jitter" (between
// half and all of it) so rows that failed together do not retry together.
func (r *Relay) backoff(n int) time.Duration {
	d := r.o.RetryBase
	for i := 1; i < n && d < r.o.RetryMax; i++ {
		d *= 2
	}
	d = min(d, r.o.RetryMax)
	half := d / 2
	return half + rand.N(half+1)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}
