package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// A transaction that writes many rows spends most of its time, on
// PostgreSQL, in round trips: each statement waits for its answer before
// the next is sent, and on a busy machine each wait is a switch between
// this process and the server's. A Pipeline sends statements whose answers
// nothing in between needs in one round trip (the protocol's pipeline mode,
// pgx's batch). The server still runs them one after the other, in the
// order they were queued, so the locks they take come in that order.
//
// Statements are built by GORM as if they ran (DryRun), so its callbacks
// see each one; they then run outside GORM, and Run hands a failure or a
// slow run to GORM's logger itself. On SQLite, and on PostgreSQL in a
// transaction that did not start with Transaction, Run sends them one
// after the other.

// Pipeline is a queue of statements of the transaction tx, sent by Run. A
// statement run on tx itself meanwhile runs before those still queued.
type Pipeline struct {
	tx    *gorm.DB
	dry   *gorm.DB
	steps []pipelineStep
}

type pipelineStep struct {
	sql  string
	vars []any
	// err is why GORM could not build the statement; Run returns it and
	// sends nothing.
	err error
	// affected, for a statement run for its effect, is told how many rows it
	// changed; row, for a query, is called for each row with its Scan.
	affected func(n int64) error
	row      func(scan func(dest ...any) error) error
}

// NewPipeline starts an empty pipeline on tx, a transaction.
func NewPipeline(tx *gorm.DB) *Pipeline {
	return &Pipeline{tx: tx, dry: tx.Session(&gorm.Session{DryRun: true})}
}

// Tx is the transaction the pipeline runs in.
func (p *Pipeline) Tx() *gorm.DB { return p.tx }

// Exec queues the statement q (with GORM's ? placeholders) with args;
// affected, when not nil, is told how many rows it changed.
func (p *Pipeline) Exec(affected func(n int64) error, q string, args ...any) {
	p.queue(p.dry.Exec(q, args...), affected, nil)
}

// Create queues GORM's INSERT of value, a pointer to a row or to a slice
// of rows, whose fields must all be set (nothing is read back), with the
// clauses given (ON CONFLICT, say); affected, when not nil, is told how
// many rows it inserted.
func (p *Pipeline) Create(value any, affected func(n int64) error, clauses ...clause.Expression) {
	p.queue(p.dry.Clauses(clauses...).Create(value), affected, nil)
}

// Updates queues GORM's UPDATE of the rows of model matching where (a
// condition with ? placeholders and its args) to values.
func (p *Pipeline) Updates(affected func(n int64) error, model any, values map[string]any, where string, args ...any) {
	p.queue(p.dry.Model(model).Where(where, args...).Updates(values), affected, nil)
}

// Query queues the query q with args; row is called for each row it
// answers, with the row's Scan.
func (p *Pipeline) Query(row func(scan func(dest ...any) error) error, q string, args ...any) {
	p.queue(p.dry.Exec(q, args...), nil, row)
}

func (p *Pipeline) queue(built *gorm.DB, affected func(int64) error, row func(func(...any) error) error) {
	st := built.Statement
	p.steps = append(p.steps, pipelineStep{sql: st.SQL.String(), vars: st.Vars, err: built.Error, affected: affected, row: row})
}

// Run sends the queued statements and hands each one's answer to its
// callback, in order. The first error (of a statement or a callback) is
// returned and the transaction must be rolled back. The pipeline is empty
// afterwards.
func (p *Pipeline) Run() error {
	steps := p.steps
	p.steps = nil
	for _, s := range steps {
		if s.err != nil {
			return s.err
		}
	}
	if len(steps) == 0 {
		return nil
	}
	ctx := p.tx.Statement.Context
	if ctx == nil {
		ctx = context.Background()
	}
	start := time.Now()
	var failed int
	var err error
	if conn, ok := ctx.Value(pinnedConnKey{}).(*sql.Conn); ok && DialectOf(p.tx) == Postgres {
		err = conn.Raw(func(dc any) error {
			c, ok := dc.(*stdlib.Conn)
			if !ok {
				return fmt.Errorf("pipeline: connection is a %T, not pgx's", dc)
			}
			failed, err = runBatch(ctx, c.Conn(), steps)
			return err
		})
	} else {
		failed, err = runInTurn(ctx, p.tx.Statement.ConnPool, steps)
	}
	var refused callbackError
	if errors.As(err, &refused) {
		return refused.err // an answer its caller refused, not a failed statement
	}
	// As GORM's own statements are: a failure or a slow run is logged by
	// the statements' shape, never their values.
	p.tx.Logger.Trace(ctx, start, func() (string, int64) {
		if err != nil && failed < len(steps) {
			return steps[failed].sql, -1
		}
		all := make([]string, len(steps))
		for i, s := range steps {
			all[i] = s.sql
		}
		return strings.Join(all, ";\n"), -1
	}, err)
	if err != nil {
		if t, ok := p.tx.Dialector.(gorm.ErrorTranslator); ok && p.tx.Config.TranslateError {
			err = t.Translate(err)
		}
		return withContextError(ctx, err)
	}
	return nil
}

// callbackError is an error of a step's callback, told apart from a
// statement's own failure.
type callbackError struct{ err error }

func (e callbackError) Error() string { return e.err.Error() }

// runBatch sends steps as one pgx batch on c and reads their answers. It
// answers the index of the step that failed.
func runBatch(ctx context.Context, c *pgx.Conn, steps []pipelineStep) (int, error) {
	b := &pgx.Batch{}
	for _, s := range steps {
		b.Queue(s.sql, s.vars...)
	}
	br := c.SendBatch(ctx, b)
	for i, s := range steps {
		if err := readBatchAnswer(br, s); err != nil {
			_ = br.Close()
			return i, err
		}
	}
	return len(steps), br.Close()
}

func readBatchAnswer(br pgx.BatchResults, s pipelineStep) error {
	if s.row == nil {
		tag, err := br.Exec()
		if err != nil {
			return err
		}
		return s.told(tag.RowsAffected())
	}
	rows, err := br.Query()
	if err != nil {
		return err
	}
	defer rows.Close()
	return s.scan(rows.Next, rows.Scan, rows.Err)
}

// runInTurn runs steps one after the other on pool. It answers the index
// of the step that failed.
func runInTurn(ctx context.Context, pool gorm.ConnPool, steps []pipelineStep) (int, error) {
	for i, s := range steps {
		if err := runOne(ctx, pool, s); err != nil {
			return i, err
		}
	}
	return len(steps), nil
}

func runOne(ctx context.Context, pool gorm.ConnPool, s pipelineStep) error {
	if s.row != nil {
		rows, err := pool.QueryContext(ctx, s.sql, s.vars...)
		if err != nil {
			return err
		}
		defer rows.Close()
		return s.scan(rows.Next, rows.Scan, rows.Err)
	}
	res, err := pool.ExecContext(ctx, s.sql, s.vars...)
	if err != nil {
		return err
	}
	if s.affected == nil {
		return nil
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	return s.told(n)
}

// told hands a statement's count of rows to its callback.
func (s pipelineStep) told(n int64) error {
	if s.affected == nil {
		return nil
	}
	if err := s.affected(n); err != nil {
		return callbackError{err}
	}
	return nil
}

// scan hands each row of a query to its callback.
func (s pipelineStep) scan(next func() bool, scan func(...any) error, rowsErr func() error) error {
	for next() {
		if err := s.row(scan); err != nil {
			return callbackError{err}
		}
	}
	return rowsErr()
}

type pinnedConnKey struct{}

// Transaction runs fn in a transaction of db, on PostgreSQL on a connection
// its Pipelines send their batches on; it commits when fn returns nil and
// rolls back otherwise, as gorm.DB.Transaction does.
func Transaction(ctx context.Context, db *gorm.DB, fn func(tx *gorm.DB) error) error {
	pool, err := db.DB()
	if DialectOf(db) != Postgres || err != nil { // SQLite, or db is a transaction already
		return db.WithContext(ctx).Transaction(fn)
	}
	conn, err := pool.Conn(ctx)
	if err != nil {
		return withContextError(ctx, err)
	}
	defer func() { _ = conn.Close() }()
	pinned := db.WithContext(context.WithValue(ctx, pinnedConnKey{}, conn))
	pinned.Statement.ConnPool = conn
	return pinned.Transaction(fn)
}
