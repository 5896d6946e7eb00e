package web_test

import (
	"context"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/media/mediatest"
	"github.com/ganh-market/ganh/media/storetest"
	"gorm.io/gorm"
)

// meanwhileStore is a real store that runs meanwhile once, just before
// the first object of an upload is written: the moment between the
// catalog's checks and its keeping the photo, when another request can
// change the answer (staff remove a member, the product fills up).
type meanwhileStore struct {
	media.Store
	once      sync.Once
	meanwhile func()
}

func (s *meanwhileStore) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error {
	s.once.Do(s.meanwhile)
	return s.Store.Put(ctx, key, r, size, contentType)
}

// photoShop is an approved coop with a product, its owner and a member.
type photoShop struct {
	staff, owner   kernel.Caller
	member         *accounts.User
	coop           *catalog.Coop
	product        *catalog.Product
	ownerPh, memPh string
}

func newPhotoShop(t *testing.T, a *testApp) photoShop {
	t.Helper()
	ctx := context.Background()
	user := func(phone, name string, role kernel.Role) *accounts.User {
		u, err := a.Accounts.CreateUser(ctx, accounts.RegisterInput{Phone: phone, Password: "ganh-demo-2025", Name: name}, role)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	s := photoShop{ownerPh: "0912000061", memPh: "0912000062"}
	s.staff = accounts.CallerOf(user("0912000060", "Cán bộ Hội", kernel.RoleStaff))
	s.owner = accounts.CallerOf(user(s.ownerPh, "Chị Chủ", kernel.RoleSeller))
	s.member = user(s.memPh, "Chị Thành Viên", kernel.RoleSeller)
	co, err := a.Catalog.ApplyForCoop(ctx, s.owner, catalog.CoopInput{Name: "HTX Ảnh Mất", Kind: catalog.KindHopTacXa, Province: "ninh-binh",
		Commune: "Xã Kim Sơn", Address: "Thôn 2", Phone: s.ownerPh, ShippingFeeVND: 30000})
	if err != nil {
		t.Fatal(err)
	}
	if s.coop, err = a.Catalog.ApproveCoop(ctx, s.staff, co.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Catalog.AddMember(ctx, s.owner, co.ID, catalog.MemberInput{Phone: s.memPh, Role: kernel.MemberMember}); err != nil {
		t.Fatal(err)
	}
	s.product, err = a.Catalog.CreateProduct(ctx, s.owner, co.ID, catalog.ProductInput{Name: "Chiếu cói", Description: "Dệt tay.",
		Category: "dac-san-kho", Unit: "chiếc", Variants: []catalog.VariantInput{{Name: "Chiếc", PriceVND: 150000, Stock: 4}}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSellerPhotoRefusedByCatalogLeavesNoFiles: when the catalog refuses a
// photo the pipeline has already stored (the member removed, the product
// filled up while it was processed), the page says so and every object the
// upload stored is removed again, on the disk store and on MinIO, on
// either database.
func TestSellerPhotoRefusedByCatalogLeavesNoFiles(t *testing.T) {
	stores := map[string]func(t *testing.T) func(string, media.Store) media.Store{
		"Disk": func(*testing.T) func(string, media.Store) media.Store { return nil },
		"MinIO": func(t *testing.T) func(string, media.Store) media.Store {
			store := storetest.MinIO(t, "ganh-web-test")
			return func(string, media.Store) media.Store { return store }
		},
	}
	for _, name := range []string{"Disk", "MinIO"} {
		t.Run(name, func(t *testing.T) {
			dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
				var (
					hook  = &meanwhileStore{meanwhile: func() {}}
					inner = stores[name](t)
				)
				a := startAppOn(t, db, false, func(base string, disk media.Store) media.Store {
					hook.Store = disk
					if inner != nil {
						hook.Store = inner(base, disk)
					}
					return hook
				})
				shop := newPhotoShop(t, a)
				ctx := context.Background()
				for i, tc := range []struct {
					name      string
					phone     string
					meanwhile func()
					status    int
				}{
					{"MemberRemoved", shop.memPh, func() {
						if err := a.Catalog.RemoveMember(ctx, shop.owner, shop.coop.ID, shop.member.ID); err != nil {
							t.Error(err)
						}
					}, http.StatusNotFound},
					{"ProductFilledUp", shop.ownerPh, func() {
						for n := range catalog.MaxImagesPerProduct {
							var h [32]byte
							h[0], h[1] = byte(n), 0xAB
							in := catalog.NewImage{Hash: hex.EncodeToString(h[:]), Width: 10, Height: 10}
							if _, err := a.Catalog.AddProductImage(ctx, shop.staff, shop.product.ID, in); err != nil {
								t.Error(err)
							}
						}
					}, http.StatusUnprocessableEntity},
				} {
					t.Run(tc.name, func(t *testing.T) {
						hook.once, hook.meanwhile = sync.Once{}, tc.meanwhile
						before := storetest.Keys(t, hook)
						b := a.browser()
						b.login(tc.phone)
						body, ct := photoForm(t, b.csrf(), nil, mediatest.Photo(t, 320, 240, uint64(40+i)))
						p, _ := b.postRaw("/ban-hang/"+shop.coop.Slug+"/san-pham/"+shop.product.ID+"/anh", body, ct)
						if p.Status != tc.status {
							t.Fatalf("status %d, want %d\n%.500s", p.Status, tc.status, p.Body)
						}
						if a.Images.Decodes() != int64(i+1) {
							t.Fatalf("%d decodes: the photo was refused before it was processed, which this test is not about", a.Images.Decodes())
						}
						if after := storetest.Keys(t, hook); strings.Join(after, ",") != strings.Join(before, ",") {
							t.Fatalf("the refused photo left objects: %v, before %v", after, before)
						}
					})
				}
			})
		})
	}
}
