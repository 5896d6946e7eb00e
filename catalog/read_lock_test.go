package catalog_test

import (
	"context"
	"testing"
	"time"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// TestReadsDoNotWaitForTheWriteLock: listing members, the status history
// and the audit log, and asking whether a photo may be added, only read. They
// must not queue behind a writer holding the coop (a checkout, a product
// edit): on PostgreSQL another transaction holds the coop row FOR UPDATE, on
// SQLite another connection holds the database's one write lock. The
// deadline is only a safety net: nothing here measures time.
func TestReadsDoNotWaitForTheWriteLock(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		owner, staff := f.user(kernel.RoleShopper), f.user(kernel.RoleStaff)
		c := f.coop(owner, staff, "HTX Đọc không khoá", true)
		p := f.product(owner, c.ID, "Chiếu cói", catalog.ProductActive)

		release := holdCoopForUpdate(t, db, c.ID)
		defer release()

		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if _, err := f.s.Members(ctx, owner, c.ID); err != nil {
			t.Errorf("members: %v", err)
		}
		if _, err := f.s.CoopHistory(ctx, owner, c.ID); err != nil {
			t.Errorf("history: %v", err)
		}
		if _, err := f.s.Audit(ctx, owner, c.ID, kernel.PageRequest{}); err != nil {
			t.Errorf("audit: %v", err)
		}
		if err := f.s.CanEditProduct(ctx, owner, p.ID); err != nil {
			t.Errorf("product image access: %v", err)
		}
		if _, err := f.s.CoopImageAccess(ctx, owner, c.ID, "logo"); err != nil {
			t.Errorf("coop image access: %v", err)
		}
	})
}

// holdCoopForUpdate opens a transaction that writes the coop row (so it
// holds it FOR UPDATE on PostgreSQL and the write lock on SQLite) and keeps
// it open until the returned function is called.
func holdCoopForUpdate(t *testing.T, db *gorm.DB, coopID string) (release func()) {
	t.Helper()
	held, done, finished := make(chan error, 1), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		_ = db.Transaction(func(tx *gorm.DB) error {
			var err error
			if database.DialectOf(tx) == database.Postgres {
				err = tx.Exec("SELECT id FROM coops WHERE id = ? FOR UPDATE", coopID).Error
			} else {
				err = tx.Exec("UPDATE coops SET updated_at = updated_at WHERE id = ?", coopID).Error
			}
			held <- err
			<-done
			return nil
		})
	}()
	if err := <-held; err != nil {
		t.Fatalf("hold the coop: %v", err)
	}
	return func() {
		select {
		case <-done:
		default:
			close(done)
		}
		<-finished
	}
}
