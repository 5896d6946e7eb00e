package outbox_test

import (
	"errors"
	"testing"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/outbox"
)

// TestGatherWritesAtTheEnd: messages queued inside Gather by the three
// writers are written together once fn succeeds, in the order they were
// queued, and not at all when fn fails.
func TestGatherWritesAtTheEnd(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		err := db.Transaction(func(tx *gorm.DB) error {
			err := outbox.Gather(tx, func(tx *gorm.DB) error {
				if err := outbox.WriteKeys(tx, "product", "p1", "p2"); err != nil {
					return err
				}
				if err := outbox.Write(tx, "note", "n1", map[string]string{"text": "Đơn mới"}); err != nil {
					return err
				}
				if err := outbox.WriteBatch(tx, "note", []outbox.Keyed{{Key: "n2"}}); err != nil {
					return err
				}
				if c := count(t, tx, "SELECT COUNT(*) FROM outbox"); c != 0 {
					t.Errorf("%d rows written before fn returned", c)
				}
				return nil
			})
			if err != nil {
				return err
			}
			var keys []string
			if err := tx.Raw("SELECT aggregate_id FROM outbox ORDER BY id").Scan(&keys).Error; err != nil {
				return err
			}
			if len(keys) != 4 || keys[0] != "p1" || keys[1] != "p2" || keys[2] != "n1" || keys[3] != "n2" {
				t.Errorf("rows %v, want p1 p2 n1 n2", keys)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}

		// The transaction commits although fn failed: Gather wrote nothing.
		boom := errors.New("the change failed")
		err = db.Transaction(func(tx *gorm.DB) error {
			err := outbox.Gather(tx, func(tx *gorm.DB) error {
				if err := outbox.Write(tx, "note", "failed", nil); err != nil {
					return err
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Errorf("Gather = %v, want fn's error", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if c := count(t, db, "SELECT COUNT(*) FROM outbox WHERE aggregate_id = 'failed'"); c != 0 {
			t.Fatalf("%d rows of the failed fn", c)
		}
	})
}
