package database

import (
	"fmt"

	"gorm.io/gorm"
)

// reportDeadlines makes a statement stopped by the end of its context fail
// with the context's error. PostgreSQL's driver already says so; SQLite's
// says only "interrupted", which would reach people as an internal error
// instead of the retryable "busy" answer a passed deadline gets (apperr.Wrap
// recognises the context's error).
func reportDeadlines(db *gorm.DB) error {
	cb := db.Callback()
	for _, err := range []error{
		cb.Create().After("*").Register("ganh:deadline", contextError),
		cb.Query().After("*").Register("ganh:deadline", contextError),
		cb.Update().After("*").Register("ganh:deadline", contextError),
		cb.Delete().After("*").Register("ganh:deadline", contextError),
		cb.Row().After("*").Register("ganh:deadline", contextError),
		cb.Raw().After("*").Register("ganh:deadline", contextError),
	} {
		if err != nil {
			return fmt.Errorf("register deadline callback: %w", err)
		}
	}
	return nil
}

func contextError(db *gorm.DB) {
	ctx := db.Statement.Context
	if db.Error == nil || ctx == nil {
		return
	}
	db.Error = withContextError(ctx, db.Error)
}
