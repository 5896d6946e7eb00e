package privacy_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/privacy"
	"gorm.io/gorm"
)

// TestEveryPersonColumnIsHeld fails when a table gains a column that names
// a person (a foreign key to users, or a user-ish name) without an entry
// in privacy.Holdings: the export would miss it and erasure forget it.
func TestEveryPersonColumnIsHeld(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		held := map[tableColumn]bool{}
		for _, h := range privacy.Holdings {
			held[tableColumn{h.Table, h.Column}] = true
		}
		for _, c := range personColumns(t, db) {
			if !held[c] {
				t.Errorf("%s.%s names a person but is not in privacy.Holdings (privacy/holdings.go)", c.Table, c.Column)
			}
		}
	})
}

func export(t *testing.T, svc *privacy.Service, userID string) (map[string]json.RawMessage, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := svc.Export(context.Background(), userID, &buf); err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("the export is not JSON: %v\n%.2000s", err, buf.String())
	}
	return doc, buf.String()
}

// TestExportNamesEveryHolding: with one row of every kind for a person,
// the export has a non-empty section for each holding, orders carry their
// items, and no secret (password, token or code hash) leaves.
func TestExportNamesEveryHolding(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		acc := accounts.NewService(db, accounts.Options{})
		p := newPerson(t, db, acc)
		doc, text := export(t, privacy.NewService(db, acc), p.ID)

		var account map[string]any
		if err := json.Unmarshal(doc["account"], &account); err != nil || account["phone"] != p.Phone || account["name"] != p.Name {
			t.Fatalf("account %s", doc["account"])
		}
		for _, h := range privacy.Holdings {
			if h.Table == "users" {
				continue
			}
			raw, ok := doc[h.Section]
			if !ok && h.Optional {
				continue
			}
			var rows []map[string]any
			if err := json.Unmarshal(raw, &rows); err != nil || len(rows) == 0 {
				t.Errorf("section %q (%s.%s) is missing or empty: %s", h.Section, h.Table, h.Column, raw)
			}
			for _, r := range rows {
				for _, o := range h.Omit {
					if _, leaked := r[o]; leaked {
						t.Errorf("section %q exports %s", h.Section, o)
					}
				}
			}
		}
		var orders []struct {
			Code  string
			Items []map[string]any
		}
		if err := json.Unmarshal(doc["orders"], &orders); err != nil || len(orders) != 3 || len(orders[0].Items) != 1 {
			t.Fatalf("orders %s", doc["orders"])
		}
		var addresses []map[string]string
		if err := json.Unmarshal(doc["addresses"], &addresses); err != nil || len(addresses) != 2 || addresses[1]["ship_street"] != "12 Hàng Bạc" {
			t.Fatalf("addresses %s", doc["addresses"])
		}
		var consent []map[string]any
		if err := json.Unmarshal(doc["consent"], &consent); err != nil || len(consent) != 1 || consent[0]["version"] != accounts.PrivacyNoticeVersion {
			t.Fatalf("consent %s", doc["consent"])
		}
		for _, secret := range []string{"password_hash", "token_hash", "code_hash", "$argon2id$"} {
			if strings.Contains(text, secret) {
				t.Errorf("the export holds %q", secret)
			}
		}
	})
}

// TestNotificationsExportedAndErased: the person's notifications, their
// deliveries, channel settings and push subscriptions (package notify) are
// in the export, and gone after erasure.
func TestNotificationsExportedAndErased(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		acc := accounts.NewService(db, accounts.Options{})
		p := newPerson(t, db, acc)
		svc := privacy.NewService(db, acc)
		doc, _ := export(t, svc, p.ID)
		var rows []map[string]any
		if err := json.Unmarshal(doc["notifications"], &rows); err != nil || len(rows) != 1 {
			t.Fatalf("notifications %s", doc["notifications"])
		}
		if err := svc.Erase(context.Background(), p.ID, "mật khẩu riêng tư", ""); err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"notifications", "notification_messages", "notification_settings", "push_subscriptions"} {
			var n int64
			db.Raw("SELECT COUNT(*) FROM "+table+" WHERE user_id = ?", p.ID).Scan(&n)
			if n != 0 {
				t.Errorf("her %s survived erasure", table)
			}
		}
	})
}

// TestExportPagesLongSections: a section longer than a page (here the
// person's order status changes) comes out whole, each row once.
func TestExportPagesLongSections(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		acc := accounts.NewService(db, accounts.Options{})
		p := newPerson(t, db, acc)
		err := db.Transaction(func(tx *gorm.DB) error {
			for i := range 1100 {
				if err := tx.Exec(`INSERT INTO order_status_history (id, order_id, status, actor, created_at) VALUES (?, 'ord2', 'pending', ?, CURRENT_TIMESTAMP)`,
					fmt.Sprintf("page-%04d", i), p.ID).Error; err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := export(t, privacy.NewService(db, acc), p.ID)
		var rows []struct{ ID string }
		if err := json.Unmarshal(doc["order_status_changes"], &rows); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, r := range rows {
			seen[r.ID] = true
		}
		if len(rows) != 1102 || len(seen) != 1102 {
			t.Fatalf("%d rows, %d distinct, want 1102", len(rows), len(seen))
		}
	})
}
