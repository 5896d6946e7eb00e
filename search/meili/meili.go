package meili

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/search"
)

// Config says where the Meilisearch products index lives.
type Config struct {
	URL    string // e.g. http://meilisearch:7700
	APIKey string // optional; a key allowed to manage the index
	// IndexUID is the live index; "products" if empty. Rebuilds use
	// IndexUID + "_<unix-nanos>" and swap it in.
	IndexUID string
	// PollInterval is how often task status is checked; 50 ms if zero.
	PollInterval time.Duration
}

// Index is the search.Index kept in Meilisearch, shared by every API instance.
// Writes wait until Meilisearch has applied them and fail when the task
// failed, so the outbox worker only marks a change done once it is visible.
type Index struct {
	client meilisearch.ServiceManager
	uid    string
	poll   time.Duration

	mu         sync.Mutex
	created    bool
	rebuilding bool
}

var _ search.Index = (*Index)(nil)

// Open connects, makes sure the index exists with primary key "id", and
// applies the settings (searchable, filterable and sortable attributes,
// ranking, synonyms, typo tolerance). Settings are idempotent: Meilisearch
// only reindexes when they changed.
func Open(ctx context.Context, cfg Config) (*Index, error) {
	if cfg.URL == "" {
		return nil, errors.New("search: Open needs a URL")
	}
	if cfg.IndexUID == "" {
		cfg.IndexUID = "products"
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = defaultMeiliPoll
	}
	client := meilisearch.New(cfg.URL,
		meilisearch.WithAPIKey(cfg.APIKey),
		meilisearch.WithCustomRetries([]int{502, 503, 504}, 3))
	m := &Index{client: client, uid: cfg.IndexUID, poll: cfg.PollInterval}
	created, err := m.ensureIndex(ctx, m.uid)
	if err != nil {
		client.Close()
		return nil, err
	}
	m.created = created
	if err := m.applySettings(ctx, m.uid); err != nil {
		client.Close()
		return nil, err
	}
	return m, nil
}

// ensureIndex creates uid with primary key "id" unless it exists, and sets
// the primary key on an existing index that has none yet. It reports
// whether it created the index.
func (m *Index) ensureIndex(ctx context.Context, uid string) (bool, error) {
	info, err := m.client.GetIndex(ctx, uid)
	if err == nil {
		switch info.PrimaryKey {
		case meiliPrimaryKey:
			return false, nil
		case "":
			t, err := m.client.Index(uid).UpdateIndex(ctx, &meilisearch.UpdateIndexRequestParams{PrimaryKey: meiliPrimaryKey})
			return false, m.wait(ctx, t, err, "set primary key of "+uid)
		default:
			return false, search.Internal(fmt.Errorf("index %s has primary key %q, want %q", uid, info.PrimaryKey, meiliPrimaryKey), "open index")
		}
	}
	var me *meilisearch.Error
	if !errors.As(err, &me) || !me.HasCode(meilisearch.APIErrCodeIndexNotFound) {
		return false, meiliErr(err, "get index "+uid)
	}
	t, err := m.client.CreateIndex(ctx, &meilisearch.IndexConfig{Uid: uid, PrimaryKey: meiliPrimaryKey})
	err = m.wait(ctx, t, err, "create index "+uid)
	var te *taskError
	if errors.As(err, &te) && te.code == meilisearch.APIErrCodeIndexAlreadyExists {
		return false, nil // another instance won the race
	}
	return err == nil, err
}

func (m *Index) applySettings(ctx context.Context, uid string) error {
	t, err := m.client.Index(uid).UpdateSettings(ctx, meiliSettings())
	return m.wait(ctx, t, err, "update settings of "+uid)
}

// taskError is a Meilisearch task that ended in failure or cancellation.
type taskError struct {
	uid     int64
	status  meilisearch.TaskStatus
	code    meilisearch.APIErrCode
	message string
}

func (e *taskError) Error() string {
	return fmt.Sprintf("meilisearch task %d %s: %s (%s)", e.uid, e.status, e.message, e.code)
}

// wait waits for the task of an asynchronous call and turns a failed task
// into an error: WaitForTask itself returns nil for a failed task.
func (m *Index) wait(ctx context.Context, info *meilisearch.TaskInfo, err error, what string) error {
	if err != nil {
		return meiliErr(err, what)
	}
	task, err := m.client.WaitForTask(ctx, info.TaskUID, m.poll)
	if err != nil {
		return meiliErr(err, what+": wait for task")
	}
	if task.Status != meilisearch.TaskStatusSucceeded {
		return search.Internal(&taskError{uid: info.TaskUID, status: task.Status, code: task.Error.Code, message: task.Error.Message}, what)
	}
	return nil
}

// meiliErr maps a client error: transport trouble, timeouts and 5xx/429
// mean the service is unavailable for now; anything else is a bug or a
// misconfiguration.
func meiliErr(err error, what string) error {
	var me *meilisearch.Error
	if errors.As(err, &me) {
		switch {
		case me.ErrCode == meilisearch.CommunicationError,
			me.ErrCode == meilisearch.TimeoutError,
			me.ErrCode == meilisearch.MaxRetriesExceeded,
			me.StatusCode >= 500, me.StatusCode == 429:
			return search.Unavailable(err, what)
		}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return search.Unavailable(err, what)
	}
	return search.Internal(err, what)
}

// Upsert implements Writer: documents are added (full replace by id) in
// batches, waiting for each task.
func (m *Index) Upsert(ctx context.Context, docs ...search.Document) error {
	return m.upsert(ctx, m.uid, docs)
}

func (m *Index) upsert(ctx context.Context, uid string, docs []search.Document) error {
	if err := search.ValidateDocuments(docs); err != nil {
		return err
	}
	pk := meiliPrimaryKey
	for start := 0; start < len(docs); start += meiliBatchSize {
		chunk := docs[start:min(start+meiliBatchSize, len(docs))]
		md := make([]meiliDoc, len(chunk))
		for i, d := range chunk {
			md[i] = toMeiliDoc(d)
		}
		t, err := m.client.Index(uid).AddDocuments(ctx, md, &meilisearch.DocumentOptions{PrimaryKey: &pk})
		if err := m.wait(ctx, t, err, "add documents to "+uid); err != nil {
			return err
		}
	}
	return nil
}

// Delete implements Writer; Meilisearch ignores ids it does not hold.
func (m *Index) Delete(ctx context.Context, ids ...string) error {
	return m.delete(ctx, m.uid, ids)
}

func (m *Index) delete(ctx context.Context, uid string, ids []string) error {
	var keep []string
	for _, id := range ids {
		if id != "" {
			keep = append(keep, id)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	t, err := m.client.Index(uid).DeleteDocuments(ctx, keep, nil)
	return m.wait(ctx, t, err, "delete documents from "+uid)
}

// Search implements Searcher.
func (m *Index) Search(ctx context.Context, q search.Query) (search.Result, error) {
	q, err := q.Normalize()
	if err != nil {
		return search.Result{}, err
	}
	per := int64(q.PerPage)
	req := &meilisearch.SearchRequest{
		HitsPerPage:          &per,
		Page:                 int64(q.Page),
		Facets:               []string{attrCategorySlug, attrProvinceSlug, attrOCOPStars},
		Sort:                 meiliSort(q.Sort),
		AttributesToRetrieve: hitAttributes(),
		MatchingStrategy:     meilisearch.All,
	}
	if f := meiliFilter(q); f != "" {
		req.Filter = f
	}
	resp, err := m.client.Index(m.uid).Search(ctx, q.Text, req)
	if err != nil {
		return search.Result{}, meiliErr(err, "search")
	}
	var docs []meiliDoc
	if err := resp.Hits.DecodeInto(&docs); err != nil {
		return search.Result{}, search.Internal(err, "decode hits")
	}
	out := search.Result{Total: int(resp.TotalHits), Page: q.Page, PerPage: q.PerPage, Facets: search.EmptyFacets(), Hits: make([]search.Hit, 0, len(docs))}
	for _, d := range docs {
		out.Hits = append(out.Hits, d.hit())
	}
	if len(resp.FacetDistribution) > 0 {
		var dist map[string]map[string]int
		if err := json.Unmarshal(resp.FacetDistribution, &dist); err != nil {
			return search.Result{}, search.Internal(err, "decode facets")
		}
		for k, v := range dist[attrCategorySlug] {
			out.Facets.Category[k] = v
		}
		for k, v := range dist[attrProvinceSlug] {
			out.Facets.Province[k] = v
		}
		for k, v := range dist[attrOCOPStars] {
			if _, ok := out.Facets.OCOPStars[k]; ok {
				out.Facets.OCOPStars[k] = v
			}
		}
	}
	return out, nil
}

// Suggest implements Searcher: a name-only search, where Meilisearch
// already treats the last word as a prefix.
func (m *Index) Suggest(ctx context.Context, prefix string, limit int) ([]search.Suggestion, error) {
	limit = search.NormalizeSuggestLimit(limit)
	prefix = strings.TrimSpace(search.NormalizeText(prefix))
	if prefix == "" {
		return []search.Suggestion{}, nil
	}
	if search.RuneLen(prefix) > search.MaxQueryRunes {
		return nil, apperr.Field("q", "Từ khoá quá dài.")
	}
	resp, err := m.client.Index(m.uid).Search(ctx, prefix, &meilisearch.SearchRequest{
		Limit:                int64(limit * 3),
		AttributesToSearchOn: []string{attrName},
		AttributesToRetrieve: []string{attrID, attrSlug, attrName},
		MatchingStrategy:     meilisearch.All,
	})
	if err != nil {
		return nil, meiliErr(err, "suggest")
	}
	var docs []meiliDoc
	if err := resp.Hits.DecodeInto(&docs); err != nil {
		return nil, search.Internal(err, "decode suggestions")
	}
	return search.SuggestionsFrom(len(docs), limit, func(i int) search.Hit { return docs[i].hit() }), nil
}

// Healthy implements Index: the server answers and the index exists.
func (m *Index) Healthy(ctx context.Context) error {
	h, err := m.client.Health(ctx)
	if err != nil {
		return meiliErr(err, "health")
	}
	if h.Status != "available" {
		return search.Unavailable(fmt.Errorf("status %q", h.Status), "health")
	}
	if _, err := m.client.GetIndex(ctx, m.uid); err != nil {
		return search.Unavailable(err, "get index "+m.uid)
	}
	return nil
}

// NeedsRebuild implements Rebuilder: true when Open created the index
// or it holds no documents.
func (m *Index) NeedsRebuild(ctx context.Context) (bool, error) {
	if m.wasCreated() {
		return true, nil
	}
	st, err := m.client.Index(m.uid).GetStats(ctx, nil)
	if err != nil {
		return false, meiliErr(err, "index stats")
	}
	return st.NumberOfDocuments == 0, nil
}

// wasCreated says whether Open created the index and no rebuild has
// filled it since.
func (m *Index) wasCreated() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.created
}

// Close implements Index.
func (m *Index) Close() error {
	m.client.Close()
	return nil
}
