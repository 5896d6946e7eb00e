// Package demo fills a database with a believable marketplace — about twenty
// cooperatives from Ninh Bình to An Giang, two hundred specialty products,
// featured lists and one account per role (Seed), and the demo shopper's
// orders of the last four months, in every status (SeedOrders) — so that
// `ganh seed --demo` gives a developer or a Hội trainer something real to
// click through, report pages included. Seeding is idempotent: what already
// exists (matched by phone, slug or name; orders by the number of checkouts
// the demo shopper made) is kept, so a second run changes nothing.
package demo

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"strings"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
	"github.com/schollz/progressbar/v3"
	"gorm.io/gorm"
)

// Password is the password of every demo account. Demo data is for
// development and training machines only.
const Password = "ganh-demo-2025"

// Account is a demo sign-in to print at the end of seeding.
type Account struct {
	Role     kernel.Role
	Phone    string
	Password string
	Name     string
}

// Accounts are the demo sign-ins, one per role.
type Accounts []Account

// Print writes the sign-ins as a small table, for the end of `ganh seed --demo`.
func (a Accounts) Print(w io.Writer) {
	fmt.Fprintln(w, "Tài khoản dùng thử (mật khẩu chung: "+Password+"):")
	for _, acc := range a {
		fmt.Fprintf(w, "  %-8s  %s  %s\n", acc.Role, acc.Phone, acc.Name)
	}
}

// CreateUserFunc makes an account and returns its id; the seed takes it as a
// function so it does not depend on how accounts hashes passwords.
type CreateUserFunc func(ctx context.Context, phone, password, name string, role kernel.Role) (userID string, err error)

// UsersFrom adapts an accounts service to CreateUserFunc.
func UsersFrom(svc *accounts.Service) CreateUserFunc {
	return func(ctx context.Context, phone, password, name string, role kernel.Role) (string, error) {
		u, err := svc.CreateUser(ctx, accounts.RegisterInput{Phone: phone, Password: password, Name: name}, role)
		if err != nil {
			return "", err
		}
		return u.ID, nil
	}
}

// The demo accounts, one per role; the seller owns the first cooperative.
var demoAccounts = Accounts{
	{Role: kernel.RoleShopper, Phone: "+84900000001", Name: "Nguyễn Thu Hà"},
	{Role: kernel.RoleSeller, Phone: "+84900000002", Name: "Phạm Thị Nhung"},
	{Role: kernel.RoleStaff, Phone: "+84900000003", Name: "Trần Thị Minh Thu (Hội LHPN Ninh Bình)"},
	{Role: kernel.RoleAdmin, Phone: "+84900000004", Name: "Lê Thị Hồng (Quản trị Gánh)"},
}

// ownerNames are the owners of the cooperatives after the first.
var ownerNames = []string{
	"Đinh Thị Mai", "Vũ Thị Lan", "Bùi Thị Hạnh", "Hoàng Thị Thêu", "Ngô Thị Tép", "Trịnh Thị Hương",
	"Đỗ Thị Dong", "Nguyễn Thị Gốm", "Sùng Thị Mỷ", "Hà Thị Quế", "Lò Thị Xuân", "Vàng Thị Chè",
	"H'Nga Niê", "Y Bi Mlô", "Trần Thị Bảy", "Néang Sóc Kha", "Lâm Thị Hai", "Chau Thị Nhen",
	"Tôn Nữ Thanh Tâm", "Dương Thị Trà", "Giàng Thị Mật",
}

type seeder struct {
	db         *gorm.DB
	svc        *catalog.Service
	createUser CreateUserFunc
	bar        *progressbar.ProgressBar
	staff      kernel.Caller
}

// Seed fills db with the demo marketplace, drawing a progress bar on
// progress (nil for none), and returns the demo sign-ins.
func Seed(ctx context.Context, db *gorm.DB, createUser CreateUserFunc, progress io.Writer) (Accounts, error) {
	total := len(demoAccounts) + len(coops) + 1
	for _, c := range coops {
		for _, f := range c.families {
			total += len(f.names)
		}
	}
	s := &seeder{db: db, svc: catalog.NewService(db), createUser: createUser, bar: newBar(progress, total, "Đang tạo dữ liệu mẫu")}
	out := make(Accounts, len(demoAccounts))
	ids := map[kernel.Role]string{}
	for i, a := range demoAccounts {
		role := a.Role
		if role == kernel.RoleSeller {
			role = kernel.RoleShopper // applying for the coop makes her a seller
		}
		id, err := s.user(ctx, a.Phone, a.Name, role)
		if err != nil {
			return nil, err
		}
		ids[a.Role] = id
		a.Password = Password
		out[i] = a
		_ = s.bar.Add(1)
	}
	s.staff = kernel.Caller{UserID: ids[kernel.RoleStaff], Role: kernel.RoleStaff}
	var featuredCoops, featuredProducts []string
	for i, spec := range coops {
		ownerID, phone := ids[kernel.RoleSeller], demoAccounts[1].Phone
		if i > 0 {
			phone = fmt.Sprintf("+8490000%04d", 1000+i)
			var err error
			if ownerID, err = s.user(ctx, phone, ownerNames[(i-1)%len(ownerNames)], kernel.RoleShopper); err != nil {
				return nil, err
			}
		}
		owner := kernel.Caller{UserID: ownerID, Role: kernel.RoleSeller}
		coopID, err := s.coop(ctx, owner, phone, i, spec)
		if err != nil {
			return nil, fmt.Errorf("coop %s: %w", spec.name, err)
		}
		_ = s.bar.Add(1)
		pids, err := s.products(ctx, owner, coopID, spec)
		if err != nil {
			return nil, fmt.Errorf("products of %s: %w", spec.name, err)
		}
		if spec.status == catalog.CoopApproved && len(featuredCoops) < 8 {
			featuredCoops = append(featuredCoops, coopID)
			featuredProducts = append(featuredProducts, pids[:min(2, len(pids))]...)
		}
	}
	if err := s.featured(ctx, featuredCoops, featuredProducts); err != nil {
		return nil, err
	}
	_ = s.bar.Finish()
	return out, nil
}

// newBar is a progress bar of total steps on progress (nil for none).
func newBar(progress io.Writer, total int, what string) *progressbar.ProgressBar {
	if progress == nil {
		progress = io.Discard
	}
	return progressbar.NewOptions(total, progressbar.OptionSetWriter(progress),
		progressbar.OptionSetDescription(what), progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30), progressbar.OptionOnCompletion(func() { fmt.Fprintln(progress) }))
}

// user returns the id of the account with phone, creating it if needed.
func (s *seeder) user(ctx context.Context, phone, name string, role kernel.Role) (string, error) {
	var ids []string
	if err := s.db.WithContext(ctx).Table("users").Where("phone = ?", phone).Pluck("id", &ids).Error; err != nil {
		return "", err
	}
	if len(ids) > 0 {
		return ids[0], nil
	}
	return s.createUser(ctx, phone, Password, name, role)
}

// coop returns the id of the coop named spec.name, applying for it and
// moving it to its demo status if it does not exist yet.
func (s *seeder) coop(ctx context.Context, owner kernel.Caller, phone string, i int, spec coopSpec) (string, error) {
	var ids []string
	if err := s.db.WithContext(ctx).Table("coops").Where("slug = ?", catalog.Slugify(spec.name)).Pluck("id", &ids).Error; err != nil {
		return "", err
	}
	if len(ids) > 0 {
		return ids[0], nil
	}
	var name string
	s.db.WithContext(ctx).Table("users").Where("id = ?", owner.UserID).Pluck("name", &name)
	in := catalog.CoopInput{
		Name: spec.name, Kind: catalog.Kind(spec.kind), Description: spec.desc, Province: spec.province,
		Commune: spec.commune, Address: spec.address, Phone: phone, Zalo: phone,
		Bank:           &catalog.Bank{BIN: spec.bankBIN, AccountNumber: fmt.Sprintf("10%08d", 31415926+i*7919), AccountName: catalog.Fold(name)},
		ShippingFeeVND: spec.shipping,
	}
	if spec.freeOver > 0 {
		in.FreeShippingOverVND = &spec.freeOver
	}
	c, err := s.svc.ApplyForCoop(ctx, owner, in)
	if err != nil {
		return "", err
	}
	switch spec.status {
	case catalog.CoopApproved:
		_, err = s.svc.ApproveCoop(ctx, s.staff, c.ID, "Hồ sơ đầy đủ.")
	case catalog.CoopSuspended:
		if _, err = s.svc.ApproveCoop(ctx, s.staff, c.ID, "Hồ sơ đầy đủ."); err == nil {
			_, err = s.svc.SuspendCoop(ctx, s.staff, c.ID, spec.reason)
		}
	case catalog.CoopRejected:
		_, err = s.svc.RejectCoop(ctx, s.staff, c.ID, spec.reason)
	}
	return c.ID, err
}

// products creates the coop's products that do not exist yet and returns
// the ids of its active ones, in order.
func (s *seeder) products(ctx context.Context, owner kernel.Caller, coopID string, spec coopSpec) ([]string, error) {
	n := 0
	for _, f := range spec.families {
		n += len(f.names)
	}
	var active []string
	k := 0
	for _, f := range spec.families {
		for j, name := range f.names {
			status := catalog.ProductActive
			if k >= n-spec.drafts {
				status = catalog.ProductDraft
			}
			k++
			var ids []string
			if err := s.db.WithContext(ctx).Table("products").Where("coop_id = ? AND name = ?", coopID, name).Pluck("id", &ids).Error; err != nil {
				return nil, err
			}
			if len(ids) == 0 {
				p, err := s.svc.CreateProduct(ctx, owner, coopID, productInput(spec, f, j, name, status))
				if err != nil {
					return nil, err
				}
				ids = append(ids, p.ID)
			}
			if status == catalog.ProductActive {
				active = append(active, ids[0])
			}
			_ = s.bar.Add(1)
		}
	}
	return active, nil
}

// productInput builds a product of family f with deterministic, believable
// prices and stock.
func productInput(spec coopSpec, f family, j int, name string, status catalog.ProductStatus) catalog.ProductInput {
	h := fnv.New32a()
	_, _ = h.Write([]byte(name))
	r := int64(h.Sum32())
	base := f.base * (90 + r%30) / 100
	in := catalog.ProductInput{
		Name: name, Category: f.category, Unit: f.unit, Status: status,
		Description: name + " — " + strings.TrimSuffix(spec.desc, ".") + ". " + f.desc,
		Tags:        append([]string(nil), f.tags...),
	}
	if f.ocop > 0 && j < 3 {
		in.OCOPStars = f.ocop
		in.OCOPCertNo = fmt.Sprintf("%d/QĐ-UBND", 1000+r%3000) // the provincial decision that rated it
	}
	for i, sz := range f.sizes {
		price := roundThousand(base * sz.percent / 100)
		v := catalog.VariantInput{Name: sz.name, PriceVND: price, Stock: int((r>>uint(i*3))%80) + 5*i, WeightGrams: sz.grams}
		if (r+int64(i))%4 == 0 {
			cmp := roundThousand(price * 118 / 100)
			v.CompareAtVND = &cmp
		}
		in.Variants = append(in.Variants, v)
	}
	return in
}

func roundThousand(v int64) int64 { return max(1000, (v+500)/1000*1000) }

// featured sets the curated lists once; a later run keeps what staff curated.
func (s *seeder) featured(ctx context.Context, coopIDs, productIDs []string) error {
	var n int64
	err := s.db.WithContext(ctx).Raw("SELECT (SELECT COUNT(*) FROM featured_coops) + (SELECT COUNT(*) FROM featured_products)").Scan(&n).Error
	if err != nil || n > 0 {
		_ = s.bar.Add(1)
		return err
	}
	in := catalog.FeaturedInput{}
	for i, id := range coopIDs {
		note := ""
		if i == 0 {
			note = "Gian hàng tiêu biểu của Hội LHPN Ninh Bình"
		}
		in.Coops = append(in.Coops, catalog.FeaturedCoop{CoopID: id, Note: note})
	}
	for _, id := range productIDs {
		in.Products = append(in.Products, catalog.FeaturedProduct{ProductID: id})
	}
	if _, err := s.svc.SetFeatured(ctx, s.staff, "", in); err != nil {
		return errors.Join(errors.New("set featured lists"), err)
	}
	_ = s.bar.Add(1)
	return nil
}
