package bleve

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	blevelib "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"github.com/ganh-market/ganh/search"
)

// Suffixes of the sibling directories a rebuild uses next to the live one.
const (
	rebuildSuffix = ".rebuild-"
	oldSuffix     = ".old-"
)

// embeddedBuilder fills a new Bleve index in a sibling directory (or in
// memory) and swaps it in on Commit.
type embeddedBuilder struct {
	e    *Index
	path string // "" when in memory

	mu   sync.RWMutex // Upsert/Delete shared, Commit/Abort exclusive
	idx  blevelib.Index
	done bool
}

// BeginRebuild implements Rebuilder. The new index lives in
// "<path>.rebuild-<unix-nanos>" until Commit renames it into place.
func (e *Index) BeginRebuild(ctx context.Context) (search.Builder, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := e.startRebuild(); err != nil {
		return nil, err
	}
	path := ""
	if e.path != "" {
		path = fmt.Sprintf("%s%s%d", e.path, rebuildSuffix, time.Now().UnixNano())
		if err := os.RemoveAll(path); err != nil {
			e.endRebuild()
			return nil, search.Internal(err, "clear rebuild directory")
		}
	}
	idx, err := e.create(path, true)
	if err != nil {
		e.endRebuild()
		return nil, search.Internal(err, "create rebuild index")
	}
	return &embeddedBuilder{e: e, path: path, idx: idx}, nil
}

// startRebuild marks a rebuild as running, refusing a second one.
func (e *Index) startRebuild() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	switch {
	case e.closed:
		return search.Closed()
	case e.rebuilding:
		return search.RebuildRunning()
	}
	e.rebuilding = true
	return nil
}

func (e *Index) endRebuild() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.rebuilding = false
}

// errBuilderDone reports use of a builder after Commit or Abort.
func errBuilderDone(what string) error {
	return search.Internal(errors.New("rebuild already committed or aborted"), what)
}

// Upsert implements Writer on the new index.
func (b *embeddedBuilder) Upsert(ctx context.Context, docs ...search.Document) error {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if b.done {
		return errBuilderDone("rebuild upsert")
	}
	return upsertBleve(ctx, b.idx, docs)
}

// Delete implements Writer on the new index.
func (b *embeddedBuilder) Delete(ctx context.Context, ids ...string) error {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if b.done {
		return errBuilderDone("rebuild delete")
	}
	return deleteBleve(ctx, b.idx, ids)
}

// Abort implements Builder.
func (b *embeddedBuilder) Abort(context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return nil
	}
	b.done = true
	defer b.e.endRebuild()
	err := b.idx.Close()
	if b.path != "" {
		err = errors.Join(err, os.RemoveAll(b.path))
	}
	if err != nil {
		return search.Internal(err, "abort rebuild")
	}
	return nil
}

// Commit implements Builder. On disk it settles the new index (everything
// persisted, merged into one segment) and closes it; then, holding the index
// lock exclusively (searches wait a few milliseconds, they never see an
// empty index), it closes the live index, renames the live directory aside,
// renames the new one into place and opens it. Any failure on the way puts
// the old index back. In memory it just swaps the two.
func (b *embeddedBuilder) Commit(ctx context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return errBuilderDone("rebuild commit")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	b.done = true
	e := b.e
	defer e.endRebuild()

	if b.path == "" {
		old, err := e.swapMem(b.idx)
		if err != nil {
			_ = b.idx.Close()
			return err
		}
		e.cache.invalidate()
		return closeErr(old.Close())
	}

	if err := settle(ctx, b.idx); err != nil {
		_ = b.idx.Close()
		_ = os.RemoveAll(b.path)
		return search.Internal(err, "merge rebuilt index")
	}
	if err := b.idx.Close(); err != nil {
		_ = os.RemoveAll(b.path)
		return search.Internal(err, "close rebuilt index")
	}
	oldDir, err := e.swapDirs(b.path)
	if err != nil {
		_ = os.RemoveAll(b.path)
		return err
	}
	e.cache.invalidate()
	// The old copy is no longer needed; a failure here only wastes disk
	// until the next Open cleans it up.
	_ = os.RemoveAll(oldDir)
	return nil
}

// swapMem puts the in-memory index idx in place of the live one and
// returns the one it replaced.
func (e *Index) swapMem(idx blevelib.Index) (blevelib.Index, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil, search.Closed()
	}
	old := e.idx
	e.idx, e.created = idx, false
	return old, nil
}

// swapDirs puts the closed index in newDir in place of the live one and
// returns where the old directory went.
func (e *Index) swapDirs(newDir string) (string, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return "", search.Closed()
	}
	oldDir := fmt.Sprintf("%s%s%d", e.path, oldSuffix, time.Now().UnixNano())
	reopenOld := func(cause error, what string) (string, error) {
		idx, err := openBleve(e.path)
		if err != nil {
			e.closed = true // nothing left to serve from
			return "", search.Internal(errors.Join(cause, err), what+"; reopening the old index failed too")
		}
		e.idx = idx
		return "", search.Internal(cause, what)
	}

	if err := e.idx.Close(); err != nil {
		return reopenOld(err, "close live index")
	}
	if err := os.Rename(e.path, oldDir); err != nil {
		return reopenOld(err, "move live index aside")
	}
	if err := os.Rename(newDir, e.path); err != nil {
		_ = os.Rename(oldDir, e.path)
		return reopenOld(err, "move rebuilt index into place")
	}
	idx, err := openBleve(e.path)
	if err != nil {
		_ = os.Rename(e.path, newDir)
		_ = os.Rename(oldDir, e.path)
		return reopenOld(err, "open rebuilt index")
	}
	e.idx, e.created = idx, false
	return oldDir, nil
}

// settle makes a bulk-built on-disk index complete and compact before it is
// closed: Scorch's Close does not flush batches that were not yet
// persisted, so settle waits for them, merges everything into one segment
// (a bulk load leaves a dozen, and searching one is noticeably faster), and
// waits again until the merged state is on disk.
func settle(ctx context.Context, idx blevelib.Index) error {
	if err := flush(ctx, idx); err != nil {
		return err
	}
	adv, err := idx.Advanced()
	if err != nil {
		return err
	}
	if s, ok := adv.(*scorch.Scorch); ok {
		if err := s.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions); err != nil {
			return err
		}
	}
	return flush(ctx, idx)
}

// flush writes a marker batch (the schema version again) and waits until
// Scorch has persisted the snapshot holding it, and with it every earlier
// batch.
func flush(ctx context.Context, idx blevelib.Index) error {
	b := idx.NewBatch()
	b.SetInternal([]byte(internalSchemaKey), []byte(schemaVersion))
	done := make(chan error, 1)
	b.SetPersistedCallback(func(err error) {
		select {
		case done <- err:
		default:
		}
	})
	if err := idx.Batch(b); err != nil {
		return err
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func closeErr(err error) error {
	if err != nil {
		return search.Internal(err, "close replaced index")
	}
	return nil
}

// recoverSwap tidies the siblings of path after a crash: if the live
// directory is missing but an old copy exists (the crash fell between the
// two renames), the newest old copy goes back in place; every other old
// copy and unfinished rebuild is removed.
func recoverSwap(path string) error {
	dir, base := filepath.Split(filepath.Clean(path))
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var olds, rebuilds []string
	for _, en := range entries {
		switch name := en.Name(); {
		case strings.HasPrefix(name, base+oldSuffix):
			olds = append(olds, filepath.Join(dir, name))
		case strings.HasPrefix(name, base+rebuildSuffix):
			rebuilds = append(rebuilds, filepath.Join(dir, name))
		}
	}
	sort.Strings(olds)
	if !dirExists(path) && len(olds) > 0 {
		newest := olds[len(olds)-1]
		if err := os.Rename(newest, path); err != nil {
			return err
		}
		olds = olds[:len(olds)-1]
	}
	var errs []error
	for _, p := range append(olds, rebuilds...) {
		errs = append(errs, os.RemoveAll(p))
	}
	return errors.Join(errs...)
}
