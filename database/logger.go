package database

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// slowQuery is the duration above which a query is logged as slow.
const slowQuery = 500 * time.Millisecond

// quietLogger sends GORM's failures and slow queries to slog and nothing
// else. GORM's own slog logger renders every statement's SQL (regular
// expressions over the query) before deciding not to log it, which cost
// about a tenth of the CPU of a checkout benchmark; this one renders the SQL
// only for the few statements it logs.
type quietLogger struct {
	inner logger.Interface
}

func newLogger(l *slog.Logger) logger.Interface {
	return quietLogger{inner: logger.NewSlogLogger(l, logger.Config{
		SlowThreshold:             slowQuery,
		LogLevel:                  logger.Warn,
		IgnoreRecordNotFoundError: true,
		ParameterizedQueries:      true,
	})}
}

func (q quietLogger) LogMode(level logger.LogLevel) logger.Interface {
	return quietLogger{inner: q.inner.LogMode(level)}
}

func (q quietLogger) Info(ctx context.Context, msg string, args ...any) {
	q.inner.Info(ctx, msg, args...)
}

func (q quietLogger) Warn(ctx context.Context, msg string, args ...any) {
	q.inner.Warn(ctx, msg, args...)
}

func (q quietLogger) Error(ctx context.Context, msg string, args ...any) {
	q.inner.Error(ctx, msg, args...)
}

// Trace hands a statement to the inner logger only when it failed (a
// missing record is an ordinary answer, not a failure) or was slow.
func (q quietLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	failed := err != nil && !errors.Is(err, gorm.ErrRecordNotFound)
	if failed || time.Since(begin) > slowQuery {
		q.inner.Trace(ctx, begin, fc, err)
	}
}
