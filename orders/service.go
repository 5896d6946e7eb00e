package orders

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/throttle"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Service is the orders API for the HTTP layer, the web pages and the
// benchmark. It is safe for concurrent use and keeps nothing that matters in
// memory, so several instances can share one database.
type Service struct {
	db         *gorm.DB
	deliveries DeliveryRecorder
	now        func() time.Time
	// lockTimeout is how long an unfinished idempotency key blocks retries
	// before another attempt may take it over (its first attempt crashed).
	lockTimeout time.Duration
	// keyTTL is how long idempotency keys are kept.
	keyTTL time.Duration
	// abandoned maps "scope\x00key" to the lock token of an attempt that
	// failed on this instance and could not free its key (see release).
	abandoned sync.Map
	// attempts counts guest lookups that find nothing (lookup.go).
	attempts     *throttle.Counter
	guestLookups throttle.Rule
	// sepayKey is the hash of the bank webhook's key; nil leaves it off
	// (bank_door.go).
	sepayKey *[32]byte
	// drawCode draws a new order's code: newCode, or a test's own.
	drawCode func() string
}

// Option configures a Service.
type Option func(*Service)

// WithClock replaces the clock; tests use it to age idempotency keys.
func WithClock(now kernel.Clock) Option { return func(s *Service) { s.now = now } }

// WithLockTimeout sets how long a checkout left unfinished by a crash keeps
// its key locked (default one minute, well above the request deadline).
func WithLockTimeout(d time.Duration) Option { return func(s *Service) { s.lockTimeout = d } }

// Defaults of the idempotency records.
const (
	DefaultLockTimeout = time.Minute
	DefaultKeyTTL      = 24 * time.Hour
)

// DeliveryRecorder is told of every order that reaches delivered, inside
// the transaction that moves it there, so what it keeps (the sales reports'
// rollups, reports.Rollups in production) commits or rolls back with the
// move. Delivered is final: each order is recorded once.
//
// RecordRefused is told, in the same way, of a delivered cash-on-delivery
// order whose buyer did not pay at the door: it takes the order back out
// of what RecordDelivered kept, once per order.
type DeliveryRecorder interface {
	RecordDelivered(tx *gorm.DB, orderID string) error
	RecordRefused(tx *gorm.DB, orderID string) error
}

// NewService returns an orders service over db (migrated to 00004 or later)
// that tells deliveries of each delivered order. deliveries is required.
func NewService(db *gorm.DB, deliveries DeliveryRecorder, opts ...Option) *Service {
	if deliveries == nil {
		panic("orders.NewService: nil DeliveryRecorder")
	}
	s := &Service{db: db, deliveries: deliveries, now: time.Now, drawCode: newCode, lockTimeout: DefaultLockTimeout, keyTTL: DefaultKeyTTL, guestLookups: defaultGuestLookups()}
	for _, o := range opts {
		o(s)
	}
	s.attempts = throttle.New(db, func() time.Time { return s.now().UTC() })
	return s
}

// clock returns the current time in UTC, cut to the microseconds both
// databases keep, so what a checkout answers equals what a later read shows.
func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// maxAttempts bounds how often a transaction is run again after PostgreSQL
// aborted it as a deadlock victim or serialisation failure, or a checkout
// drew an order code already taken (one chance in 887 million per order
// already placed).
const maxAttempts = 3

// tx runs fn in one transaction, again when it failed as retryable says,
// and turns unexpected errors into internal ones.
func (s *Service) tx(ctx context.Context, what string, fn func(tx *gorm.DB) error) error {
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		err = database.Transaction(ctx, s.db, fn)
		if err == nil || !retryable(err) || ctx.Err() != nil {
			break
		}
	}
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

// retryable says whether the transaction failed only because of another
// one running at the same time (PostgreSQL gave up on it), or of an order
// code drawn again: a new attempt draws new codes.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.Is(err, errCodeTaken) || errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func isDuplicate(err error) bool { return errors.Is(err, gorm.ErrDuplicatedKey) }

func isNotFound(err error) bool { return errors.Is(err, gorm.ErrRecordNotFound) }

// lockRow takes a FOR UPDATE lock on the rows a query reads, on
// PostgreSQL; SQLite transactions here hold the write lock from the start.
func lockRow(tx *gorm.DB) *gorm.DB {
	if database.DialectOf(tx) == database.Postgres {
		return tx.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	return tx
}
