package accounts_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/database/dbtest"
	"gorm.io/gorm"
)

// TestDuplicatePhoneLogsNoPersonalData: registering a phone that already
// has an account is an ordinary 409. It must not be logged as an error, and
// nothing logged may hold the name, the phone or the password hash.
func TestDuplicatePhoneLogsNoPersonalData(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		var buf bytes.Buffer
		log := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
		logged := db.Session(&gorm.Session{Logger: database.NewLogger(log, time.Hour)})
		s := accounts.NewService(logged, accounts.Options{})
		in := accounts.RegisterInput{Phone: "0912345678", Password: goodPassword, Name: "Nguyễn Thị Lan"}
		if _, err := s.Register(context.Background(), in, "10.0.0.1"); err != nil {
			t.Fatal(err)
		}
		in.Name = "Trần Thị Mai"
		_, err := s.Register(context.Background(), in, "10.0.0.1")
		wantCode(t, err, apperr.CodeConflict)
		out := buf.String()
		for _, secret := range []string{"912345678", "Nguyễn Thị Lan", "Trần Thị Mai", "argon2", goodPassword} {
			if strings.Contains(out, secret) {
				t.Fatalf("the log holds %q:\n%s", secret, out)
			}
		}
		if strings.Contains(out, `"level":"ERROR"`) {
			t.Fatalf("a duplicate phone was logged as an error:\n%s", out)
		}
	})
}
