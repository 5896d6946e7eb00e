package notify_test

import (
	"encoding/json"
	"github.com/ganh-market/ganh/kernel"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/catalog/catalogtest"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/notify"
)

func decodeJSON(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
}

func kinds(ns []notify.Notification) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Kind
	}
	return out
}

func find(ns []notify.Notification, kind string) *notify.Notification {
	for i := range ns {
		if ns[i].Kind == kind {
			return &ns[i]
		}
	}
	return nil
}

// TestCheckoutOfTwoCoopsReachesEveryMember: a checkout of two coops puts an
// order_placed of its own order in the inbox of every member of each coop,
// delivered by the running relays (no drain), and nothing in anyone else's.
func TestCheckoutOfTwoCoopsReachesEveryMember(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, notify.Options{})
		a, b := f.shop("HTX Mây tre Phú Vinh"), f.shop("HTX Nước mắm Cát Hải")
		pa, pb := f.product(a, "Giỏ mây", 50), f.product(b, "Nước mắm cá cơm", 50)
		f.run()
		placed := f.checkout(kernel.Anonymous, "0987 654 321", 1, pa, pb)
		codeOf := map[string]string{}
		for _, o := range placed {
			codeOf[o.Coop.ID] = o.Code
		}
		for _, sh := range []shop{a, b} {
			for _, who := range []kernel.Caller{sh.owner, sh.member} {
				waitFor(t, "order_placed in a member's inbox", func() bool { return find(f.inbox(who), "order_placed") != nil })
				n := find(f.inbox(who), "order_placed")
				code := codeOf[sh.coop.ID]
				if !strings.Contains(n.Title, code) || !strings.Contains(n.Body, sh.coop.Name) {
					t.Errorf("notification %q / %q does not name order %s of %s", n.Title, n.Body, code, sh.coop.Name)
				}
				if n.Link != "/ban-hang/"+sh.coop.Slug+"/don-hang" {
					t.Errorf("link %q", n.Link)
				}
				var data map[string]any
				decodeJSON(t, n.Data, &data)
				if data["order_code"] != code || data["coop_id"] != sh.coop.ID {
					t.Errorf("data %v", data)
				}
				placedCount := 0
				for _, k := range kinds(f.inbox(who)) {
					if k == "order_placed" {
						placedCount++
					}
				}
				if placedCount != 1 {
					t.Errorf("member has %d order_placed, want 1: %v", placedCount, kinds(f.inbox(who)))
				}
			}
		}
		stranger := catalogtest.User(t, db, kernel.RoleShopper)
		if got := f.inbox(stranger); len(got) != 0 {
			t.Errorf("a stranger got %v", kinds(got))
		}
	})
}

// TestInboxReadAndCount: unread count, read by ids (another person's ids
// change nothing), read all, the unread filter and the cursor.
func TestInboxReadAndCount(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, notify.Options{})
		sh := f.shop("HTX Chè Tân Cương")
		p := f.product(sh, "Chè búp", 50)
		for range 3 {
			f.checkout(kernel.Anonymous, "0987 654 321", 1, p)
		}
		f.drain()
		count := func(a kernel.Caller) int64 {
			n, err := f.n.UnreadCount(f.ctx, a.UserID)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		if got := count(sh.member); got != 3 {
			t.Fatalf("unread %d, want 3", got)
		}
		page, err := f.n.Inbox(f.ctx, sh.member.UserID, false, kernel.PageRequest{Limit: 2})
		if err != nil || len(page.Items) != 2 || page.NextCursor == nil {
			t.Fatalf("first page %+v %v", page, err)
		}
		rest, err := f.n.Inbox(f.ctx, sh.member.UserID, false, kernel.PageRequest{Limit: 2, Cursor: *page.NextCursor})
		if err != nil || len(rest.Items) != 1 || rest.NextCursor != nil || rest.Items[0].ID >= page.Items[1].ID {
			t.Fatalf("second page %+v %v", rest, err)
		}
		if _, err := f.n.Inbox(f.ctx, sh.member.UserID, false, kernel.PageRequest{Cursor: "???"}); err == nil {
			t.Fatal("a bad cursor was taken")
		}
		// The owner marking the member's notification read changes nothing.
		if err := f.n.MarkRead(f.ctx, sh.owner.UserID, []string{page.Items[0].ID}, false); err != nil {
			t.Fatal(err)
		}
		if got := count(sh.member); got != 3 {
			t.Fatalf("another person's read changed the count to %d", got)
		}
		if err := f.n.MarkRead(f.ctx, sh.member.UserID, []string{page.Items[0].ID}, false); err != nil {
			t.Fatal(err)
		}
		unread, _ := f.n.Inbox(f.ctx, sh.member.UserID, true, kernel.PageRequest{})
		if count(sh.member) != 2 || len(unread.Items) != 2 {
			t.Fatalf("after one read: %d unread, %d listed", count(sh.member), len(unread.Items))
		}
		if err := f.n.MarkRead(f.ctx, sh.member.UserID, nil, true); err != nil {
			t.Fatal(err)
		}
		if got := count(sh.member); got != 0 {
			t.Fatalf("after read all: %d unread", got)
		}
		if err := f.n.MarkRead(f.ctx, sh.member.UserID, nil, false); err == nil {
			t.Fatal("an empty read was taken")
		}
	})
}
