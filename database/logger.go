package database

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// slowQuery is the duration above which a statement is logged as slow.
const slowQuery = 500 * time.Millisecond

// quietLogger sends GORM's failed and slow statements to slog, and nothing
// else. It never logs the values bound to a statement: they are phones,
// names, addresses and password hashes. A statement is logged by its shape
// (with its placeholders), a failure by its SQLSTATE, constraint, table and
// column, and a message with its quoted parts removed (PostgreSQL quotes
// the offending value in some messages: `invalid input syntax … "0912…"`).
//
// It also renders a statement only when it logs it: GORM's own slog logger
// renders every statement before deciding not to log it, which cost about a
// tenth of the CPU of a checkout benchmark.
type quietLogger struct {
	log   *slog.Logger
	slow  time.Duration
	level logger.LogLevel
}

// NewLogger returns the statement logger Open installs, which logs
// statements slower than slow (0: 500 ms). Tests install it on a session to
// read what it logs.
func NewLogger(l *slog.Logger, slow time.Duration) logger.Interface {
	if slow <= 0 {
		slow = slowQuery
	}
	return quietLogger{log: l, slow: slow, level: logger.Warn}
}

// LogMode sets how much GORM's own messages log (Silent turns statements off too).
func (q quietLogger) LogMode(level logger.LogLevel) logger.Interface {
	q.level = level
	return q
}

// ParamsFilter is asked by GORM before it renders a statement for Trace:
// handing back no parameters leaves the placeholders in place.
func (quietLogger) ParamsFilter(_ context.Context, sql string, _ ...any) (string, []any) {
	return sql, nil
}

func (q quietLogger) Info(ctx context.Context, msg string, args ...any) {
	if q.level >= logger.Info {
		q.log.InfoContext(ctx, fmt.Sprintf(msg, args...))
	}
}

func (q quietLogger) Warn(ctx context.Context, msg string, args ...any) {
	if q.level >= logger.Warn {
		q.log.WarnContext(ctx, fmt.Sprintf(msg, args...))
	}
}

func (q quietLogger) Error(ctx context.Context, msg string, args ...any) {
	if q.level >= logger.Error {
		q.log.ErrorContext(ctx, fmt.Sprintf(msg, args...))
	}
}

// Trace logs a statement that failed (a missing record is an ordinary
// answer, not a failure) or was slow.
func (q quietLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if q.level <= logger.Silent {
		return
	}
	took := time.Since(begin)
	failed := err != nil && !errors.Is(err, gorm.ErrRecordNotFound)
	if !failed && took <= q.slow {
		return
	}
	sql, rows := fc()
	attrs := []slog.Attr{
		slog.String("sql", pgPlaceholder.ReplaceAllString(sql, "$$$1")),
		slog.Float64("duration_ms", float64(took.Microseconds())/1000),
		slog.Int64("rows", rows),
	}
	level, msg := slog.LevelWarn, "slow statement"
	if failed {
		msg = "statement failed"
		level = failureLevel(err)
		attrs = append(attrs, errorAttrs(err)...)
	}
	q.log.LogAttrs(ctx, level, msg, attrs...)
}

// failureLevel is how loud a failed statement is. A unique violation is an
// answer the caller expects and turns into a 409 (a phone that already has
// an account), not a fault; a statement stopped by its deadline is a
// busy moment, answered 503.
func failureLevel(err error) slog.Level {
	switch {
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return slog.LevelDebug
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return slog.LevelWarn
	}
	return slog.LevelError
}

// pgPlaceholder is how GORM's PostgreSQL dialect leaves a placeholder it
// was given no value for ($1$); the log shows it as written ($1).
var pgPlaceholder = regexp.MustCompile(`\$(\d+)\$`)

// quoted matches what database messages quote: identifiers, and in some
// messages the value that was refused.
var quoted = regexp.MustCompile(`"[^"]*"|'[^']*'`)

// errorAttrs describes a database error for the log without the values it
// may quote: the SQLSTATE, constraint, table and column PostgreSQL names,
// and the message with every quoted part replaced by "…".
func errorAttrs(err error) []slog.Attr {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		attrs := []slog.Attr{slog.String("sqlstate", pe.Code), slog.String("error", Redact(pe.Message))}
		for _, a := range [][2]string{{"constraint", pe.ConstraintName}, {"table", pe.TableName}, {"column", pe.ColumnName}} {
			if a[1] != "" {
				attrs = append(attrs, slog.String(a[0], a[1]))
			}
		}
		return attrs
	}
	return []slog.Attr{slog.String("error", Redact(err.Error()))}
}

// Redact removes the quoted parts of an error message, where databases put
// the values they refused. The API and the pages log failed requests
// through it.
func Redact(msg string) string { return quoted.ReplaceAllString(msg, `"…"`) }
