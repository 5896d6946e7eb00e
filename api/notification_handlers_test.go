package api_test

import (
	"context"
	"github.com/ganh-market/ganh/kernel"
	"testing"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/notify"
	"github.com/ganh-market/ganh/outbox"
)

// TestNotificationCalls: the inbox, unread count, read, settings and the
// staff's failed list through the API, each answer checked against the
// OpenAPI document; bad input is a problem and changes nothing.
func TestNotificationCalls(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		n := notify.New(db, notify.Options{})
		cat := catalog.NewService(db)
		e := newEnv(t, db, func(d *api.Deps) { d.Notify, d.Catalog = n, cat })
		ctx := context.Background()
		seller := e.UserWithRole("0911000001", "Nguyễn Thị Hoa", kernel.RoleSeller)
		staff := e.UserWithRole("0911000002", "Lê Thị Thu", kernel.RoleStaff)
		actorOf := func(token string) kernel.Caller {
			u, err := e.Accounts.Authenticate(ctx, token)
			if err != nil {
				t.Fatal(err)
			}
			return accounts.CallerOf(u)
		}
		c, err := cat.ApplyForCoop(ctx, actorOf(seller), catalog.CoopInput{Name: "HTX Tơ tằm Nam Cao", Kind: catalog.KindHopTacXa,
			Description: "Lụa tơ tằm.", Province: "ninh-binh", Commune: "Xã Kim Sơn", Address: "Thôn 1", Phone: "0912345678"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cat.ApproveCoop(ctx, actorOf(staff), c.ID, ""); err != nil {
			t.Fatal(err)
		}
		for _, r := range n.Relays(outbox.Options{}) {
			if err := r.Drain(ctx); err != nil {
				t.Fatal(err)
			}
		}

		var page struct {
			Items []struct {
				ID, Kind, Title, Link string
				Data                  map[string]any
			}
			NextCursor *string `json:"next_cursor"`
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/notifications?unread=true", Token: seller}).JSON(t, &page)
		if len(page.Items) != 1 || page.Items[0].Kind != "coop_approved" || page.Items[0].Data["coop_id"] != c.ID {
			t.Fatalf("inbox %+v", page)
		}
		var count struct{ Count int }
		e.Expect(200, request{Method: "GET", Path: "/api/v1/notifications/unread-count", Token: seller}).JSON(t, &count)
		if count.Count != 1 {
			t.Fatalf("unread %d", count.Count)
		}
		e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: "/api/v1/notifications/read", Token: seller, Body: map[string]any{}})
		e.ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/notifications?unread=maybe", Token: seller})
		e.Expect(204, request{Method: "POST", Path: "/api/v1/notifications/read", Token: seller, Body: map[string]any{"ids": []string{page.Items[0].ID}}})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/notifications/unread-count", Token: seller}).JSON(t, &count)
		if count.Count != 0 {
			t.Fatalf("unread after read %d", count.Count)
		}
		e.Expect(204, request{Method: "POST", Path: "/api/v1/notifications/read", Token: seller, Body: map[string]any{"all": true}})
		e.ExpectProblem(401, "unauthenticated", request{Method: "GET", Path: "/api/v1/notifications"})

		e.ExpectProblem(422, "validation_failed", request{Method: "PUT", Path: "/api/v1/me/notification-settings", Token: seller, Body: map[string]any{"inbox": false}})
		var st notify.Settings
		e.Expect(200, request{Method: "PUT", Path: "/api/v1/me/notification-settings", Token: seller, Body: map[string]any{"channels": map[string]bool{"sms": false}}}).JSON(t, &st)
		if st.Channels["sms"] || !st.Channels["push"] || !st.Inbox {
			t.Fatalf("settings %+v", st)
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me/notification-settings", Token: seller}).JSON(t, &st)
		if st.Channels["sms"] {
			t.Fatalf("settings not kept: %+v", st)
		}
		e.ExpectProblem(403, "forbidden", request{Method: "GET", Path: "/api/v1/admin/notifications/failed", Token: seller})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/notifications/failed", Token: staff})
	})
}

// TestPushCalls: the VAPID key is public; a subscription needs a signed-in
// caller, an https endpoint and real keys; DELETE forgets it.
func TestPushCalls(t *testing.T) {
	db := dbtest.SQLite(t)
	ctx := context.Background()
	keys, err := notify.LoadVAPID(ctx, db, notify.VAPID{})
	if err != nil {
		t.Fatal(err)
	}
	n := notify.New(db, notify.Options{Channels: []notify.Channel{notify.NewPush(db, notify.PushOptions{Keys: keys})}})
	e := newEnv(t, db, func(d *api.Deps) { d.Notify = n })
	var got struct{ Key string }
	e.Expect(200, request{Method: "GET", Path: "/api/v1/push/vapid-public-key"}).JSON(t, &got)
	if got.Key != keys.Public {
		t.Fatalf("key %q", got.Key)
	}
	user := e.UserWithRole("0911000003", "Phạm Thị Nga", kernel.RoleShopper)
	// A P-256 point and a 16-byte secret, as a browser sends them.
	sub := map[string]any{"endpoint": "https://push.example/abc", "keys": map[string]string{
		"p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
		"auth":   "tBHItJI5svbpez7KI4CCXg",
	}}
	e.ExpectProblem(401, "unauthenticated", request{Method: "POST", Path: "/api/v1/push/subscriptions", Body: sub})
	e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: "/api/v1/push/subscriptions", Token: user,
		Body: map[string]any{"endpoint": "http://push.example/abc", "keys": sub["keys"]}})
	e.Expect(201, request{Method: "POST", Path: "/api/v1/push/subscriptions", Token: user, Body: sub})
	e.Expect(204, request{Method: "DELETE", Path: "/api/v1/push/subscriptions", Token: user, Body: map[string]string{"endpoint": "https://push.example/abc"}})
	var left int64
	db.Raw("SELECT COUNT(*) FROM push_subscriptions").Scan(&left)
	if left != 0 {
		t.Fatalf("%d subscriptions left", left)
	}
}
