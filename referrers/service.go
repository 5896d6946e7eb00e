package referrers

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Service creates and finds referrers. It keeps nothing in memory.
type Service struct {
	db  *gorm.DB
	now kernel.Clock
}

// NewService returns the service over db (migrated to 00019 or later);
// now is its clock (kernel.UTCClock when nil).
func NewService(db *gorm.DB, now kernel.Clock) *Service {
	if now == nil {
		now = kernel.UTCClock
	}
	return &Service{db: db, now: now}
}

// Input is the body of POST /admin/referrers. ChapterCode ties a member
// to her chapter; UserID to her own account.
type Input struct {
	Name        string `json:"name"`
	Kind        Kind   `json:"kind"`
	Province    string `json:"province"`
	Commune     string `json:"commune,omitempty"`
	ChapterCode string `json:"chapter_code,omitempty"`
	UserID      string `json:"user_id,omitempty"`
}

// Limits of the text fields, in characters.
const (
	MaxName    = 120
	MaxCommune = 120
)

// may says whether a may look after the network of province p: the staff
// who moderate that province's coops (the one rule of package policy).
func may(a kernel.Caller, p string) error {
	return policy.Decide(a, policy.ModerateCoop, policy.Facts{Province: p}).
		Err(apperr.NotFoundf("Không tìm thấy."))
}

// Create adds a chapter or member with a fresh code.
func (s *Service) Create(ctx context.Context, a kernel.Caller, in Input) (*Referrer, error) {
	if err := policy.Gate(a, policy.StaffDoor).Err(nil); err != nil {
		return nil, err
	}
	r, err := s.validate(ctx, in)
	if err != nil {
		return nil, err
	}
	if err := may(a, r.Province); err != nil {
		return nil, err
	}
	r.ID, r.CreatedBy, r.CreatedAt = uuid.Must(uuid.NewV7()).String(), a.UserID, s.now().UTC().Truncate(time.Microsecond)
	for range 5 { // a taken code is drawn again; with 887 million codes rarely
		r.Code = newCode()
		err = s.db.WithContext(ctx).Create(r).Error
		if err == nil {
			v := r.view()
			return &v, nil
		}
		if !errors.Is(err, gorm.ErrDuplicatedKey) {
			return nil, apperr.Wrap(err, "create referrer")
		}
		if r.UserID != nil && s.db.WithContext(ctx).Where("user_id = ?", *r.UserID).Take(&row{}).Error == nil {
			return nil, apperr.Field("user_id", "Tài khoản này đã có mã giới thiệu.")
		}
	}
	return nil, apperr.Wrap(err, "create referrer: no free code")
}

// validate checks in field by field and returns the row it describes.
func (s *Service) validate(ctx context.Context, in Input) (*row, error) {
	var fields []apperr.FieldError
	add := func(f, m string) { fields = append(fields, apperr.FieldError{Field: f, Message: m}) }
	r := &row{Name: strings.TrimSpace(in.Name), Kind: in.Kind, Province: strings.TrimSpace(in.Province), Commune: strings.TrimSpace(in.Commune)}
	if n := utf8.RuneCountInString(r.Name); n == 0 || n > MaxName {
		add("name", "Tên từ 1 đến "+strconv.Itoa(MaxName)+" ký tự.")
	}
	if r.Kind != Chapter && r.Kind != Member {
		add("kind", "Chọn «chapter» (chi hội) hoặc «member» (hội viên).")
	}
	if _, ok := catalog.ProvinceBySlug(r.Province); !ok {
		add("province", "Tỉnh, thành không có trong danh sách.")
	}
	if utf8.RuneCountInString(r.Commune) > MaxCommune {
		add("commune", "Tối đa "+strconv.Itoa(MaxCommune)+" ký tự.")
	}
	if in.ChapterCode != "" {
		ch, err := s.find(s.db.WithContext(ctx), in.ChapterCode)
		switch {
		case err != nil:
			return nil, err
		case ch == nil || ch.Kind != Chapter || r.Kind != Member:
			add("chapter_code", "Không có chi hội nào mang mã này.")
		case ch.Province != r.Province:
			add("chapter_code", "Chi hội này ở tỉnh khác.")
		default:
			r.ChapterID = &ch.ID
			if r.Commune == "" {
				r.Commune = ch.Commune
			}
		}
	}
	if in.UserID != "" {
		var n int64
		if err := s.db.WithContext(ctx).Table("users").Where("id = ?", in.UserID).Count(&n).Error; err != nil {
			return nil, apperr.Wrap(err, "find referrer account")
		}
		if n == 0 || r.Kind != Member {
			add("user_id", "Không tìm thấy tài khoản hội viên này.")
		}
		id := in.UserID
		r.UserID = &id
	}
	if len(fields) > 0 {
		return nil, apperr.Invalid("Thông tin người giới thiệu chưa đúng.", fields...)
	}
	return r, nil
}

// List answers the referrers a staff member looks after: every one for
// national staff, her province's for a provincial one; by province, then
// chapters before members, then name.
func (s *Service) List(ctx context.Context, a kernel.Caller) ([]Referrer, error) {
	if err := policy.Gate(a, policy.StaffDoor).Err(nil); err != nil {
		return nil, err
	}
	q := s.db.WithContext(ctx).Order("province, kind, name, code")
	if sc := policy.Visible(a); !sc.All {
		q = q.Where("province = ?", sc.Province)
	}
	var rows []row
	if err := q.Limit(2000).Find(&rows).Error; err != nil {
		return nil, apperr.Wrap(err, "list referrers")
	}
	out := make([]Referrer, len(rows))
	for i := range rows {
		out[i] = rows[i].view()
	}
	return out, nil
}

// ByCode finds a referrer by code (nil, nil for none: unknown codes on
// links are ignored, not errors).
func (s *Service) ByCode(ctx context.Context, code string) (*Referrer, error) {
	r, err := s.find(s.db.WithContext(ctx), code)
	if err != nil || r == nil {
		return nil, err
	}
	v := r.view()
	return &v, nil
}

// OfUser is the referrer that is the account userID (nil, nil for none):
// the code her share links carry.
func (s *Service) OfUser(ctx context.Context, userID string) (*Referrer, error) {
	if userID == "" {
		return nil, nil
	}
	var rows []row
	if err := s.db.WithContext(ctx).Where("user_id = ?", userID).Limit(1).Find(&rows).Error; err != nil {
		return nil, apperr.Wrap(err, "referrer of user")
	}
	if len(rows) == 0 {
		return nil, nil
	}
	v := rows[0].view()
	return &v, nil
}

// Lookup is the referrer with code, read in the caller's transaction (nil
// for an empty or unknown code). Orders and catalog call it when they keep
// who brought an order or a coop.
func Lookup(tx *gorm.DB, code string) (*Referrer, error) {
	r, err := (&Service{}).find(tx, code)
	if err != nil || r == nil {
		return nil, err
	}
	v := r.view()
	return &v, nil
}

func (*Service) find(db *gorm.DB, code string) (*row, error) {
	code = NormalizeCode(code)
	if code == "" {
		return nil, nil
	}
	var rows []row
	if err := db.Where("code = ?", code).Limit(1).Find(&rows).Error; err != nil {
		return nil, apperr.Wrap(err, "find referrer")
	}
	if len(rows) == 0 {
		return nil, nil
	}
	return &rows[0], nil
}
