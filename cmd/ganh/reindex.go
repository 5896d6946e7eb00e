package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/search/bleve"
	"github.com/ganh-market/ganh/search/engine"
	"github.com/ganh-market/ganh/search/indexsync"
)

// reindex renders every public product document again (the read model,
// catalog.RenderAllDocuments) and rebuilds the search index from the
// database into a new index and swaps it in (indexsync.Reindex), drawing
// progress on stderr.
//
// With Meilisearch it runs beside `ganh serve` on any number of instances:
// the new index is built under another name and swapped atomically, and
// the outbox rows written meanwhile are replayed. The embedded index is a
// directory that one process owns: while `ganh serve` runs, reindex stops
// at once with a clear message (it does not wait for the lock). Stop the
// server first, or just restart it: serve rebuilds an embedded index that
// is new or outdated by itself before it listens.
func reindex(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	if help, err := parseFlags(fs, e, args); help || err != nil {
		return err
	}
	cfg, _, db, closeDB, err := openMigrated(ctx, e)
	if err != nil {
		return err
	}
	defer closeDB()
	// The catalog lists products with their photos only when it can build
	// their URLs; the documents keep the thumbnail's key, not its URL.
	store, err := openMedia(ctx, cfg)
	if err != nil {
		return err
	}
	cat := catalog.NewService(db, catalog.WithImageURLs(media.NewURLs(store)))
	// The public product documents are derived from the same rows: render
	// them all again too, for rows written around the catalog.
	if _, err := catalog.RenderAllDocuments(ctx, db); err != nil {
		return err
	}

	sc := searchConfig(cfg)
	idx, err := engine.Open(ctx, sc)
	if bleve.IsIndexLocked(err) {
		return fmt.Errorf("chỉ mục tìm kiếm ở %s đang được ganh serve sử dụng: hãy dừng máy chủ rồi chạy lại `ganh reindex` "+
			"(hoặc chỉ cần khởi động lại ganh serve; máy chủ tự dựng lại chỉ mục khi cần): %w", sc.EmbeddedDir, err)
	}
	if err != nil {
		return fmt.Errorf("open search index: %w", err)
	}
	defer idx.Close()

	st, err := indexsync.Reindex(ctx, db, cat, idx, indexsync.ReindexOptions{Progress: e.stderr})
	if errors.Is(err, context.Canceled) {
		return errors.New("đã huỷ dựng lại chỉ mục; chỉ mục cũ vẫn được dùng")
	}
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	fmt.Fprintf(e.stdout, "Đã dựng lại chỉ mục tìm kiếm: %d sản phẩm đã đọc, %d sản phẩm đang bán được đưa vào, "+
		"%d sản phẩm vừa thay đổi được đọc lại, trong %s.\n",
		st.Products, st.Indexed, st.Replayed, st.Took.Round(time.Millisecond))
	return nil
}
