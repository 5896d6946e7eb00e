package resumable

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Sweep removes the uploads last written to before cutoff: photos started
// and never attached (the form abandoned, the phone lost). An attached
// upload is removed at once, so whatever is this old is abandoned.
func (s *Store) Sweep(ctx context.Context, cutoff time.Time) (removed int, err error) {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return 0, err
	}
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".info")
		if !ok || !validID.MatchString(id) {
			continue
		}
		if ctx.Err() != nil {
			return removed, ctx.Err()
		}
		if !olderThan(filepath.Join(s.dir, id), cutoff) || !olderThan(filepath.Join(s.dir, e.Name()), cutoff) {
			continue
		}
		if err := s.Remove(ctx, id); err != nil {
			return removed, err
		}
		removed++
	}
	return removed, nil
}

// olderThan says whether the file was last modified before cutoff; a file
// that is gone counts as old.
func olderThan(path string, cutoff time.Time) bool {
	st, err := os.Stat(path)
	return err != nil || st.ModTime().Before(cutoff)
}
