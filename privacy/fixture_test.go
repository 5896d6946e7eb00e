package privacy_test

import (
	"context"
	"github.com/ganh-market/ganh/kernel"
	"testing"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"gorm.io/gorm"
)

// person is an account with one row of every kind Gánh holds about a
// person, written straight into the database.
type person struct {
	ID, Phone, Name, Token string
}

const (
	personPhone = "+84916000001"
	personName  = "Hoàng Thị Riêng Tư"
)

func exec(t *testing.T, db *gorm.DB, q string, args ...any) {
	t.Helper()
	if err := db.Exec(q, args...).Error; err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// newPerson registers the person (account, session, consent) and gives
// her one row of every other holding: a coop membership (not owner) in a
// coop with a product, a delivered and a pending order with items, a
// guest order placed with her phone, a review, a photo upload, a reset code issued for her and one she issued,
// audit rows, status history rows.
func newPerson(t *testing.T, db *gorm.DB, acc *accounts.Service) person {
	t.Helper()
	ctx := context.Background()
	in, err := acc.Register(ctx, accounts.RegisterInput{Phone: personPhone, Password: "mật khẩu riêng tư", Name: personName, Email: "rieng.tu@example.vn"}, "10.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	p := person{ID: in.User.ID, Phone: personPhone, Name: personName, Token: in.Token}
	owner, err := acc.CreateUser(ctx, accounts.RegisterInput{Phone: "0916000002", Password: "mật khẩu chủ htx", Name: "Chủ Hợp Tác Xã"}, kernel.RoleSeller)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	exec(t, db, `INSERT INTO coops (id, slug, name, kind, province, phone, status, created_at, updated_at)
		VALUES ('coop1', 'htx-mot', 'HTX Một', 'hop_tac_xa', 'ninh-binh', '+84916000002', 'approved', ?, ?)`, now, now)
	exec(t, db, `INSERT INTO coop_members (coop_id, user_id, role, created_at) VALUES ('coop1', ?, 'owner', ?), ('coop1', ?, 'member', ?)`, owner.ID, now, p.ID, now)
	exec(t, db, `INSERT INTO products (id, coop_id, slug, name, category_id, status, created_at, updated_at)
		VALUES ('prod1', 'coop1', 'tra-mot', 'Trà Một', 'cat_tra', 'active', ?, ?)`, now, now)
	exec(t, db, `INSERT INTO product_variants (id, product_id, name, price_vnd, stock, created_at, updated_at)
		VALUES ('var1', 'prod1', 'Gói', 50000, 10, ?, ?)`, now, now)
	for i, st := range []string{"delivered", "pending"} {
		id := []string{"ord1", "ord2"}[i]
		exec(t, db, `INSERT INTO orders (id, code, checkout_id, coop_id, user_id, status, payment_method, payment_status,
			buyer_name, buyer_phone, ship_province, ship_commune, ship_street, note, subtotal_vnd, shipping_vnd, total_vnd, created_at, updated_at)
			VALUES (?, ?, 'chk1', 'coop1', ?, ?, 'cod', 'unpaid', ?, ?, 'ha-noi', 'Phường Hoàn Kiếm', '12 Hàng Bạc', ?, 100000, 30000, 130000, ?, ?)`,
			id, "GN-"+id, p.ID, st, personName, personPhone, "Gọi "+personName+" trước khi giao", now, now)
		exec(t, db, `INSERT INTO order_items (order_id, position, product_id, variant_id, product_name, variant_name, unit_price_vnd, quantity, line_total_vnd)
			VALUES (?, 0, 'prod1', 'var1', 'Trà Một', 'Gói', 50000, 2, 100000)`, id)
		exec(t, db, `INSERT INTO order_status_history (id, order_id, status, actor, created_at) VALUES (?, ?, ?, ?, ?)`, "osh-"+id, id, st, p.ID, now)
	}
	exec(t, db, `INSERT INTO orders (id, code, checkout_id, coop_id, status, payment_method, payment_status,
		buyer_name, buyer_phone, ship_province, ship_commune, ship_street, subtotal_vnd, shipping_vnd, total_vnd, created_at, updated_at)
		VALUES ('ord3', 'GN-ord3', 'chk2', 'coop1', 'cancelled', 'cod', 'unpaid', ?, ?, 'ha-noi', 'Phường Ba Đình', '1 Đội Cấn', 50000, 30000, 80000, ?, ?)`,
		personName, personPhone, now, now)
	exec(t, db, `INSERT INTO reviews (id, order_id, product_id, user_id, reviewer_name, rating, comment, created_at)
		VALUES ('rev1', 'ord1', 'prod1', ?, ?, 5, 'Trà thơm.', ?)`, p.ID, personName, now)
	exec(t, db, `INSERT INTO media_uploads (key, user_id, product_id, created_at) VALUES ('incoming/abc', ?, 'prod1', ?)`, p.ID, now)
	// As Hội staff she once attached a bank transfer to an order by hand.
	exec(t, db, `INSERT INTO bank_payments (id, sepay_id, transfer_type, amount_vnd, order_id, received_at, attached_by, attached_at)
		VALUES ('bp1', 1, 'in', 130000, 'ord2', ?, ?, ?)`, now, p.ID, now)
	exec(t, db, `INSERT INTO notifications (id, user_id, event_id, kind, title, body, created_at) VALUES ('n1', ?, 'e1', 'order_status', 'Đơn hàng đã giao', 'Cảm ơn bạn.', ?)`, p.ID, now)
	exec(t, db, `INSERT INTO notification_messages (id, dedup_key, event_id, kind, channel, user_id, address, title, body, status, created_at)
		VALUES ('m1', 'e1/u/sms', 'e1', 'order_status', 'sms', ?, ?, 'Đơn hàng đã giao', 'Cảm ơn bạn.', 'sent', ?)`, p.ID, personPhone, now)
	exec(t, db, `INSERT INTO notification_settings (user_id, channel, enabled, updated_at) VALUES (?, 'sms', false, ?)`, p.ID, now)
	exec(t, db, `INSERT INTO saved_addresses (id, user_id, recipient_name, phone, province, commune, commune_code, street, is_default, created_at, updated_at)
		VALUES ('sa1', ?, ?, ?, 'ha-noi', 'Phường Hoàn Kiếm', '00070', '12 Hàng Bạc', true, ?, ?)`, p.ID, personName, personPhone, now, now)
	exec(t, db, `INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at) VALUES ('s1', ?, 'https://push.example/1', 'key', 'secret', ?)`, p.ID, now)
	exec(t, db, `INSERT INTO password_reset_codes (id, user_id, code_hash, issued_by, created_at, expires_at) VALUES ('rc1', ?, 'h', ?, ?, ?), ('rc2', ?, 'h', ?, ?, ?)`,
		p.ID, owner.ID, now, now, owner.ID, p.ID, now, now)
	exec(t, db, `INSERT INTO account_audit_log (id, action, actor_id, subject_id, client_ip, created_at) VALUES ('aa1', 'reset_code.issue', ?, ?, '10.0.0.2', ?), ('aa2', 'reset_code.issue', ?, ?, '10.0.0.2', ?)`,
		owner.ID, p.ID, now, p.ID, owner.ID, now)
	exec(t, db, `INSERT INTO coop_audit_log (id, coop_id, actor_id, actor_role, action, subject_type, subject_id, changes, created_at)
		VALUES ('ca1', 'coop1', ?, 'member', 'product.update', 'product', 'prod1', '{}', ?),
		('ca2', 'coop1', ?, 'owner', 'member.add', 'member', ?, '{"role":{"before":null,"after":"member"}}', ?)`, p.ID, now, owner.ID, p.ID, now)
	exec(t, db, `INSERT INTO coop_status_history (id, coop_id, from_status, to_status, actor_id, created_at) VALUES ('cs1', 'coop1', 'pending', 'approved', ?, ?)`, p.ID, now)
	exec(t, db, `INSERT INTO referrers (id, code, name, kind, province, commune, user_id, created_by, created_at)
		VALUES ('ref1', 'HVGV23', 'Hội viên xã Gia Viễn', 'member', 'ninh-binh', 'Gia Viễn', ?, ?, ?),
		('ref2', 'CHGV23', 'Chi hội xã Gia Viễn', 'chapter', 'ninh-binh', 'Gia Viễn', NULL, ?, ?)`, p.ID, owner.ID, now, p.ID, now)
	return p
}
