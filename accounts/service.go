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
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Options tune token lifetime and login throttling.
type Options struct {
	TokenTTL              time.Duration
	LoginFailuresPerPhone int
	LoginAttemptsPerIP    int
	LoginWindow           time.Duration
}

// DefaultOptions are the settings used when a field of Options is zero.
var DefaultOptions = Options{
	TokenTTL:              30 * 24 * time.Hour,
	LoginFailuresPerPhone: 10,
	LoginAttemptsPerIP:    60,
	LoginWindow:           15 * time.Minute,
}

// Service registers users, signs them in and out, and resolves bearer tokens.
type Service struct {
	db   *gorm.DB
	opts Options
	now  func() time.Time
	// hashSlots bounds concurrent argon2id computations: each takes 19 MiB,
	// so a burst of logins must queue rather than exhaust memory.
	hashSlots chan struct{}
}

// NewService returns an accounts service over db.
func NewService(db *gorm.DB, opts Options) *Service {
	d := DefaultOptions
	if opts.TokenTTL == 0 {
		opts.TokenTTL = d.TokenTTL
	}
	if opts.LoginFailuresPerPhone == 0 {
		opts.LoginFailuresPerPhone = d.LoginFailuresPerPhone
	}
	if opts.LoginAttemptsPerIP == 0 {
		opts.LoginAttemptsPerIP = d.LoginAttemptsPerIP
	}
	if opts.LoginWindow == 0 {
		opts.LoginWindow = d.LoginWindow
	}
	return &Service{
		db:        db,
		opts:      opts,
		now:       func() time.Time { return time.Now().UTC() },
		hashSlots: make(chan struct{}, 2*runtime.NumCPU()),
	}
}

// SetClock replaces the service's clock; tests use it to move time forward.
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// RegisterInput is what a person gives to open an account.
type RegisterInput struct {
	Phone    string
	Password string
	Name     string
	Email    string
}

// SignedIn is the result of registering or signing in: the user and a bearer
// token shown once.
type SignedIn struct {
	User      *User
	Token     string
	ExpiresAt time.Time
}

// Register creates a shopper account and signs it in.
func (s *Service) Register(ctx context.Context, in RegisterInput) (SignedIn, error) {
	u, err := s.CreateUser(ctx, in, RoleShopper)
	if err != nil {
		return SignedIn{}, err
	}
	return s.issue(ctx, u)
}

// CreateUser creates an account with a given role; the command line uses it
// to make the first staff account.
func (s *Service) CreateUser(ctx context.Context, in RegisterInput, role Role) (*User, error) {
	u, err := s.validateNew(in, role)
	if err != nil {
		return nil, err
	}
	if u.PasswordHash, err = s.hash(ctx, in.Password); err != nil {
		return nil, err
	}
	if err := s.db.WithContext(ctx).Create(u).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return nil, apperr.Conflictf(apperr.CodeConflict, "Số điện thoại này đã có tài khoản.")
		}
		return nil, apperr.Wrap(err, "create user")
	}
	return u, nil
}

func (s *Service) validateNew(in RegisterInput, role Role) (*User, error) {
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
	if len(fields) > 0 {
		return nil, apperr.Invalid("", fields...)
	}
	now := s.now()
	return &User{ID: uuid.Must(uuid.NewV7()).String(), Phone: phone, Name: name, Email: email, Role: role, CreatedAt: now, UpdatedAt: now}, nil
}

// Login checks a phone and password and issues a token. An unknown phone and
// a wrong password get the same answer after the same work. Attempts are
// throttled per client address and failures per phone.
func (s *Service) Login(ctx context.Context, phone, password, clientIP string) (SignedIn, error) {
	norm, err := NormalizePhone(phone)
	if err != nil {
		return SignedIn{}, err
	}
	if utf8.RuneCountInString(password) > MaxPasswordLen {
		return SignedIn{}, errBadCredentials()
	}
	if clientIP != "" {
		n, err := s.hit(ctx, "login:ip:"+clientIP)
		if err != nil {
			return SignedIn{}, err
		}
		if n > s.opts.LoginAttemptsPerIP {
			return SignedIn{}, errTooManyAttempts()
		}
	}
	phoneKey := "login:phone:" + norm
	if n, err := s.peek(ctx, phoneKey); err != nil {
		return SignedIn{}, err
	} else if n >= s.opts.LoginFailuresPerPhone {
		return SignedIn{}, errTooManyAttempts()
	}

	var u User
	err = s.db.WithContext(ctx).Where("phone = ?", norm).Take(&u).Error
	found := err == nil
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return SignedIn{}, apperr.Wrap(err, "find user")
	}
	hash := u.PasswordHash
	if !found {
		hash = dummyHash()
	}
	ok, err := s.verify(ctx, password, hash)
	if err != nil {
		return SignedIn{}, err
	}
	if !found || !ok {
		if _, err := s.hit(ctx, phoneKey); err != nil {
			return SignedIn{}, err
		}
		return SignedIn{}, errBadCredentials()
	}
	if err := s.reset(ctx, phoneKey); err != nil {
		return SignedIn{}, err
	}
	return s.issue(ctx, &u)
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
	var u User
	err := s.db.WithContext(ctx).
		Joins("JOIN sessions ON sessions.user_id = users.id").
		Where("sessions.token_hash = ? AND sessions.revoked_at IS NULL AND sessions.expires_at > ?", hashToken(token), s.now()).
		Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, errBadToken()
	}
	if err != nil {
		return nil, apperr.Wrap(err, "authenticate")
	}
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
// whose window has passed. The server calls it from time to time.
func (s *Service) Cleanup(ctx context.Context) error {
	now := s.now()
	db := s.db.WithContext(ctx)
	if err := db.Where("expires_at < ? OR revoked_at < ?", now, now.Add(-24*time.Hour)).Delete(&Session{}).Error; err != nil {
		return apperr.Wrap(err, "delete old sessions")
	}
	err := db.Exec("DELETE FROM rate_counters WHERE window_start < ?", now.Add(-s.opts.LoginWindow)).Error
	return apperr.Wrap(err, "delete old counters")
}

func (s *Service) issue(ctx context.Context, u *User) (SignedIn, error) {
	token, hash, err := newToken()
	if err != nil {
		return SignedIn{}, apperr.Wrap(err, "new token")
	}
	now := s.now()
	sess := Session{TokenHash: hash, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(s.opts.TokenTTL)}
	if err := s.db.WithContext(ctx).Create(&sess).Error; err != nil {
		return SignedIn{}, apperr.Wrap(err, "store session")
	}
	return SignedIn{User: u, Token: token, ExpiresAt: sess.ExpiresAt}, nil
}

func (s *Service) hash(ctx context.Context, pw string) (string, error) {
	if err := s.acquire(ctx); err != nil {
		return "", err
	}
	defer func() { <-s.hashSlots }()
	h, err := HashPassword(pw)
	return h, apperr.Wrap(err, "hash password")
}

func (s *Service) verify(ctx context.Context, pw, hash string) (bool, error) {
	if err := s.acquire(ctx); err != nil {
		return false, err
	}
	defer func() { <-s.hashSlots }()
	ok, err := VerifyPassword(pw, hash)
	return ok, apperr.Wrap(err, "verify password")
}

func (s *Service) acquire(ctx context.Context) error {
	select {
	case s.hashSlots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return apperr.New(apperr.KindUnavailable, apperr.CodeUnavailable, "Hệ thống đang bận, xin thử lại sau giây lát.")
	}
}

func errBadCredentials() error {
	return apperr.Unauthenticatedf("Số điện thoại hoặc mật khẩu không đúng.")
}

func errBadToken() error {
	return apperr.Unauthenticatedf("Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Xin đăng nhập lại.")
}

func errTooManyAttempts() error {
	return apperr.New(apperr.KindRateLimited, apperr.CodeRateLimited, "Bạn đã thử đăng nhập quá nhiều lần. Xin đợi ít phút rồi thử lại.")
}
