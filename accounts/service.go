package accounts

import (
	"context"
	"errors"
	"net/mail"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/throttle"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Options tune token lifetime and the throttles of sign-in and
// registration (see login.go for what each limit guards against).
type Options struct {
	TokenTTL time.Duration
	// LoginFailuresPerPhoneIP is how many wrong passwords one address may
	// give for one phone in LoginWindow before that address is refused for
	// that phone, even with the right password.
	LoginFailuresPerPhoneIP int
	// LoginFailuresPerPhone is how many wrong passwords one phone may take
	// from all addresses together in an hour: the ceiling on online guessing.
	LoginFailuresPerPhone int
	// LoginAttemptsPerIP is how many sign-ins, right or wrong, one address
	// may try in LoginWindow.
	LoginAttemptsPerIP int
	// RegistrationsPerIP is how many accounts one address may try to open
	// in LoginWindow.
	RegistrationsPerIP int
	LoginWindow        time.Duration
}

// DefaultOptions are the settings used when a field of Options is zero.
var DefaultOptions = Options{
	TokenTTL:                30 * 24 * time.Hour,
	LoginFailuresPerPhoneIP: 10,
	LoginFailuresPerPhone:   100,
	LoginAttemptsPerIP:      60,
	RegistrationsPerIP:      20,
	LoginWindow:             15 * time.Minute,
}

// Service registers users, signs them in and out, and resolves bearer tokens.
type Service struct {
	db       *gorm.DB
	opts     Options
	now      kernel.Clock
	attempts *throttle.Counter
	rules    rules
	// hashing bounds concurrent argon2id computations, with a share kept
	// for sign-in (hashing.go).
	hashing hashBudget
	// hashPassword is HashPassword; tests slow it down to hold slots.
	hashPassword func(string) (string, error)
}

// NewService returns an accounts service over db.
func NewService(db *gorm.DB, opts Options) *Service {
	d := DefaultOptions
	for _, f := range []struct{ v, def *int }{
		{&opts.LoginFailuresPerPhoneIP, &d.LoginFailuresPerPhoneIP},
		{&opts.LoginFailuresPerPhone, &d.LoginFailuresPerPhone},
		{&opts.LoginAttemptsPerIP, &d.LoginAttemptsPerIP},
		{&opts.RegistrationsPerIP, &d.RegistrationsPerIP},
	} {
		if *f.v <= 0 {
			*f.v = *f.def
		}
	}
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = d.TokenTTL
	}
	if opts.LoginWindow <= 0 {
		opts.LoginWindow = d.LoginWindow
	}
	s := &Service{
		db:           db,
		opts:         opts,
		now:          kernel.UTCClock,
		rules:        rulesOf(opts),
		hashing:      newHashBudget(2 * runtime.NumCPU()),
		hashPassword: HashPassword,
	}
	s.attempts = throttle.New(db, func() time.Time { return s.now() })
	return s
}

// SetClock replaces the service's clock; tests use it to move time forward.
func (s *Service) SetClock(now kernel.Clock) { s.now = now }

// RegisterInput is what a person gives to open an account.
type RegisterInput struct {
	Phone    string
	Password string
	Name     string
	Email    string
	// Province scopes a staff account to one province (CreateUser only;
	// the caller checks the slug against catalog's provinces).
	Province string
}

// SignedIn is the result of registering or signing in: the user and a bearer
// token shown once.
type SignedIn struct {
	User      *User
	Token     string
	ExpiresAt time.Time
}

// Register creates a shopper account and signs it in, in one transaction:
// an account is never left without the session that was its reason. Each
// client address may try a limited number of registrations (counted once
// the input is valid, before the password is hashed).
func (s *Service) Register(ctx context.Context, in RegisterInput, clientIP string) (SignedIn, error) {
	in.Province = ""
	u, err := s.validateNew(in, kernel.RoleShopper)
	if err != nil {
		return SignedIn{}, err
	}
	if clientIP != "" {
		ok, err := s.attempts.Take(ctx, s.rules.registrationsPerIP, clientIP)
		if err != nil {
			return SignedIn{}, err
		}
		if !ok {
			return SignedIn{}, errTooManyRegistrations()
		}
	}
	if u.PasswordHash, err = s.hash(ctx, in.Password); err != nil {
		return SignedIn{}, err
	}
	var out SignedIn
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := insertUser(tx, u); err != nil {
			return err
		}
		if err := s.recordConsent(tx, u.ID); err != nil {
			return err
		}
		out, err = s.issue(tx, u)
		return err
	})
	return out, apperr.Wrap(err, "register")
}

// CreateUser creates an account with a given role; the command line uses it
// to make the first staff account.
func (s *Service) CreateUser(ctx context.Context, in RegisterInput, role kernel.Role) (*User, error) {
	u, err := s.validateNew(in, role)
	if err != nil {
		return nil, err
	}
	if u.PasswordHash, err = s.hash(ctx, in.Password); err != nil {
		return nil, err
	}
	if err := insertUser(s.db.WithContext(ctx), u); err != nil {
		return nil, apperr.Wrap(err, "create user")
	}
	return u, nil
}

// insertUser writes a new account; a phone that already has one is a conflict.
func insertUser(db *gorm.DB, u *User) error {
	err := db.Create(u).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return apperr.Conflictf(apperr.CodeConflict, "Số điện thoại này đã có tài khoản.")
	}
	return err
}

func (s *Service) validateNew(in RegisterInput, role kernel.Role) (*User, error) {
	var fields []apperr.FieldError
	phone, err := NormalizePhone(in.Phone)
	if err != nil {
		fields = append(fields, apperr.As(err).Fields...)
	}
	name := strings.TrimSpace(in.Name)
	if n := utf8.RuneCountInString(name); n == 0 || n > 100 {
		fields = append(fields, apperr.FieldError{Field: "name", Message: "Tên cần từ 1 đến 100 ký tự."})
	}
	email := strings.TrimSpace(in.Email)
	if email != "" {
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email || len(email) > 254 {
			fields = append(fields, apperr.FieldError{Field: "email", Message: "Địa chỉ email không hợp lệ."})
		}
	}
	if err := CheckPassword(in.Password); err != nil {
		fields = append(fields, apperr.As(err).Fields...)
	}
	if !role.Valid() {
		fields = append(fields, apperr.FieldError{Field: "role", Message: "Vai trò không hợp lệ."})
	}
	var province *string
	if p := strings.TrimSpace(in.Province); p != "" {
		if !role.IsStaff() {
			fields = append(fields, apperr.FieldError{Field: "province", Message: "Chỉ tài khoản cán bộ Hội mới gắn với một tỉnh."})
		}
		province = &p
	}
	if len(fields) > 0 {
		return nil, apperr.Invalid("", fields...)
	}
	now := s.now()
	return &User{ID: uuid.Must(uuid.NewV7()).String(), Phone: phone, Name: name, Email: email, Role: role, Province: province, CreatedAt: now, UpdatedAt: now}, nil
}

// Logout revokes the one token it is given; other sessions stay signed in.
func (s *Service) Logout(ctx context.Context, token string) error {
	err := s.db.WithContext(ctx).Model(&Session{}).
		Where("token_hash = ? AND revoked_at IS NULL", hashToken(token)).
		Update("revoked_at", s.now()).Error
	return apperr.Wrap(err, "revoke token")
}

// Authenticate returns the user a live token belongs to, or an
// unauthenticated error for an unknown, expired or revoked token.
func (s *Service) Authenticate(ctx context.Context, token string) (*User, error) {
	if !strings.HasPrefix(token, tokenPrefix) || len(token) > 100 {
		return nil, errBadToken()
	}
	db := s.db.WithContext(ctx)
	var sess Session
	err := db.Where("token_hash = ? AND revoked_at IS NULL AND expires_at > ?", hashToken(token), s.now()).Take(&sess).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, errBadToken()
	}
	if err != nil {
		return nil, apperr.Wrap(err, "authenticate")
	}
	var u User
	if err := db.Where("id = ?", sess.UserID).Take(&u).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, errBadToken()
		}
		return nil, apperr.Wrap(err, "authenticate")
	}
	s.touchSession(ctx, &sess)
	return &u, nil
}

// UserByID returns a user or not_found.
func (s *Service) UserByID(ctx context.Context, id string) (*User, error) {
	var u User
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, apperr.NotFoundf("Không tìm thấy tài khoản.")
	}
	return &u, apperr.Wrap(err, "find user")
}

// Cleanup deletes sessions that can no longer be used and throttle counters
// whose window has passed (those of every domain: they share one table).
// The server calls it from time to time.
func (s *Service) Cleanup(ctx context.Context) error {
	now := s.now()
	db := s.db.WithContext(ctx)
	if err := db.Where("expires_at < ? OR revoked_at < ?", now, now.Add(-24*time.Hour)).Delete(&Session{}).Error; err != nil {
		return apperr.Wrap(err, "delete old sessions")
	}
	return s.attempts.Cleanup(ctx)
}

// issue writes a new session for u through db (the caller's transaction,
// or the service's database with the request's context).
func (s *Service) issue(db *gorm.DB, u *User) (SignedIn, error) {
	token, hash, err := newToken()
	if err != nil {
		return SignedIn{}, apperr.Wrap(err, "new token")
	}
	now := s.now()
	sess := Session{TokenHash: hash, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(s.opts.TokenTTL),
		UserAgent: userAgentOf(db.Statement.Context), LastUsedAt: &now}
	if err := db.Create(&sess).Error; err != nil {
		return SignedIn{}, apperr.Wrap(err, "store session")
	}
	return SignedIn{User: u, Token: token, ExpiresAt: sess.ExpiresAt}, nil
}

func errBadToken() error {
	return apperr.Unauthenticatedf("Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Xin đăng nhập lại.")
}
