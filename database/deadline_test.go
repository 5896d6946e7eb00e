package database_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ganh-market/ganh/database/dbtest"
	"gorm.io/gorm"
)

// TestStatementCutByDeadlineReportsTheDeadline: a statement stopped because
// its context ended reports the context's error on both engines (SQLite's
// driver says only "interrupted"), so the service answers 503, not 500.
func TestStatementCutByDeadlineReportsTheDeadline(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		if err := db.Exec("CREATE TABLE big (n INTEGER NOT NULL)").Error; err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		err := db.WithContext(ctx).Exec(`INSERT INTO big (n)
			WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500000000) SELECT x FROM c`).Error
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("statement cut by its deadline failed with %v, want context.DeadlineExceeded", err)
		}
	})
}
