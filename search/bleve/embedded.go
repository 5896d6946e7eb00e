package bleve

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	blevelib "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bbolterrors "go.etcd.io/bbolt/errors"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/search"
)

// Index is the search.Index kept on local disk with Bleve, for installs without
// Meilisearch. One process owns the directory. It is safe for concurrent use.
type Index struct {
	path    string // "" for an in-memory index
	mapping *mapping.IndexMappingImpl
	an      *analyzers
	cache   *resultCache

	// mu guards idx: searches and writes hold it shared, the swap at the
	// end of a rebuild holds it exclusively, so nobody ever sees a closed
	// or half-swapped index.
	mu         sync.RWMutex
	idx        blevelib.Index
	closed     bool
	created    bool // idx was created empty when opened
	rebuilding bool
}

var _ search.Index = (*Index)(nil)

// Open opens the index in the directory path, creating it when it
// does not exist. It also cleans up after a rebuild that crashed midway.
func Open(path string) (*Index, error) {
	if path == "" {
		return nil, errors.New("search: Open needs a directory")
	}
	e, err := newEmbedded(path)
	if err != nil {
		return nil, err
	}
	// Open the live index first when there is one: its lock says whether
	// another process owns the directory, and only the owner may tidy the
	// siblings (a running rebuild of that process lives there).
	var idx blevelib.Index
	if dirExists(path) {
		if idx, err = openBleve(path); err != nil {
			return nil, openErr(err, path)
		}
	}
	if err := recoverSwap(path); err != nil {
		if idx != nil {
			_ = idx.Close()
		}
		return nil, search.Internal(err, "recover interrupted rebuild")
	}
	if idx == nil {
		idx, err = openBleve(path)
		if errors.Is(err, blevelib.ErrorIndexPathDoesNotExist) {
			idx, err = e.create(path, false)
			e.created = true
		}
		if err != nil {
			return nil, openErr(err, path)
		}
	}
	e.idx = idx
	return e, nil
}

// openErr reports a failed open: a clear "in use" error when another
// process holds the index (Bleve's lock on root.bolt), so that `ganh
// reindex` beside a running `ganh serve` fails at once instead of waiting.
func openErr(err error, path string) error {
	if errors.Is(err, bbolterrors.ErrTimeout) {
		return &apperr.Error{
			Kind: apperr.KindConflict,
			Code: CodeIndexLocked,
			Message: "Chỉ mục tìm kiếm ở " + path + " đang được một tiến trình khác (thường là ganh serve) sử dụng. " +
				"Hãy dừng tiến trình đó rồi thử lại; ganh serve tự dựng lại chỉ mục khi khởi động nếu cần.",
			Err: fmt.Errorf("search: open embedded index %s: locked by another process: %w", path, err),
		}
	}
	return search.Internal(err, "open embedded index "+path)
}

// lockTimeout is how long opening an on-disk index waits for another
// process to release it before giving up with CodeIndexLocked.
const lockTimeout = "1s"

// NewMem returns an index that lives in memory only: for tests and
// tools; a rebuild swaps in another in-memory index.
func NewMem() (*Index, error) {
	e, err := newEmbedded("")
	if err != nil {
		return nil, err
	}
	if e.idx, err = e.create("", false); err != nil {
		return nil, search.Internal(err, "create in-memory index")
	}
	e.created = true
	return e, nil
}

func newEmbedded(path string) (*Index, error) {
	im, err := newIndexMapping()
	if err != nil {
		return nil, search.Internal(err, "build index mapping")
	}
	return &Index{path: path, mapping: im, an: newAnalyzers(im), cache: newResultCache()}, nil
}

// create makes a new empty index at path ("" = in memory) with the current
// mapping and schema version. A bulk index (for a rebuild) does not wait
// for each batch to reach the disk: nothing is served from it before Commit
// closes it, which persists everything.
func (e *Index) create(path string, bulk bool) (blevelib.Index, error) {
	var (
		idx blevelib.Index
		err error
	)
	switch {
	case path == "":
		idx, err = blevelib.NewMemOnly(e.mapping)
	case bulk:
		idx, err = blevelib.NewUsing(path, e.mapping, blevelib.Config.DefaultIndexType, blevelib.Config.DefaultKVStore,
			map[string]any{unsafeBatchKey: true})
	default:
		idx, err = blevelib.New(path, e.mapping)
	}
	if err != nil {
		return nil, err
	}
	if err := idx.SetInternal([]byte(internalSchemaKey), []byte(schemaVersion)); err != nil {
		_ = idx.Close()
		return nil, err
	}
	return idx, nil
}

// unsafeBatchKey is Scorch's option to return from a batch before it is
// persisted. Bleve stores the creation options with the index, so every
// open overrides it back to false: a live index must be durable, or the
// outbox would mark changes done that a crash then loses.
const unsafeBatchKey = "unsafe_batch"

// openBleve opens an existing on-disk index with durable batches.
func openBleve(path string) (blevelib.Index, error) {
	return blevelib.OpenUsing(path, map[string]any{unsafeBatchKey: false, "bolt_timeout": lockTimeout})
}

// withIndex runs fn on the live index with the shared lock held. The
// unlock is deferred: a panic inside Bleve reaches the caller (the HTTP
// layer recovers it) without leaving the lock held, which would make the
// next rebuild swap or Close wait forever.
func (e *Index) withIndex(fn func(idx blevelib.Index) error) error {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.closed {
		return search.Closed()
	}
	return fn(e.idx)
}

// Upsert implements Writer.
func (e *Index) Upsert(ctx context.Context, docs ...search.Document) error {
	return e.withIndex(func(idx blevelib.Index) error {
		defer e.cache.invalidate()
		return upsertBleve(ctx, idx, docs)
	})
}

// Delete implements Writer.
func (e *Index) Delete(ctx context.Context, ids ...string) error {
	return e.withIndex(func(idx blevelib.Index) error {
		defer e.cache.invalidate()
		return deleteBleve(ctx, idx, ids)
	})
}

func upsertBleve(ctx context.Context, idx blevelib.Index, docs []search.Document) error {
	if len(docs) == 0 {
		return nil
	}
	if err := search.ValidateDocuments(docs); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	b := idx.NewBatch()
	for _, d := range docs {
		m, err := bleveDoc(d)
		if err != nil {
			return search.Internal(err, "encode document "+d.ID)
		}
		if err := b.Index(d.ID, m); err != nil {
			return search.Internal(err, "index document "+d.ID)
		}
	}
	if err := idx.Batch(b); err != nil {
		return search.Internal(err, "write batch")
	}
	return nil
}

func deleteBleve(ctx context.Context, idx blevelib.Index, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	b := idx.NewBatch()
	for _, id := range ids {
		if id != "" {
			b.Delete(id)
		}
	}
	if err := idx.Batch(b); err != nil {
		return search.Internal(err, "delete batch")
	}
	return nil
}

// Healthy implements Index.
func (e *Index) Healthy(ctx context.Context) error {
	return e.withIndex(func(idx blevelib.Index) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := idx.DocCount(); err != nil {
			return search.Unavailable(err, "doc count")
		}
		return nil
	})
}

// NeedsRebuild implements Rebuilder: true when the index was created empty
// when opened or carries another schema version.
func (e *Index) NeedsRebuild(context.Context) (bool, error) {
	need := false
	err := e.withIndex(func(idx blevelib.Index) error {
		if e.created {
			need = true
			return nil
		}
		v, err := idx.GetInternal([]byte(internalSchemaKey))
		if err != nil {
			return search.Internal(err, "read schema version")
		}
		need = string(v) != schemaVersion
		return nil
	})
	return need, err
}

// Close implements Index. A rebuild still running keeps its own files until
// its Abort.
func (e *Index) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	e.cache.invalidate()
	if err := e.idx.Close(); err != nil {
		return search.Internal(err, "close index")
	}
	return nil
}

// dirExists reports whether path is an existing directory.
func dirExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// CodeIndexLocked is returned by Open when another process (normally
// `ganh serve`) has the on-disk index open.
const CodeIndexLocked = "search_index_locked"

// IsIndexLocked says whether err is Open finding the index open in another
// process (CodeIndexLocked).
func IsIndexLocked(err error) bool { return apperr.CodeOf(err) == CodeIndexLocked }
