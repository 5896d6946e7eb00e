package addresses

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
)

// CodeBookFull is the conflict of an add past Max.
const CodeBookFull = "address_book_full"

// Service keeps the address books. It is safe for concurrent use.
type Service struct {
	db  *gorm.DB
	now kernel.Clock
}

// NewService returns the address books over db (migrated to 00016 or later).
func NewService(db *gorm.DB) *Service { return &Service{db: db, now: kernel.UTCClock} }

func signedIn(a kernel.Caller) error {
	if !a.SignedIn() {
		return apperr.Unauthenticatedf("Hãy đăng nhập để dùng sổ địa chỉ.")
	}
	return nil
}

// List is the caller's addresses, the default first, then newest first.
func (s *Service) List(ctx context.Context, a kernel.Caller) ([]Address, error) {
	if err := signedIn(a); err != nil {
		return nil, err
	}
	var rows []row
	err := s.db.WithContext(ctx).Where("user_id = ?", a.UserID).
		Order("is_default DESC, created_at DESC, id DESC").Find(&rows).Error
	if err != nil {
		return nil, apperr.Wrap(err, "list addresses")
	}
	out := make([]Address, len(rows))
	for i := range rows {
		out[i] = rows[i].view()
	}
	return out, nil
}

// Default is the caller's default address, false when she has none.
func (s *Service) Default(ctx context.Context, a kernel.Caller) (Address, bool, error) {
	list, err := s.List(ctx, a)
	if err != nil || len(list) == 0 {
		return Address{}, false, err
	}
	return list[0], list[0].IsDefault, nil
}

// Add saves an address; the first one, or one asked to be, becomes the default.
func (s *Service) Add(ctx context.Context, a kernel.Caller, in Input) (*Address, error) {
	if err := signedIn(a); err != nil {
		return nil, err
	}
	now := s.now()
	r := row{ID: uuid.Must(uuid.NewV7()).String(), UserID: a.UserID, CreatedAt: now, UpdatedAt: now}
	if err := in.patch().apply(&r); err != nil {
		return nil, err
	}
	err := s.tx(ctx, a, "add address", func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&row{}).Where("user_id = ?", a.UserID).Count(&n).Error; err != nil {
			return err
		}
		if n >= Max {
			return apperr.Conflictf(CodeBookFull, "Sổ địa chỉ đã đủ %d địa chỉ; hãy xoá bớt một địa chỉ cũ.", Max)
		}
		r.IsDefault = in.IsDefault || n == 0
		if r.IsDefault {
			if err := clearDefault(tx, a.UserID, now); err != nil {
				return err
			}
		}
		return tx.Create(&r).Error
	})
	if err != nil {
		return nil, err
	}
	v := r.view()
	return &v, nil
}

// Update changes the fields of one of the caller's addresses.
func (s *Service) Update(ctx context.Context, a kernel.Caller, id string, in Patch) (*Address, error) {
	if err := signedIn(a); err != nil {
		return nil, err
	}
	var r row
	err := s.tx(ctx, a, "update address", func(tx *gorm.DB) error {
		var err error
		if r, err = own(tx, a, id); err != nil {
			return err
		}
		if err := in.apply(&r); err != nil {
			return err
		}
		r.UpdatedAt = s.now()
		return tx.Model(&row{}).Where("id = ?", r.ID).Updates(map[string]any{
			"recipient_name": r.RecipientName, "phone": r.Phone, "province": r.Province,
			"commune": r.Commune, "commune_code": r.CommuneCode, "street": r.Street, "updated_at": r.UpdatedAt,
		}).Error
	})
	if err != nil {
		return nil, err
	}
	v := r.view()
	return &v, nil
}

// SetDefault makes one of the caller's addresses the default.
func (s *Service) SetDefault(ctx context.Context, a kernel.Caller, id string) (*Address, error) {
	if err := signedIn(a); err != nil {
		return nil, err
	}
	var r row
	err := s.tx(ctx, a, "set default address", func(tx *gorm.DB) error {
		var err error
		if r, err = own(tx, a, id); err != nil || r.IsDefault {
			return err
		}
		now := s.now()
		if err := clearDefault(tx, a.UserID, now); err != nil {
			return err
		}
		r.IsDefault, r.UpdatedAt = true, now
		return tx.Model(&row{}).Where("id = ?", r.ID).
			Updates(map[string]any{"is_default": true, "updated_at": now}).Error
	})
	if err != nil {
		return nil, err
	}
	v := r.view()
	return &v, nil
}

// Remove deletes one of the caller's addresses; when it was the default,
// the newest of the others becomes the default.
func (s *Service) Remove(ctx context.Context, a kernel.Caller, id string) error {
	if err := signedIn(a); err != nil {
		return err
	}
	return s.tx(ctx, a, "remove address", func(tx *gorm.DB) error {
		r, err := own(tx, a, id)
		if err != nil {
			return err
		}
		if err := tx.Delete(&row{}, "id = ?", r.ID).Error; err != nil {
			return err
		}
		if !r.IsDefault {
			return nil
		}
		var next row
		err = tx.Where("user_id = ?", a.UserID).Order("created_at DESC, id DESC").Take(&next).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return tx.Model(&row{}).Where("id = ?", next.ID).
			Updates(map[string]any{"is_default": true, "updated_at": s.now()}).Error
	})
}

// tx runs fn in one transaction holding the lock of the caller's account
// row, which serialises every change to one address book.
func (s *Service) tx(ctx context.Context, a kernel.Caller, what string, fn func(tx *gorm.DB) error) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		q := tx.Table("users").Select("id").Where("id = ?", a.UserID)
		if database.DialectOf(tx) == database.Postgres {
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		var ids []string
		if err := q.Pluck("id", &ids).Error; err != nil {
			return err
		}
		if len(ids) == 0 {
			return apperr.Unauthenticatedf("Tài khoản không còn tồn tại.")
		}
		return fn(tx)
	})
	return apperr.Wrap(err, what)
}

// own reads one address of the caller; another's is not found.
func own(tx *gorm.DB, a kernel.Caller, id string) (row, error) {
	var r row
	err := tx.Where("id = ? AND user_id = ?", id, a.UserID).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, apperr.NotFoundf("Không tìm thấy địa chỉ này trong sổ địa chỉ của bạn.")
	}
	return r, err
}

func clearDefault(tx *gorm.DB, userID string, now any) error {
	return tx.Model(&row{}).Where("user_id = ? AND is_default", userID).
		Updates(map[string]any{"is_default": false, "updated_at": now}).Error
}
