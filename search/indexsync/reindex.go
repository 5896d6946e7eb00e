package indexsync

import (
	"context"
	"database/sql/driver"
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
	"gorm.io/gorm"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/outbox"
	"github.com/ganh-market/ganh/search"
)

// ReindexOptions tune Reindex; the zero value is the production setting.
type ReindexOptions struct {
	// Progress receives a progress bar (stderr for `ganh reindex`); nil
	// draws none.
	Progress io.Writer
	// PageSize is the number of products read at a time (500).
	PageSize int
	// Slack widens the replay back in time (5 min): a transaction that
	// took its outbox id before the high-water mark but committed after it
	// is invisible to the mark, and its product may have been read before
	// the commit. Replaying rows created within Slack before the start
	// catches it; re-reading a product twice is harmless.
	Slack time.Duration
}

// ReindexStats says what a rebuild did.
type ReindexStats struct {
	Products int   // product ids read from the database
	Indexed  int   // purchasable products written to the new index
	Replayed int   // products re-read from outbox rows written meanwhile, before the swap
	CaughtUp int   // the same, re-read once more into the live index after the swap
	Mark     int64 // the outbox high-water mark taken at the start
	Took     time.Duration
}

// Reindex rebuilds idx from the database without downtime and returns what
// it did:
//
//  1. it takes the outbox high-water mark (the largest id) and the time;
//  2. in a new index beside the live one (BeginRebuild), it pages through
//     every product and writes the purchasable ones;
//  3. it replays the outbox rows written since the mark (and within Slack
//     before the start), re-reading their products, so changes made while
//     loading are not lost to the swap;
//  4. it swaps the new index in (Commit), atomically for searches;
//  5. it replays the same rows once more into the live index: a change the
//     outbox worker wrote to the old index between step 3 and the swap
//     would otherwise be gone.
//
// The outbox worker keeps running meanwhile; its rows are not touched here.
// On PostgreSQL a session advisory lock lets only one reindex run at a time
// across instances (a second gets a reindex_in_progress conflict). An
// embedded index is owned by one process: run Reindex in it (ganh serve
// does at start when NeedsRebuild) or with the server stopped.
func Reindex(ctx context.Context, db *gorm.DB, products Products, idx search.Index, o ReindexOptions) (ReindexStats, error) {
	if o.PageSize <= 0 {
		o.PageSize = 500
	}
	if o.Slack <= 0 {
		o.Slack = 5 * time.Minute
	}
	unlock, err := lockReindex(ctx, db)
	if err != nil {
		return ReindexStats{}, err
	}
	defer unlock()

	began := time.Now().UTC()
	var st ReindexStats
	if err := db.WithContext(ctx).Raw("SELECT COALESCE(MAX(id), 0) FROM outbox").Scan(&st.Mark).Error; err != nil {
		return st, fmt.Errorf("read outbox high-water mark: %w", err)
	}
	var total int64
	if err := db.WithContext(ctx).Table("products").Count(&total).Error; err != nil {
		return st, fmt.Errorf("count products: %w", err)
	}
	bar := newReindexBar(o.Progress, total)

	var from int64
	err = search.Rebuild(ctx, idx, func(ctx context.Context, w search.Writer) error {
		for after := ""; ; {
			ids, err := products.ProductIDsAfter(ctx, after, o.PageSize)
			if err != nil {
				return err
			}
			if len(ids) == 0 {
				break
			}
			after = ids[len(ids)-1]
			loaded, err := products.ProductsForSync(ctx, ids)
			if err != nil {
				return err
			}
			docs, _ := splitForIndex(ids, loaded) // the new index is empty: nothing to delete
			if err := w.Upsert(ctx, docs...); err != nil {
				return err
			}
			st.Products += len(ids)
			st.Indexed += len(docs)
			_ = bar.Add(len(ids))
		}
		_ = bar.Finish()
		if from, err = replayStart(ctx, db, st.Mark, began.Add(-o.Slack)); err != nil {
			return err
		}
		n, err := replay(ctx, db, products, w, from, o.PageSize)
		st.Replayed += n
		return err
	})
	if err != nil {
		return st, err
	}
	st.CaughtUp, err = replay(ctx, db, products, idx, from, o.PageSize)
	st.Took = time.Since(began)
	if err != nil {
		return st, fmt.Errorf("catch up after the swap (the outbox worker will finish it): %w", err)
	}
	return st, nil
}

// replayStart is the first outbox id to replay: just after the mark, or
// earlier for rows created since since (found walking back from the mark
// on the primary key, so only the rows of the slack are read).
func replayStart(ctx context.Context, db *gorm.DB, mark int64, since time.Time) (int64, error) {
	from := mark + 1
	for cursor := mark + 1; ; {
		var rows []struct {
			ID        int64
			CreatedAt time.Time
		}
		err := db.WithContext(ctx).Model(&outbox.Row{}).Select("id, created_at").
			Where("id < ?", cursor).Order("id DESC").Limit(1000).Scan(&rows).Error
		if err != nil {
			return 0, fmt.Errorf("find outbox rows to replay: %w", err)
		}
		newer := false
		for _, r := range rows {
			if !r.CreatedAt.Before(since) {
				from, newer = r.ID, true
			}
		}
		if !newer || len(rows) == 0 {
			return from, nil
		}
		cursor = rows[len(rows)-1].ID
	}
}

// replay re-reads the products of the outbox rows from id from on (all of
// them, processed or not) and writes their current state through w. It
// returns the number of distinct products.
func replay(ctx context.Context, db *gorm.DB, products Products, w search.Writer, from int64, page int) (int, error) {
	seen := map[string]bool{}
	for after := from - 1; ; {
		var rows []outbox.Row
		err := db.WithContext(ctx).Where("id > ? AND topic = ?", after, catalog.TopicProduct).
			Order("id").Limit(page).Find(&rows).Error
		if err != nil {
			return len(seen), fmt.Errorf("read outbox rows to replay: %w", err)
		}
		if len(rows) == 0 {
			return len(seen), nil
		}
		after = rows[len(rows)-1].ID
		keys := make([]string, len(rows))
		for i, r := range rows {
			keys[i] = r.Key
		}
		var ids []string
		for _, id := range distinct(keys) {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			continue
		}
		loaded, err := products.ProductsForSync(ctx, ids)
		if err != nil {
			return len(seen), err
		}
		docs, gone := splitForIndex(ids, loaded)
		if err := w.Upsert(ctx, docs...); err != nil {
			return len(seen), err
		}
		if err := w.Delete(ctx, gone...); err != nil {
			return len(seen), err
		}
	}
}

// reindexClass and reindexLockKey are the keys of the PostgreSQL advisory
// lock `ganh reindex` holds: the class after the outbox relay's ("ganh" in
// ASCII, plus one).
const (
	reindexClass   = 0x67616e68 + 1
	reindexLockKey = 1
)

// lockReindex keeps a second reindex from running at the same time against
// the same PostgreSQL database, from any process: a session advisory lock
// on a connection of its own, released by the returned function. On SQLite
// the embedded index's own lock (one owner process) plays that part.
func lockReindex(ctx context.Context, db *gorm.DB) (func(), error) {
	if database.DialectOf(db) != database.Postgres {
		return func() {}, nil
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("reindex lock: %w", err)
	}
	var ok bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1, $2)", reindexClass, reindexLockKey).Scan(&ok); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("reindex lock: %w", err)
	}
	if !ok {
		_ = conn.Close()
		return nil, search.RebuildRunning()
	}
	return func() {
		uctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		// The connection goes back to the pool: unlock it, or when that
		// fails drop it (ErrBadConn), which ends the session and its lock.
		if _, err := conn.ExecContext(uctx, "SELECT pg_advisory_unlock($1, $2)", reindexClass, reindexLockKey); err != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		_ = conn.Close()
	}, nil
}

// newReindexBar draws the loading progress on w in Vietnamese.
func newReindexBar(w io.Writer, total int64) *progressbar.ProgressBar {
	if w == nil {
		w = io.Discard
	}
	return progressbar.NewOptions64(total, progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("Đang dựng lại chỉ mục tìm kiếm"), progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30), progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }))
}
