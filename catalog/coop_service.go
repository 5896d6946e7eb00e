package catalog

import (
	"context"
	"errors"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// ApplyForCoop opens a storefront application: the coop starts pending, the
// caller becomes its owner and, if they were a shopper, a seller — all in one
// transaction.
func (s *Service) ApplyForCoop(ctx context.Context, a kernel.Caller, in CoopInput) (*Coop, error) {
	if err := policy.Gate(a, policy.OpenCoop).Err(nil); err != nil {
		return nil, err
	}
	now := s.now()
	r := coopRow{ID: newID(), Status: CoopPending, CreatedAt: now, UpdatedAt: now}
	if err := in.patch().apply(&r); err != nil {
		return nil, err
	}
	if len(in.Referrer) > 32 {
		return nil, apperr.Field("referrer", "Mã giới thiệu tối đa 32 ký tự.")
	}
	err := s.tx(ctx, "apply for coop", func(tx *gorm.DB) error {
		if err := refuseSecondApplication(tx, a); err != nil {
			return err
		}
		var err error
		if r.ReferrerID, err = referrerID(tx, in.Referrer); err != nil {
			return err
		}
		err = insertWithSlug(tx, "coops", r.Name, "htx", func(slug string) { r.Slug = slug },
			func(tx *gorm.DB) error { return tx.Create(&r).Error })
		if err != nil {
			return err
		}
		if err := tx.Create(&memberRow{CoopID: r.ID, UserID: a.UserID, Role: kernel.MemberOwner, CreatedAt: now}).Error; err != nil {
			return err
		}
		if err := tx.Create(&statusRow{ID: newID(), CoopID: r.ID, ToStatus: CoopPending, ActorID: &a.UserID, CreatedAt: now}).Error; err != nil {
			return err
		}
		if err := tx.Table("users").Where("id = ? AND role = ?", a.UserID, kernel.RoleShopper).
			Updates(map[string]any{"role": kernel.RoleSeller, "updated_at": now}).Error; err != nil {
			return err
		}
		ac := &access{coop: r, role: kernel.MemberOwner, caller: a}
		return s.audit(tx, ac, "coop.apply", "coop", r.ID, created(coopFields(&r)))
	})
	if err != nil {
		return nil, err
	}
	c := s.coopView(ctx, &r, true)
	return &c, nil
}

// Coop returns a coop by slug or id, as the actor may see it.
func (s *Service) Coop(ctx context.Context, a kernel.Caller, slugOrID string) (*Coop, error) {
	var r coopRow
	err := s.read(ctx).Table("coops c").Scopes(visibleCoops(a)).
		Where("(c.slug = ? OR c.id = ?)", slugOrID, slugOrID).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, errNotFound("hợp tác xã")
	}
	if err != nil {
		return nil, apperr.Wrap(err, "read coop")
	}
	private, err := seesPrivate(s.read(ctx), a, &r)
	if err != nil {
		return nil, apperr.Wrap(err, "read coop membership")
	}
	c := s.coopView(ctx, &r, private)
	return &c, nil
}

// UpdateCoop applies a partial update (owner or staff). A change of name or
// province re-syncs every product of the coop to search.
func (s *Service) UpdateCoop(ctx context.Context, a kernel.Caller, coopID string, in CoopPatch) (*Coop, error) {
	var r coopRow
	err := s.tx(ctx, "update coop", func(tx *gorm.DB) error {
		ac, err := coopAccess(tx, a, coopID, policy.ManageCoop)
		if err != nil {
			return err
		}
		r = ac.coop
		if err := in.apply(&r); err != nil {
			return err
		}
		changes := diff(coopFields(&ac.coop), coopFields(&r))
		if len(changes) == 0 {
			return nil
		}
		r.UpdatedAt = s.now()
		err = tx.Model(&coopRow{}).Where("id = ?", r.ID).Updates(map[string]any{
			"name": r.Name, "search_name": r.SearchName, "kind": r.Kind, "description": r.Description,
			"province": r.Province, "commune": r.Commune, "commune_code": r.CommuneCode, "address": r.Address,
			"phone": r.Phone, "zalo": r.Zalo, "bank_bin": r.BankBIN, "bank_account_number": r.BankAccountNumber,
			"bank_account_name": r.BankAccountName, "shipping_fee_vnd": r.ShippingFeeVND,
			"free_shipping_over_vnd": r.FreeShippingOverVND, "updated_at": r.UpdatedAt,
		}).Error
		if err != nil {
			return err
		}
		_, renamed := changes["name"]
		_, moved := changes["province"]
		if renamed || moved {
			if err := coopProductsChanged(tx, r.ID); err != nil {
				return err
			}
		}
		return s.audit(tx, ac, "coop.update", "coop", r.ID, changes)
	})
	if err != nil {
		return nil, err
	}
	c := s.coopView(ctx, &r, true)
	return &c, nil
}

// coopFields are the fields the audit log compares.
func coopFields(r *coopRow) map[string]any {
	m := map[string]any{
		"name": r.Name, "kind": string(r.Kind), "description": r.Description, "province": r.Province,
		"commune": r.Commune, "commune_code": r.CommuneCode, "address": r.Address, "phone": r.Phone, "zalo": r.Zalo,
		"shipping_fee_vnd": r.ShippingFeeVND, "free_shipping_over_vnd": nil, "bank": nil,
	}
	if r.FreeShippingOverVND != nil {
		m["free_shipping_over_vnd"] = *r.FreeShippingOverVND
	}
	if b := r.bank(); b != nil {
		m["bank"] = *b
	}
	return m
}

// CoopFilter narrows GET /coops and GET /admin/coops.
type CoopFilter struct {
	Province string     // a province slug
	Q        string     // words of the name, with or without diacritics
	Status   CoopStatus // staff only; empty for any the actor may see
	// PlaceReview keeps only coops whose commune is not (yet) one of the
	// list: rows stored before validation that no exact match could code.
	PlaceReview bool
}

// Coops lists the coops the actor may see (the public: approved ones),
// newest first.
func (s *Service) Coops(ctx context.Context, a kernel.Caller, f CoopFilter, pr kernel.PageRequest) (kernel.Page[Coop], error) {
	after, err := pages.After(pr)
	if err != nil {
		return kernel.Page[Coop]{}, err
	}
	if f.Status != "" && !f.Status.Valid() {
		return kernel.Page[Coop]{}, apperr.Field("status", "Trạng thái phải là pending, approved, rejected hoặc suspended.")
	}
	limit := pr.Size()
	q := s.read(ctx).Table("coops c").Scopes(visibleCoops(a))
	if f.Province != "" {
		q = q.Where("c.province = ?", f.Province)
	}
	if f.Status != "" {
		q = q.Where("c.status = ?", f.Status)
	}
	if f.PlaceReview {
		q = q.Where("c.commune_code = ''")
	}
	for _, w := range strings.Fields(Fold(f.Q)) {
		q = q.Where("c.search_name LIKE ? ESCAPE '\\'", "%"+escapeLike(w)+"%")
	}
	if after != "" {
		q = q.Where("c.id < ?", after)
	}
	var rows []coopRow
	if err := q.Order("c.id DESC").Limit(limit + 1).Find(&rows).Error; err != nil {
		return kernel.Page[Coop]{}, apperr.Wrap(err, "list coops")
	}
	out := make([]Coop, len(rows))
	for i := range rows {
		out[i] = s.coopView(ctx, &rows[i], policy.Decide(a, policy.SeeCoopPrivate, coopFacts(&rows[i], kernel.MemberNone)).Allowed())
	}
	return kernel.PageOf(out, limit, pages, func(c Coop) string { return c.ID }), nil
}

// AdminCoops lists coops of any status for staff (GET /admin/coops?status=):
// the coops of the province a scoped member oversees (policy.Oversees), a
// filter naming another province finding none.
func (s *Service) AdminCoops(ctx context.Context, a kernel.Caller, f CoopFilter, pr kernel.PageRequest) (kernel.Page[Coop], error) {
	o, d := policy.Oversees(a)
	if err := d.Err(nil); err != nil {
		return kernel.Page[Coop]{}, err
	}
	if !o.All {
		if f.Province != "" && f.Province != o.Province {
			return kernel.NewPage[Coop](nil, false, pages, ""), nil
		}
		f.Province = o.Province
	}
	return s.Coops(ctx, a, f, pr)
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// MemberCoop is a coop a user belongs to, for GET /me.
type MemberCoop struct {
	ID         string            `json:"id"`
	Slug       string            `json:"slug"`
	Name       string            `json:"name"`
	MemberRole kernel.MemberRole `json:"member_role"`
}

// CoopsOfUser lists the coops userID is a member of, in the order joined.
func (s *Service) CoopsOfUser(ctx context.Context, userID string) ([]MemberCoop, error) {
	out := []MemberCoop{}
	err := s.read(ctx).Table("coop_members cm").
		Select("c.id, c.slug, c.name, cm.role AS member_role").
		Joins("JOIN coops c ON c.id = cm.coop_id").
		Where("cm.user_id = ?", userID).Order("cm.created_at, c.id").Scan(&out).Error
	if err != nil {
		return nil, apperr.Wrap(err, "coops of user")
	}
	return out, nil
}

// referrerID is the id of the referrer whose code a coop applied with (nil
// for none or an unknown code). The referrers package owns the table and
// builds on the catalog, so the catalog reads it here; codes are stored in
// upper case.
func referrerID(tx *gorm.DB, code string) (*string, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" {
		return nil, nil
	}
	var ids []string
	if err := tx.Table("referrers").Where("code = ?", code).Limit(1).Pluck("id", &ids).Error; err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return &ids[0], nil
}
