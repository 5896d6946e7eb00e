package indexsync_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/outbox"
	"github.com/ganh-market/ganh/reports"
	"github.com/ganh-market/ganh/search"
	"github.com/ganh-market/ganh/search/indexsync"
)

func ptr[T any](v T) *T { return &v }

// TestSyncFollowsTheCatalog drives every kind of change through the
// catalog and orders services, drains the outbox, and checks what search
// shows: the index follows the database, only purchasable products are
// found, and each document carries the current state.
func TestSyncFollowsTheCatalog(t *testing.T) {
	withWorld(t, func(t *testing.T, w *world) {
		c := w.coop(w.owner, "HTX Cơm cháy Hoa Lư", "ninh-binh")
		comChay := w.product(w.owner, c.ID, "Cơm cháy chà bông", "banh-keo", 4, 65000)
		matOng := w.product(w.owner, c.ID, "Mật ong rừng Cúc Phương", "mat-ong", 3, 120000)
		draft, err := w.cat.CreateProduct(w.ctx, w.owner, c.ID, catalog.ProductInput{
			Name: "Cơm cháy ruốc tôm", Description: "Bản nháp.", Category: "banh-keo", Unit: "gói", Status: catalog.ProductDraft,
			Variants: []catalog.VariantInput{{Name: "Gói", PriceVND: 50000, Stock: 5}},
		})
		if err != nil {
			t.Fatal(err)
		}
		pendingCoop := w.user(kernel.RoleShopper)
		other, err := w.cat.ApplyForCoop(w.ctx, pendingCoop, catalog.CoopInput{Name: "HTX Chưa duyệt", Kind: catalog.KindHopTacXa,
			Description: "Chờ duyệt.", Province: "ha-noi", Commune: "Phường Hoàn Kiếm", Address: "1 Hàng Bạc", Phone: "0912 111 222"})
		if err != nil {
			t.Fatal(err)
		}
		unapproved := w.product(pendingCoop, other.ID, "Cơm cháy Hà Nội", "banh-keo", 0, 40000)
		w.drain()

		if w.pending() != 0 {
			t.Fatalf("%d rows still pending after Drain", w.pending())
		}
		h := w.hit("com chay", comChay.ID)
		want := search.Hit{ID: comChay.ID, Slug: comChay.Slug, Name: "Cơm cháy chà bông", PriceVND: 65000, OCOPStars: 4,
			CoopSlug: c.Slug, CoopName: "HTX Cơm cháy Hoa Lư", ProvinceSlug: "ninh-binh"}
		if h == nil || *h != want {
			t.Fatalf("hit = %+v, want %+v", h, want)
		}
		for _, id := range []string{draft.ID, unapproved.ID} {
			if w.hit("com chay", id) != nil {
				t.Fatalf("product %s is not purchasable but was found", id)
			}
		}
		if res := w.search(search.Query{Category: "thuc-pham"}); !contains(res, comChay.ID) || contains(res, matOng.ID) {
			t.Fatalf("parent category filter: %v", ids(res))
		}
		if res := w.search(search.Query{Text: "dac san", Province: "ninh-binh"}); res.Total != 2 || res.Facets.Category["banh-keo"] != 1 {
			t.Fatalf("province filter and facets: %d %v", res.Total, res.Facets)
		}

		t.Run("price change", func(t *testing.T) {
			if _, err := w.cat.UpdateVariant(w.ctx, w.owner, comChay.ID, comChay.Variants[0].ID, catalog.VariantPatch{PriceVND: ptr(int64(70000))}); err != nil {
				t.Fatal(err)
			}
			w.drain()
			if h := w.hit("com chay", comChay.ID); h == nil || h.PriceVND != 70000 {
				t.Fatalf("after the price change: %+v", h)
			}
			if res := w.search(search.Query{PriceMax: 65000}); contains(res, comChay.ID) {
				t.Fatal("the old price still matches a price filter")
			}
		})

		t.Run("photo", func(t *testing.T) {
			hash := strings.Repeat("ab", 32)
			if _, err := w.cat.AddProductImage(w.ctx, w.owner, comChay.ID, catalog.NewImage{Hash: hash, Width: 800, Height: 600}); err != nil {
				t.Fatal(err)
			}
			w.drain()
			// The document keeps the thumbnail's key; answers build its URL.
			if h := w.hit("com chay", comChay.ID); h == nil || h.Image != catalog.ImageKey(hash, catalog.VariantThumb) {
				t.Fatalf("thumbnail: %+v", h)
			}
		})

		t.Run("hide and unhide", func(t *testing.T) {
			if _, err := w.cat.HideProduct(w.ctx, w.staff, comChay.ID, "Ảnh không đúng sản phẩm"); err != nil {
				t.Fatal(err)
			}
			w.drain()
			if w.hit("com chay", comChay.ID) != nil {
				t.Fatal("hidden product still found")
			}
			if _, err := w.cat.UnhideProduct(w.ctx, w.staff, comChay.ID); err != nil {
				t.Fatal(err)
			}
			w.drain()
			if w.hit("com chay", comChay.ID) == nil {
				t.Fatal("unhidden product not found")
			}
		})

		t.Run("coop renamed", func(t *testing.T) {
			if _, err := w.cat.UpdateCoop(w.ctx, w.owner, c.ID, catalog.CoopPatch{Name: ptr("HTX Cơm cháy Ninh Bình")}); err != nil {
				t.Fatal(err)
			}
			w.drain()
			for _, id := range []string{comChay.ID, matOng.ID} {
				res := w.search(search.Query{Coop: c.Slug})
				found := false
				for _, h := range res.Hits {
					if h.ID == id {
						found = true
						if h.CoopName != "HTX Cơm cháy Ninh Bình" {
							t.Fatalf("coop name in hit %s = %q", id, h.CoopName)
						}
					}
				}
				if !found {
					t.Fatalf("product %s missing after the rename", id)
				}
			}
		})

		t.Run("coop suspended and approved again", func(t *testing.T) {
			if _, err := w.cat.SuspendCoop(w.ctx, w.staff, c.ID, "Bán hàng giả"); err != nil {
				t.Fatal(err)
			}
			w.drain()
			if res := w.search(search.Query{Coop: c.Slug}); res.Total != 0 {
				t.Fatalf("a suspended coop's products are still found: %v", ids(res))
			}
			if _, err := w.cat.ApproveCoop(w.ctx, w.staff, c.ID, "Đã khắc phục"); err != nil {
				t.Fatal(err)
			}
			w.drain()
			if res := w.search(search.Query{Coop: c.Slug}); res.Total != 2 {
				t.Fatalf("after approving again: %v", ids(res))
			}
		})

		t.Run("checkout moves sold_count", func(t *testing.T) {
			best := func() []string {
				return ids(w.search(search.Query{Coop: c.Slug, Sort: search.SortBestSelling}))
			}
			before := best()
			if len(before) != 2 {
				t.Fatalf("best selling: %v", before)
			}
			// Buy the one that currently sorts last; it must move first.
			last := comChay
			if before[1] == matOng.ID {
				last = matOng
			}
			ord := orders.NewService(w.db, reports.Rollups{})
			res, err := ord.Checkout(w.ctx, kernel.Anonymous, orders.CheckoutRequest{Key: "k-" + fmt.Sprint(time.Now().UnixNano()), Input: orders.CheckoutInput{
				Items:           []orders.LineInput{{VariantID: last.Variants[0].ID, Quantity: 3}},
				Buyer:           &orders.BuyerInput{Name: "Trần Thị Mai", Phone: "0912 000 111"},
				ShippingAddress: &orders.Address{Province: "ha-noi", Commune: "Phường Hoàn Kiếm", Street: "12 Hàng Bạc"},
			}})
			if err != nil || res.Status != 201 {
				t.Fatalf("checkout: %v %+v", err, res)
			}
			w.drain()
			if after := best(); after[0] != last.ID {
				t.Fatalf("best selling after the checkout: %v, want %s first", after, last.ID)
			}
		})

		t.Run("archived", func(t *testing.T) {
			if _, err := w.cat.UpdateProduct(w.ctx, w.owner, matOng.ID, catalog.ProductPatch{Status: ptr(catalog.ProductArchived)}); err != nil {
				t.Fatal(err)
			}
			w.drain()
			if w.hit("mat ong", matOng.ID) != nil {
				t.Fatal("archived product still found")
			}
		})

		t.Run("product gone from the database", func(t *testing.T) {
			// Nothing deletes products today, but a row for an id that no
			// longer exists must still remove its document.
			if err := w.idx.Upsert(w.ctx, search.Document{ID: "ghost", Slug: "ghost", Name: "Cơm cháy ma"}); err != nil {
				t.Fatal(err)
			}
			if err := catalog.ProductsChanged(w.db, "ghost"); err != nil {
				t.Fatal(err)
			}
			w.drain()
			if w.hit("com chay", "ghost") != nil {
				t.Fatal("a product that does not exist is still found")
			}
		})
	})
}

// TestPruneKeepsPendingRows checks that pruning deletes only processed rows
// older than the retention.
func TestPruneKeepsPendingRows(t *testing.T) {
	withWorld(t, func(t *testing.T, w *world) {
		now := time.Now().UTC()
		old := now.Add(-8 * 24 * time.Hour)
		rows := []outbox.Row{
			{Topic: catalog.TopicProduct, Key: "a", CreatedAt: old, AvailableAt: old, ProcessedAt: &old},
			{Topic: catalog.TopicProduct, Key: "b", CreatedAt: old, AvailableAt: old},
			{Topic: catalog.TopicProduct, Key: "c", CreatedAt: now, AvailableAt: now, ProcessedAt: &now},
		}
		if err := w.db.Create(&rows).Error; err != nil {
			t.Fatal(err)
		}
		n, err := w.sync.Prune(w.ctx)
		if err != nil || n != 1 {
			t.Fatalf("pruned %d, %v; want 1", n, err)
		}
		var left []string
		w.db.Raw("SELECT aggregate_id FROM outbox WHERE aggregate_id IN ('a', 'b', 'c') ORDER BY aggregate_id").Scan(&left)
		if strings.Join(left, ",") != "b,c" {
			t.Fatalf("left %v", left)
		}
	})
}

// TestSyncRunFollowsWrites runs the worker loop as serve does: a product
// written while it runs is found shortly after, and the loop ends with its
// context.
func TestSyncRunFollowsWrites(t *testing.T) {
	withWorld(t, func(t *testing.T, w *world) {
		s := indexsync.NewSyncer(w.db, w.cat, w.idx, indexsync.SyncOptions{Idle: 10 * time.Millisecond})
		ctx, cancel := context.WithCancel(w.ctx)
		stopped := make(chan struct{})
		go func() { s.Run(ctx); close(stopped) }()
		c := w.coop(w.owner, "HTX Miến dong Bình Liêu", "quang-ninh")
		p := w.product(w.owner, c.ID, "Miến dong Bình Liêu", "mien-bun-pho", 4, 90000)
		deadline := time.Now().Add(10 * time.Second)
		for w.hit("mien dong", p.ID) == nil {
			if time.Now().After(deadline) {
				t.Fatal("the running worker never indexed the new product")
			}
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
		select {
		case <-stopped:
		case <-time.After(5 * time.Second):
			t.Fatal("Run did not return after its context ended")
		}
	})
}
