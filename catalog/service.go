package catalog

import (
	"context"
	"errors"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Service is the catalog's API for the HTTP layer, the web pages, the seed
// command and other domains. It is safe for concurrent use and keeps no state
// that matters between calls, so several instances can share one database.
type Service struct {
	db     *gorm.DB
	images ImageURLs
	now    kernel.Clock
}

// Option configures a Service.
type Option func(*Service)

// WithImageURLs sets how image keys become URLs; without it products are
// shown with no images.
func WithImageURLs(u ImageURLs) Option { return func(s *Service) { s.images = u } }

// WithClock replaces the clock; tests use it for featured windows.
func WithClock(now kernel.Clock) Option { return func(s *Service) { s.now = now } }

// NewService returns a catalog service over db (migrated to 00003 or later).
func NewService(db *gorm.DB, opts ...Option) *Service {
	s := &Service{db: db, now: kernel.UTCClock}
	for _, o := range opts {
		o(s)
	}
	return s
}

// tx runs fn in one transaction, turning unexpected errors into internal ones.
func (s *Service) tx(ctx context.Context, what string, fn func(tx *gorm.DB) error) error {
	err := s.db.WithContext(ctx).Transaction(fn)
	if err == nil {
		return nil
	}
	if isDuplicate(err) {
		return apperr.Conflictf(apperr.CodeConflict, "Dữ liệu trùng với một bản ghi đã có.")
	}
	return apperr.Wrap(err, what)
}

// read starts a query outside any transaction.
func (s *Service) read(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func isDuplicate(err error) bool { return errors.Is(err, gorm.ErrDuplicatedKey) }

// forUpdate locks the rows a query reads until the transaction ends, on
// PostgreSQL; SQLite transactions here take the write lock up front
// (_txlock=immediate), so there is nothing to add.
func forUpdate(tx *gorm.DB) *gorm.DB {
	if database.DialectOf(tx) == database.Postgres {
		return tx.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	return tx
}

func errNotFound(what string) error { return apperr.NotFoundf("Không tìm thấy %s.", what) }
