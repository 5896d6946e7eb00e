package meili

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"github.com/ganh-market/ganh/search"
)

// meiliBuilder fills "<uid>_<unix-nanos>" and swaps it with the live index.
type meiliBuilder struct {
	m   *Index
	uid string

	mu   sync.Mutex
	done bool
}

// BeginRebuild implements Rebuilder: it creates the new index with the
// same primary key and settings as the live one. One rebuild per process;
// several processes must not reindex at once (the caller holds a lock).
func (m *Index) BeginRebuild(ctx context.Context) (search.Builder, error) {
	if err := m.startRebuild(); err != nil {
		return nil, err
	}

	uid := fmt.Sprintf("%s_%d", m.uid, time.Now().UnixNano())
	t, err := m.client.CreateIndex(ctx, &meilisearch.IndexConfig{Uid: uid, PrimaryKey: meiliPrimaryKey})
	if err == nil {
		err = m.wait(ctx, t, nil, "create index "+uid)
	} else {
		err = meiliErr(err, "create index "+uid)
	}
	if err == nil {
		err = m.applySettings(ctx, uid)
	}
	if err != nil {
		m.dropIndex(ctx, uid)
		m.endRebuild(false)
		return nil, err
	}
	return &meiliBuilder{m: m, uid: uid}, nil
}

// startRebuild marks a rebuild as running, refusing a second one.
func (m *Index) startRebuild() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.rebuilding {
		return search.RebuildRunning()
	}
	m.rebuilding = true
	return nil
}

// endRebuild ends the running rebuild; committed says it replaced the live
// index, which therefore no longer counts as newly created.
func (m *Index) endRebuild(committed bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.rebuilding = false
	if committed {
		m.created = false
	}
}

// dropIndex deletes uid, best effort (used on failure paths).
func (m *Index) dropIndex(ctx context.Context, uid string) {
	t, err := m.client.DeleteIndex(ctx, uid)
	_ = m.wait(ctx, t, err, "delete index "+uid)
}

func (b *meiliBuilder) check(what string) error {
	if b.done {
		return search.Internal(errors.New("rebuild already committed or aborted"), what)
	}
	return nil
}

// Upsert implements Writer on the new index.
func (b *meiliBuilder) Upsert(ctx context.Context, docs ...search.Document) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.check("rebuild upsert"); err != nil {
		return err
	}
	return b.m.upsert(ctx, b.uid, docs)
}

// Delete implements Writer on the new index.
func (b *meiliBuilder) Delete(ctx context.Context, ids ...string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.check("rebuild delete"); err != nil {
		return err
	}
	return b.m.delete(ctx, b.uid, ids)
}

// Commit implements Builder: SwapIndexes exchanges the two indexes
// atomically (documents and settings), then the old contents, now under
// the rebuild's uid, are deleted.
func (b *meiliBuilder) Commit(ctx context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.check("rebuild commit"); err != nil {
		return err
	}
	t, err := b.m.client.SwapIndexes(ctx, []*meilisearch.SwapIndexesParams{{Indexes: []string{b.m.uid, b.uid}}})
	if err := b.m.wait(ctx, t, err, "swap indexes"); err != nil {
		return err // still open: the caller may retry Commit or Abort
	}
	b.done = true
	b.m.endRebuild(true)
	t, err = b.m.client.DeleteIndex(ctx, b.uid)
	if err := b.m.wait(ctx, t, err, "delete replaced index "+b.uid); err != nil {
		return search.Internal(err, "new index is live, but the replaced copy "+b.uid+" was not deleted")
	}
	return nil
}

// Abort implements Builder.
func (b *meiliBuilder) Abort(ctx context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return nil
	}
	b.done = true
	defer b.m.endRebuild(false)
	t, err := b.m.client.DeleteIndex(ctx, b.uid)
	return b.m.wait(ctx, t, err, "delete index "+b.uid)
}
