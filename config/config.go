// Package config reads the service's settings from environment variables into
// one typed struct with defaults, and validates them once at start so that a
// misconfiguration stops the process with a clear message instead of failing
// on the first request.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Secret is a string that never prints itself: logs and error messages show
// "***" so credentials do not leak into log aggregation.
type Secret string

func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "***"
}

// LogValue masks the secret in structured logs.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// Reveal returns the secret's value for the one place that needs it.
func (s Secret) Reveal() string { return string(s) }

// Config is every setting of the binary. Zero values are never used: Load
// fills defaults.
type Config struct {
	Addr           string
	DataDir        string
	DatabaseURL    Secret // a postgres:// URL carries its password
	PublicURL      string // "" when unset: links and photos use each request's own address (api.withSite)
	LogLevel       slog.Level
	MigrateOnStart bool

	MeiliURL string
	MeiliKey Secret

	S3Endpoint  string
	S3AccessKey string
	S3SecretKey Secret
	S3Bucket    string
	S3UseSSL    bool
	S3Region    string
	S3PublicURL string
	// MediaMinFreeBytes is the free space the disk media store needs for
	// /readyz to say ready.
	MediaMinFreeBytes int64
	// MediaDecodeBytes bounds the memory of the photos being decoded at
	// once (media.ProcessorOptions.DecodeBudget).
	MediaDecodeBytes int64

	CORSOrigins    []string
	TrustedProxies []string
	ProxyHeader    string

	// BodyLimit bounds every request body but a photo upload's, which may
	// be media.MaxUploadBytes more (see httpbody).
	BodyLimit       int
	ReadTimeout     time.Duration
	WriteTimeout    time.Duration
	IdleTimeout     time.Duration
	RequestTimeout  time.Duration
	ShutdownTimeout time.Duration

	// PublicCacheTTL is how long one process reuses an anonymous answer of
	// a public catalog read (GANH_PUBLIC_CACHE_TTL). Zero, the default,
	// turns the micro-cache off: every read sees the last write, on every
	// instance. When on, a write may go unseen by anonymous readers of that
	// process for up to this long.
	PublicCacheTTL time.Duration

	TokenTTL time.Duration
	// Throttles of the doors that take a secret (accounts.Options and
	// orders say what each guards against): wrong passwords for one phone
	// from one address, and sign-ins and registrations from one address,
	// per LoginWindow; wrong passwords for one phone from all addresses,
	// per hour; failed guest order lookups from one address, per
	// LoginWindow.
	LoginFailuresPerPhoneIP  int
	LoginFailuresPerPhone    int
	LoginAttemptsPerIP       int
	RegistrationsPerIP       int
	OrderLookupFailuresPerIP int
	LoginWindow              time.Duration

	// Notify configures the notification channels (notify.go).
	Notify Notify
	// Payments configures bank-transfer confirmation (payments.go).
	Payments Payments
}

// UsesPostgres says whether the database is PostgreSQL rather than the
// embedded SQLite file.
func (c Config) UsesPostgres() bool { return c.DatabaseURL != "" }

// UsesMeilisearch says whether search runs on Meilisearch rather than the
// embedded index.
func (c Config) UsesMeilisearch() bool { return c.MeiliURL != "" }

// UsesS3 says whether media goes to MinIO/S3 rather than a folder on disk.
func (c Config) UsesS3() bool { return c.S3Endpoint != "" }

// Load reads the configuration through getenv (os.Getenv in production, a map
// in tests) and validates it.
func Load(getenv func(string) string) (Config, error) {
	r := reader{getenv: getenv}
	c := Config{
		Addr:           r.str("GANH_ADDR", ":8080"),
		DataDir:        r.str("GANH_DATA_DIR", "./data"),
		DatabaseURL:    Secret(r.str("GANH_DATABASE_URL", "")),
		PublicURL:      strings.TrimRight(r.str("GANH_PUBLIC_URL", ""), "/"),
		LogLevel:       r.level("GANH_LOG_LEVEL", slog.LevelInfo),
		MigrateOnStart: r.boolean("GANH_MIGRATE_ON_START", true),

		MeiliURL: r.str("GANH_MEILI_URL", ""),
		MeiliKey: Secret(r.str("GANH_MEILI_KEY", "")),

		S3Endpoint:  r.str("GANH_S3_ENDPOINT", ""),
		S3AccessKey: r.str("GANH_S3_ACCESS_KEY", ""),
		S3SecretKey: Secret(r.str("GANH_S3_SECRET_KEY", "")),
		S3Bucket:    r.str("GANH_S3_BUCKET", "ganh-media"),
		S3UseSSL:    r.boolean("GANH_S3_USE_SSL", false),
		S3Region:    r.str("GANH_S3_REGION", "us-east-1"),
		S3PublicURL: strings.TrimRight(r.str("GANH_S3_PUBLIC_URL", ""), "/"),

		MediaMinFreeBytes: int64(r.integer("GANH_MEDIA_MIN_FREE_BYTES", 256<<20)),
		MediaDecodeBytes:  int64(r.integer("GANH_MEDIA_DECODE_BYTES", 512<<20)),

		CORSOrigins:    r.list("GANH_CORS_ORIGINS"),
		TrustedProxies: r.list("GANH_TRUSTED_PROXIES"),
		ProxyHeader:    r.str("GANH_PROXY_HEADER", "X-Forwarded-For"),

		BodyLimit:       r.integer("GANH_BODY_LIMIT_BYTES", 1<<20),
		ReadTimeout:     r.duration("GANH_READ_TIMEOUT", 30*time.Second),
		WriteTimeout:    r.duration("GANH_WRITE_TIMEOUT", 30*time.Second),
		IdleTimeout:     r.duration("GANH_IDLE_TIMEOUT", 60*time.Second),
		RequestTimeout:  r.duration("GANH_REQUEST_TIMEOUT", 20*time.Second),
		ShutdownTimeout: r.duration("GANH_SHUTDOWN_TIMEOUT", 25*time.Second),
		PublicCacheTTL:  r.duration("GANH_PUBLIC_CACHE_TTL", 0),

		TokenTTL:                 r.duration("GANH_TOKEN_TTL", 30*24*time.Hour),
		LoginFailuresPerPhoneIP:  r.integer("GANH_LOGIN_FAILURES_PER_PHONE_IP", 10),
		LoginFailuresPerPhone:    r.integer("GANH_LOGIN_FAILURES_PER_PHONE", 100),
		LoginAttemptsPerIP:       r.integer("GANH_LOGIN_ATTEMPTS_PER_IP", 60),
		RegistrationsPerIP:       r.integer("GANH_REGISTRATIONS_PER_IP", 20),
		OrderLookupFailuresPerIP: r.integer("GANH_ORDER_LOOKUP_FAILURES_PER_IP", 20),
		LoginWindow:              r.duration("GANH_LOGIN_WINDOW", 15*time.Minute),

		Notify:   r.notify(),
		Payments: r.payments(),
	}
	if c.S3PublicURL == "" && c.S3Endpoint != "" {
		scheme := "http"
		if c.S3UseSSL {
			scheme = "https"
		}
		c.S3PublicURL = scheme + "://" + c.S3Endpoint
	}
	errs := append(r.errs, c.validate()...)
	return c, errors.Join(errs...)
}

func (c Config) validate() []error {
	var errs []error
	if c.DatabaseURL != "" {
		u, err := url.Parse(c.DatabaseURL.Reveal())
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			errs = append(errs, errors.New("GANH_DATABASE_URL must be a postgres:// URL"))
		}
	}
	if u, err := url.Parse(c.PublicURL); c.PublicURL != "" && (err != nil || u.Scheme == "" || u.Host == "") {
		errs = append(errs, fmt.Errorf("GANH_PUBLIC_URL %q must be an absolute URL", c.PublicURL))
	}
	if c.S3Endpoint != "" && (c.S3AccessKey == "" || c.S3SecretKey == "") {
		errs = append(errs, errors.New("GANH_S3_ACCESS_KEY and GANH_S3_SECRET_KEY are required with GANH_S3_ENDPOINT"))
	}
	for _, o := range c.CORSOrigins {
		if o == "*" {
			errs = append(errs, errors.New("GANH_CORS_ORIGINS may not be *: list the origins (credentials are allowed)"))
		}
	}
	for name, d := range map[string]time.Duration{
		"GANH_READ_TIMEOUT": c.ReadTimeout, "GANH_WRITE_TIMEOUT": c.WriteTimeout,
		"GANH_IDLE_TIMEOUT": c.IdleTimeout, "GANH_REQUEST_TIMEOUT": c.RequestTimeout,
		"GANH_TOKEN_TTL": c.TokenTTL, "GANH_LOGIN_WINDOW": c.LoginWindow,
	} {
		if d <= 0 {
			errs = append(errs, fmt.Errorf("%s must be positive (an unlimited timeout is never safe)", name))
		}
	}
	if c.PublicCacheTTL < 0 || c.PublicCacheTTL > time.Minute {
		errs = append(errs, errors.New("GANH_PUBLIC_CACHE_TTL must be between 0 (off) and 1m"))
	}
	if c.MediaMinFreeBytes < 0 {
		errs = append(errs, errors.New("GANH_MEDIA_MIN_FREE_BYTES may not be negative"))
	}
	if c.MediaDecodeBytes < 64<<20 {
		errs = append(errs, errors.New("GANH_MEDIA_DECODE_BYTES must be at least 64 MiB (one phone photo)"))
	}
	if c.BodyLimit < 64<<10 {
		errs = append(errs, errors.New("GANH_BODY_LIMIT_BYTES must be at least 64 KiB"))
	}
	if c.LoginFailuresPerPhoneIP < 1 || c.LoginFailuresPerPhone < 1 || c.LoginAttemptsPerIP < 1 ||
		c.RegistrationsPerIP < 1 || c.OrderLookupFailuresPerIP < 1 {
		errs = append(errs, errors.New("login, registration and order lookup limits must be at least 1"))
	}
	if c.LoginWindow > 24*time.Hour {
		errs = append(errs, errors.New("GANH_LOGIN_WINDOW may be at most 24h"))
	}
	errs = append(errs, c.Notify.validate()...)
	errs = append(errs, c.Payments.validate()...)
	return errs
}

// LogValue lists the settings for the start-up log with secrets masked.
func (c Config) LogValue() slog.Value {
	db := "sqlite"
	if c.UsesPostgres() {
		db = "postgres"
	}
	return slog.GroupValue(
		slog.String("addr", c.Addr),
		slog.String("data_dir", c.DataDir),
		slog.String("database", db),
		slog.String("database_url", c.DatabaseURL.String()),
		slog.String("public_url", c.PublicURL),
		slog.String("meili_url", c.MeiliURL),
		slog.String("meili_key", c.MeiliKey.String()),
		slog.String("s3_endpoint", c.S3Endpoint),
		slog.String("s3_bucket", c.S3Bucket),
		slog.String("s3_secret_key", c.S3SecretKey.String()),
		slog.Any("cors_origins", c.CORSOrigins),
		slog.Any("trusted_proxies", c.TrustedProxies),
		slog.Duration("public_cache_ttl", c.PublicCacheTTL),
		slog.Bool("notify_zalo", c.Notify.UsesZalo()),
		slog.Bool("notify_sms", c.Notify.UsesSMS()),
		slog.Bool("notify_email", c.Notify.SMTPURL != ""),
		slog.Bool("sepay_webhook", c.Payments.SePayAPIKey != ""),
	)
}

// reader collects parse errors so that every bad variable is reported at once.
type reader struct {
	getenv func(string) string
	errs   []error
}

func (r *reader) str(key, def string) string {
	if v := strings.TrimSpace(r.getenv(key)); v != "" {
		return v
	}
	return def
}

func (r *reader) list(key string) []string {
	var out []string
	for _, p := range strings.Split(r.getenv(key), ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (r *reader) boolean(key string, def bool) bool {
	v := r.str(key, "")
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s=%q is not a boolean", key, v))
		return def
	}
	return b
}

func (r *reader) integer(key string, def int) int {
	v := r.str(key, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s=%q is not a whole number", key, v))
		return def
	}
	return n
}

func (r *reader) duration(key string, def time.Duration) time.Duration {
	v := r.str(key, "")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s=%q is not a duration like 30s", key, v))
		return def
	}
	return d
}

func (r *reader) level(key string, def slog.Level) slog.Level {
	v := r.str(key, "")
	if v == "" {
		return def
	}
	var l slog.Level
	if err := l.UnmarshalText([]byte(v)); err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s=%q is not a log level (debug, info, warn, error)", key, v))
		return def
	}
	return l
}
