package photos_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/catalogtest"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/media/mediatest"
	"github.com/ganh-market/ganh/media/storetest"
	"github.com/ganh-market/ganh/photos"
	"gorm.io/gorm"
)

// env is a catalog with an approved coop and its product, and the photo
// flow over a disk store.
type env struct {
	cat     *catalog.Service
	store   media.Store
	images  *media.Processor
	flow    *photos.Service
	owner   kernel.Caller
	staff   kernel.Caller
	product *catalog.Product
}

func newEnv(t *testing.T, db *gorm.DB) *env {
	t.Helper()
	ctx := context.Background()
	store, err := media.NewDiskStore(filepath.Join(t.TempDir(), "media"), "http://localhost")
	if err != nil {
		t.Fatal(err)
	}
	e := &env{cat: catalog.NewService(db, catalog.WithImageURLs(media.NewURLs(store))), store: store,
		images: media.NewProcessor(store, media.ProcessorOptions{})}
	e.flow = photos.New(e.cat, accounts.NewService(db, accounts.Options{}), e.images, nil)
	e.owner, e.staff = catalogtest.User(t, db, kernel.RoleSeller), catalogtest.User(t, db, kernel.RoleStaff)
	co, err := e.cat.ApplyForCoop(ctx, e.owner, catalog.CoopInput{Name: "HTX Cói Kim Sơn", Kind: catalog.KindHopTacXa, Province: "ninh-binh",
		Commune: "Xã Kim Sơn", Address: "Thôn 3", Phone: catalogtest.PhoneOf(db, e.owner), ShippingFeeVND: 30000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.cat.ApproveCoop(ctx, e.staff, co.ID, ""); err != nil {
		t.Fatal(err)
	}
	e.product, err = e.cat.CreateProduct(ctx, e.owner, co.ID, catalog.ProductInput{Name: "Chiếu cói", Description: "Dệt tay.",
		Category: "dac-san-kho", Unit: "chiếc", Variants: catalogtest.Variants(1, 150000, 3)})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *env) keys(t *testing.T) string { return strings.Join(storetest.Keys(t, e.store), ",") }

// fill gives the product its last free photo slots, as another request
// would while an upload is being processed.
func (e *env) fill(t *testing.T) {
	t.Helper()
	p, err := e.cat.ProductByID(context.Background(), e.staff, e.product.ID)
	if err != nil {
		t.Fatal(err)
	}
	for n := len(p.Images); n < catalog.MaxImagesPerProduct; n++ {
		var h [32]byte
		h[0], h[1] = byte(n), 0xCD
		if _, err := e.cat.AddProductImage(context.Background(), e.staff, e.product.ID,
			catalog.NewImage{Hash: hex.EncodeToString(h[:]), Width: 10, Height: 10}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRefusedPhotoLeavesNoFiles: the catalog refuses a photo the pipeline
// has stored (the product filled up meanwhile); its files are removed,
// while a refused copy of a photo the store already had keeps them.
func TestRefusedPhotoLeavesNoFiles(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		kept := mediatest.Photo(t, 200, 150, 3)
		if _, err := e.flow.AddProductPhoto(ctx, e.owner, e.product.ID, opener(kept, nil)); err != nil {
			t.Fatal(err)
		}
		before := e.keys(t)
		fresh := mediatest.Photo(t, 200, 150, 4)
		_, err := e.flow.AddProductPhoto(ctx, e.owner, e.product.ID, opener(fresh, func() { e.fill(t) }))
		if apperr.KindOf(err) != apperr.KindInvalid || e.images.Decodes() != 2 {
			t.Fatalf("after filling up: %v, %d decodes", err, e.images.Decodes())
		}
		if after := e.keys(t); after != before {
			t.Fatalf("store %s after the refused photo, want %s", after, before)
		}

		// A copy of the photo the product shows, refused the same way:
		// its files stay, since the product still shows them.
		p, err := e.cat.ProductByID(ctx, e.staff, e.product.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.cat.RemoveProductImage(ctx, e.staff, e.product.ID, p.Images[len(p.Images)-1].ID); err != nil {
			t.Fatal(err)
		}
		_, err = e.flow.AddProductPhoto(ctx, e.staff, e.product.ID, opener(kept, func() { e.fill(t) }))
		if apperr.KindOf(err) != apperr.KindInvalid || e.images.Decodes() != 2 {
			t.Fatalf("a copy after filling up: %v, %d decodes", err, e.images.Decodes())
		}
		if after := e.keys(t); after != before {
			t.Fatalf("store %s after a refused copy, want %s", after, before)
		}
	})
}

// TestNothingReadBeforeTheRules: a caller the catalog refuses, or an
// instance without a media store, never opens the upload.
func TestNothingReadBeforeTheRules(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		stranger := catalogtest.User(t, db, kernel.RoleSeller)
		never := func() (io.Reader, error) { t.Fatal("the upload was opened"); return nil, nil }
		if _, err := e.flow.AddProductPhoto(ctx, stranger, e.product.ID, never); err == nil {
			t.Fatal("a stranger added a photo")
		}
		if _, err := e.flow.SetCoopPhoto(ctx, stranger, e.product.Coop.ID, "logo", never); err == nil {
			t.Fatal("a stranger set a logo")
		}
		none := photos.New(e.cat, nil, nil, nil)
		if _, err := none.AddProductPhoto(ctx, e.owner, e.product.ID, never); apperr.KindOf(err) != apperr.KindUnavailable {
			t.Fatalf("without a media store: %v", err)
		}
	})
}

// opener gives data as an upload, running meanwhile (if set) once the
// flow's checks have passed, as another request could.
func opener(data []byte, meanwhile func()) photos.Open {
	return func() (io.Reader, error) {
		if meanwhile != nil {
			meanwhile()
		}
		return bytes.NewReader(data), nil
	}
}
