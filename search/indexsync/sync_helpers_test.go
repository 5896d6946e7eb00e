package indexsync_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/ganh-market/ganh/places"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/search"
	"github.com/ganh-market/ganh/search/bleve"
	"github.com/ganh-market/ganh/search/indexsync"
)

// world is a marketplace over a fresh database with the real embedded
// index (in memory) behind a switchable outage, and the outbox worker.
type world struct {
	t     *testing.T
	ctx   context.Context
	db    *gorm.DB
	cat   *catalog.Service
	idx   *switchable
	sync  *indexsync.Syncer
	owner kernel.Caller
	staff kernel.Caller
}

func newWorld(t *testing.T, db *gorm.DB) *world {
	t.Helper()
	mem, err := bleve.NewMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = mem.Close() })
	w := &world{t: t, ctx: context.Background(), db: db, cat: catalog.NewService(db, catalog.WithImageURLs(cdn{})), idx: newSwitchable(mem)}
	w.sync = indexsync.NewSyncer(db, w.cat, w.idx, indexsync.SyncOptions{RetryBase: 50 * time.Millisecond, RetryMax: time.Second})
	w.owner = w.user(kernel.RoleShopper)
	w.staff = w.user(kernel.RoleStaff)
	return w
}

// withWorld runs fn on every database engine of the run (dbtest.Run), each
// time in a fresh world over that engine: the setup most tests here share.
func withWorld(t *testing.T, fn func(t *testing.T, w *world)) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) { fn(t, newWorld(t, db)) })
}

// cdn builds image URLs the way the media store would.
type cdn struct{}

func (cdn) URL(_ context.Context, key string) string { return "https://cdn.example/" + key }

var phoneSeq atomic.Int64

func (w *world) user(role kernel.Role) kernel.Caller {
	w.t.Helper()
	n := phoneSeq.Add(1)
	now := time.Now().UTC()
	u := accounts.User{ID: uuid.Must(uuid.NewV7()).String(), Phone: fmt.Sprintf("+8492%07d", n), Name: fmt.Sprintf("Người bán %d", n),
		PasswordHash: "x", Role: role, CreatedAt: now, UpdatedAt: now}
	if err := w.db.Create(&u).Error; err != nil {
		w.t.Fatal(err)
	}
	return kernel.Caller{UserID: u.ID, Role: role}
}

// coop opens and approves a cooperative of owner in province.
func (w *world) coop(owner kernel.Caller, name, province string) *catalog.Coop {
	w.t.Helper()
	c, err := w.cat.ApplyForCoop(w.ctx, owner, catalog.CoopInput{
		Name: name, Kind: catalog.KindHopTacXa, Description: "Đặc sản địa phương.", Province: province,
		Commune: firstCommune(w.t, province), Address: "Thôn 1", Phone: "0912 345 678", ShippingFeeVND: 30000,
	})
	if err != nil {
		w.t.Fatalf("apply: %v", err)
	}
	if c, err = w.cat.ApproveCoop(w.ctx, w.staff, c.ID, ""); err != nil {
		w.t.Fatalf("approve: %v", err)
	}
	return c
}

// product adds an active product with one variant at price.
func (w *world) product(owner kernel.Caller, coopID, name, category string, ocop int, price int64) *catalog.Product {
	w.t.Helper()
	p, err := w.cat.CreateProduct(w.ctx, owner, coopID, catalog.ProductInput{
		Name: name, Description: name + " làm thủ công.", Category: category, Unit: "gói", OCOPStars: ocop,
		Tags: []string{"đặc sản"}, Status: catalog.ProductActive,
		Variants: []catalog.VariantInput{{Name: "Gói", PriceVND: price, Stock: 100, WeightGrams: 500}},
	})
	if err != nil {
		w.t.Fatalf("create product: %v", err)
	}
	return p
}

func (w *world) drain() {
	w.t.Helper()
	if err := w.sync.Drain(w.ctx); err != nil {
		w.t.Fatalf("drain: %v", err)
	}
}

func (w *world) search(q search.Query) search.Result {
	w.t.Helper()
	res, err := w.idx.Search(w.ctx, q)
	if err != nil {
		w.t.Fatalf("search %+v: %v", q, err)
	}
	return res
}

// hit finds product id in a search for text, or nil.
func (w *world) hit(text, id string) *search.Hit {
	w.t.Helper()
	res := w.search(search.Query{Text: text, PerPage: 100})
	for i := range res.Hits {
		if res.Hits[i].ID == id {
			return &res.Hits[i]
		}
	}
	return nil
}

func (w *world) pending() int64 {
	w.t.Helper()
	var n int64
	if err := w.db.Raw("SELECT COUNT(*) FROM outbox WHERE topic = 'product' AND processed_at IS NULL").Scan(&n).Error; err != nil {
		w.t.Fatal(err)
	}
	return n
}

// switchable is the real index with a switch: while down, writes fail as a
// Meilisearch outage would (the unavailable error the real client gives),
// and it counts the writes it let through, per product.
type switchable struct {
	search.Index
	down atomic.Bool
	// slow, when set, makes each write wait up to that long first, as a
	// remote index would: it widens the window between a worker's read
	// and its write.
	slow time.Duration
	// hang, when set, makes writes wait until their context ends, as a
	// call cut short by shutdown; entered is signalled when one starts.
	hang    atomic.Bool
	entered chan struct{}

	mu      sync.Mutex
	upserts map[string]int
	deletes map[string]int
}

func newSwitchable(idx search.Index) *switchable {
	return &switchable{Index: idx, upserts: map[string]int{}, deletes: map[string]int{}, entered: make(chan struct{}, 1)}
}

var errOutage = &apperr.Error{Kind: apperr.KindUnavailable, Code: apperr.CodeUnavailable,
	Message: "Tìm kiếm tạm thời không khả dụng.", Err: errors.New("test: index down")}

func (s *switchable) Upsert(ctx context.Context, docs ...search.Document) error {
	if s.down.Load() {
		return errOutage
	}
	if s.slow > 0 {
		time.Sleep(rand.N(s.slow))
	}
	if s.hang.Load() {
		s.entered <- struct{}{}
		<-ctx.Done()
		return ctx.Err()
	}
	if err := s.Index.Upsert(ctx, docs...); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range docs {
		s.upserts[d.ID]++
	}
	return nil
}

func (s *switchable) Delete(ctx context.Context, ids ...string) error {
	if s.down.Load() {
		return errOutage
	}
	if err := s.Index.Delete(ctx, ids...); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		s.deletes[id]++
	}
	return nil
}

func (s *switchable) Search(ctx context.Context, q search.Query) (search.Result, error) {
	if s.down.Load() {
		return search.Result{}, errOutage
	}
	return s.Index.Search(ctx, q)
}

func (s *switchable) Healthy(ctx context.Context) error {
	if s.down.Load() {
		return errOutage
	}
	return s.Index.Healthy(ctx)
}

// counts returns a copy of the per-product write counts and resets them.
func (s *switchable) counts() (upserts, deletes map[string]int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	upserts, deletes = s.upserts, s.deletes
	s.upserts, s.deletes = map[string]int{}, map[string]int{}
	return upserts, deletes
}

func ids(res search.Result) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.ID
	}
	return out
}

func contains(res search.Result, id string) bool { return slices.Contains(ids(res), id) }

// firstCommune is a commune of the province, for coops whose commune does
// not matter to the test.
func firstCommune(t testing.TB, province string) string {
	t.Helper()
	list, ok := places.Communes(province)
	if !ok {
		t.Fatalf("no province %s", province)
	}
	return list[0].Code
}
