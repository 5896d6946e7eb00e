package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/media"
	"gorm.io/gorm"
)

// TestWireMedia checks what the default (disk) media store brings to the
// API: the pipeline, the file server, a readiness check, and an hourly sweep
// that removes orphaned files and abandoned direct uploads.
func TestWireMedia(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		dir := t.TempDir()
		cfg, err := config.Load(func(k string) string {
			if k == "GANH_DATA_DIR" {
				return dir
			}
			return ""
		})
		if err != nil {
			t.Fatal(err)
		}
		s, err := wire(ctx, cfg, slog.New(slog.DiscardHandler), db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.close)
		if s.deps.Media == nil || s.deps.Images == nil || s.deps.MediaFiles == nil {
			t.Fatalf("media not wired into the API: %+v", s.deps)
		}
		var check func(context.Context) (any, error)
		for _, rc := range s.deps.Ready {
			if rc.Name == "media" {
				check = rc.Check
			}
		}
		if check == nil {
			t.Fatal("no media readiness check")
		}
		if _, err := check(ctx); err != nil {
			t.Fatalf("media check on a working store: %v", err)
		}

		// An orphan older than the grace period and one younger; an old
		// abandoned direct upload with its record.
		old := time.Now().Add(-mediaSweepGrace - time.Hour)
		orphan, fresh := fmt.Sprintf("%064x", 1), fmt.Sprintf("%064x", 2)
		for _, h := range []string{orphan, fresh} {
			if err := s.media.Put(ctx, media.VariantKey(h, media.Thumb), strings.NewReader("x"), 1, "image/webp"); err != nil {
				t.Fatal(err)
			}
		}
		incoming := media.NewIncomingKey()
		if err := s.media.Put(ctx, incoming, strings.NewReader("x"), 1, "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		root := filepath.Join(dir, "media")
		for _, k := range []string{media.VariantKey(orphan, media.Thumb), incoming} {
			if err := os.Chtimes(filepath.Join(root, filepath.FromSlash(k)), old, old); err != nil {
				t.Fatal(err)
			}
		}
		issueOldUpload(t, s, db, incoming, old)

		s.sweepMedia(ctx)
		var keys []string
		_ = s.media.Walk(ctx, "", func(oi media.ObjectInfo) error {
			keys = append(keys, oi.Key)
			return nil
		})
		if len(keys) != 1 || keys[0] != media.VariantKey(fresh, media.Thumb) {
			t.Fatalf("after the sweep: %v", keys)
		}
		var n int64
		if err := db.Raw("SELECT COUNT(*) FROM media_uploads").Scan(&n).Error; err != nil || n != 0 {
			t.Fatalf("%d media_uploads rows (%v)", n, err)
		}

		if err := os.RemoveAll(root); err != nil {
			t.Fatal(err)
		}
		if _, err := check(ctx); err == nil {
			t.Fatal("media check passes with the folder gone")
		}
	})
}

// issueOldUpload records key as a direct upload issued at issued, to a
// seller for a product of a new coop.
func issueOldUpload(t *testing.T, s *services, db *gorm.DB, key string, issued time.Time) {
	t.Helper()
	ctx := context.Background()
	u, err := s.accounts.CreateUser(ctx, accounts.RegisterInput{Phone: "0912000001", Password: "mật khẩu an toàn", Name: "Chị Hoa"}, kernel.RoleSeller)
	if err != nil {
		t.Fatal(err)
	}
	a := accounts.CallerOf(u)
	c, err := s.catalog.ApplyForCoop(ctx, a, catalog.CoopInput{Name: "HTX Quét ảnh", Kind: catalog.KindHopTacXa, Province: "ninh-binh",
		Commune: "Xã Kim Sơn", Address: "Thôn 1", Phone: "0912000001", ShippingFeeVND: 30000})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.catalog.CreateProduct(ctx, a, c.ID, catalog.ProductInput{Name: "Chiếu cói", Description: "Dệt tay.", Category: "dac-san-kho",
		Unit: "chiếc", Variants: []catalog.VariantInput{{Name: "Đôi", PriceVND: 250000, Stock: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.catalog.IssueUpload(ctx, a, p.ID, key); err != nil {
		t.Fatal(err)
	}
	if res := db.Exec("UPDATE media_uploads SET created_at = ?", issued); res.Error != nil || res.RowsAffected != 1 {
		t.Fatalf("backdating the upload: %d rows, %v", res.RowsAffected, res.Error)
	}
}
