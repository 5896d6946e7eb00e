package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"gorm.io/gorm"
)

// The public's hottest reads (a product, a page of products) are one
// statement whose SQL is fixed, and the database composes the answer. GORM
// adds nothing to such a statement but its cost: it scans the SQL for
// placeholders and rebuilds it on every call, and runs its callback chain.
// ScanRow sends it straight to the connection pool instead, with the
// engine's own placeholders written once (Rebind). GORM's slow-statement
// log does not see them; the request log's duration does.

// Rebind rewrites the ? placeholders of q as PostgreSQL's $1, $2, … for d
// (SQLite takes ? as is). q must not hold a ? anywhere else, in a literal
// or an operator: the statements given here are the service's own.
func Rebind(d Dialect, q string) string {
	if d != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] != '?' {
			b.WriteByte(q[i])
			continue
		}
		n++
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}

// ScanRow runs q (already rebound for db's dialect) with args on db's pool
// and scans its first row into dest; sql.ErrNoRows when there is none. A
// statement stopped by the end of ctx fails with ctx's error, as every
// statement through GORM does (reportDeadlines).
func ScanRow(ctx context.Context, db *gorm.DB, q string, args []any, dest ...any) error {
	observeScan(db)
	return withContextError(ctx, db.Statement.ConnPool.QueryRowContext(ctx, q, args...).Scan(dest...))
}

// ScanRows runs q like ScanRow and scans each of its rows into dest, then
// calls use. dest may hold *sql.RawBytes, which point into the driver's
// memory without a copy and are valid only until use returns: use reads
// them (copies what it keeps) while the row is open. sql.ErrNoRows when
// there is no row; use's error stops the reading and is returned.
func ScanRows(ctx context.Context, db *gorm.DB, q string, args []any, dest []any, use func() error) error {
	observeScan(db)
	rows, err := db.Statement.ConnPool.QueryContext(ctx, q, args...)
	if err == nil {
		err = scanEach(rows, dest, use)
	}
	return withContextError(ctx, err)
}

func scanEach(rows *sql.Rows, dest []any, use func() error) error {
	defer rows.Close()
	n := 0
	for ; rows.Next(); n++ {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if err := use(); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if n == 0 {
		return sql.ErrNoRows
	}
	return rows.Close()
}

// observeScan tells the scan observers of a statement on db.
func observeScan(db *gorm.DB) {
	if o := scanObservers.Load(); o != nil {
		for _, fn := range *o {
			fn(db)
		}
	}
}

// withContextError names the end of ctx in err, when ctx stopped the
// statement: as every statement through GORM does (reportDeadlines).
func withContextError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w (%w)", cerr, err)
	}
	return err
}

// scanObservers are told of every ScanRow and ScanRows, as GORM's callbacks are of the
// statements it runs: dbtest.CountQueries counts both.
var (
	scanObservers  atomic.Pointer[[]func(*gorm.DB)]
	scanObserverMu sync.Mutex
)

// ObserveScanRows calls fn with the *gorm.DB of every later ScanRow, for
// the life of the process, as a callback registered on GORM is. Only tests
// that count statements use it.
func ObserveScanRows(fn func(*gorm.DB)) {
	scanObserverMu.Lock()
	defer scanObserverMu.Unlock()
	var list []func(*gorm.DB)
	if o := scanObservers.Load(); o != nil {
		list = append(list, *o...)
	}
	list = append(list, fn)
	scanObservers.Store(&list)
}
