// Package benchdb holds the setup the commands under bench share: the
// PostgreSQL server they are pointed at, a main that stops cleanly on
// Ctrl-C, and a scratch schema that lives for one run.
package benchdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// URLVar names the environment variable holding the PostgreSQL URL the
// benchmarks run against; it is never a database anyone relies on.
const URLVar = "GANH_BENCH_DATABASE_URL"

// RequireURL returns the benchmark server's URL and ends the command when
// it is not set, for the commands that only measure PostgreSQL.
func RequireURL() string {
	u := os.Getenv(URLVar)
	if u == "" {
		log.Fatalf("set %s to a postgres:// URL", URLVar)
	}
	return u
}

// Main runs a command's work with a context that an interrupt cancels, so
// that a stopped run still drops what it created; an error ends the command.
func Main(run func(ctx context.Context) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx); err != nil {
		log.Fatal(err)
	}
}

// Schema creates a schema named prefix and a random suffix on the server at
// base and opens it as the search path, so that a run never touches another
// run's tables; the caller migrates it. drop closes the database and drops
// the schema.
func Schema(ctx context.Context, base, prefix string) (db *gorm.DB, drop func(), err error) {
	admin, err := database.Open(ctx, database.Options{URL: base})
	if err != nil {
		return nil, nil, err
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := prefix + hex.EncodeToString(b)
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		_ = database.Close(admin)
		return nil, nil, err
	}
	dropSchema := func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		_ = database.Close(admin)
	}
	u, err := url.Parse(base)
	if err != nil {
		dropSchema()
		return nil, nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	if db, err = database.Open(ctx, database.Options{URL: u.String()}); err != nil {
		dropSchema()
		return nil, nil, err
	}
	return db, func() { _ = database.Close(db); dropSchema() }, nil
}

// User inserts an account of role for a run (phone +8490 and n in seven
// digits, no usable password) and returns its caller.
func User(db *gorm.DB, role kernel.Role, n int) (kernel.Caller, error) {
	now := time.Now().UTC()
	u := accounts.User{ID: uuid.Must(uuid.NewV7()).String(), Phone: fmt.Sprintf("+8490%07d", n), Name: "Người đo hiệu năng",
		PasswordHash: "x", Role: role, CreatedAt: now, UpdatedAt: now}
	if err := db.Create(&u).Error; err != nil {
		return kernel.Caller{}, err
	}
	return kernel.Caller{UserID: u.ID, Role: role}, nil
}

// LoadAvg is the machine's 1, 5 and 15 minute load average (Linux), to print
// beside figures measured on a shared machine.
func LoadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ") + fmt.Sprintf(" (%d CPUs)", runtime.NumCPU())
}
