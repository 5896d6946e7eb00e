package media

import (
	"context"
	"fmt"
	"time"
)

// Referenced reports whether anything (a product image row) still uses the
// image whose upload hashed to hash. The catalog provides it.
type Referenced func(ctx context.Context, hash string) (bool, error)

// SweepOptions tunes Sweep.
type SweepOptions struct {
	// Grace keeps objects younger than this, default 24 h. An upload stores
	// its variants before the catalog commits the row that references them,
	// and a direct upload waits in incoming/ until it is processed; neither
	// may be swept meanwhile.
	Grace time.Duration
	// Now is the clock, for tests; default time.Now.
	Now func() time.Time
}

// SweepResult counts what a sweep removed.
type SweepResult struct {
	Images   int // unreferenced images whose objects were removed
	Incoming int // abandoned direct uploads removed
	Objects  int // objects removed in all
}

// Sweep removes orphans: the objects of every image nothing references whose
// newest object is older than the grace period, and direct uploads older
// than it. Run it now and then (e.g. hourly); it lists the whole store.
func Sweep(ctx context.Context, s Store, referenced Referenced, opts SweepOptions) (SweepResult, error) {
	if opts.Grace <= 0 {
		opts.Grace = 24 * time.Hour
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	cutoff := opts.Now().Add(-opts.Grace)
	var res SweepResult

	// Keys of one image are adjacent in key order, so images are judged one
	// at a time as the walk leaves them, holding one image's keys at most.
	var cur string
	var keys []string
	var newest time.Time
	flush := func() error {
		if cur == "" || newest.After(cutoff) {
			return nil
		}
		used, err := referenced(ctx, cur)
		if err != nil {
			return fmt.Errorf("media: sweep: is %s referenced: %w", cur, err)
		}
		if used {
			return nil
		}
		for _, k := range keys {
			if err := s.Delete(ctx, k); err != nil {
				return fmt.Errorf("media: sweep: %w", err)
			}
		}
		res.Images++
		res.Objects += len(keys)
		return nil
	}
	err := s.Walk(ctx, imagePrefix, func(oi ObjectInfo) error {
		h := hashOfKey(oi.Key)
		if h != cur {
			if err := flush(); err != nil {
				return err
			}
			cur, keys, newest = h, keys[:0], time.Time{}
		}
		keys = append(keys, oi.Key)
		if oi.ModTime.After(newest) {
			newest = oi.ModTime
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return res, err
	}

	err = s.Walk(ctx, incomingPrefix, func(oi ObjectInfo) error {
		if oi.ModTime.After(cutoff) {
			return nil
		}
		if err := s.Delete(ctx, oi.Key); err != nil {
			return fmt.Errorf("media: sweep: %w", err)
		}
		res.Incoming++
		res.Objects++
		return nil
	})
	return res, err
}

// DeleteUnreferenced removes the objects of each image in hashes that nothing
// references any more. The catalog calls it after committing the removal of
// image rows. It returns how many images it removed; malformed hashes are
// skipped.
//
// Known gap: an upload of the very same bytes that is between Process (which
// found the objects and stored nothing) and the commit of its row is not yet
// a reference, so its files can be removed under it. The window is short and
// needs identical bytes; a catalog that wants it closed can Stat
// Variants[Large].Key after committing a Reused image and process the
// upload again if it is gone.
func DeleteUnreferenced(ctx context.Context, s Store, hashes []string, referenced Referenced) (int, error) {
	removed := 0
	for _, h := range hashes {
		if !isHash(h) {
			continue
		}
		used, err := referenced(ctx, h)
		if err != nil {
			return removed, fmt.Errorf("media: is %s referenced: %w", h, err)
		}
		if used {
			continue
		}
		var keys []string
		if err := s.Walk(ctx, HashPrefix(h), func(oi ObjectInfo) error {
			keys = append(keys, oi.Key)
			return nil
		}); err != nil {
			return removed, err
		}
		for _, k := range keys {
			if err := s.Delete(ctx, k); err != nil {
				return removed, err
			}
		}
		if len(keys) > 0 {
			removed++
		}
	}
	return removed, nil
}
