package database_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/database/dbtest"
	"gorm.io/gorm"
)

// capture returns a session of db whose statements log to the returned
// buffer (every level), slow from the first nanosecond.
func capture(db *gorm.DB) (*gorm.DB, *bytes.Buffer) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return db.Session(&gorm.Session{Logger: database.NewLogger(log, time.Nanosecond)}), &buf
}

// TestStatementLogsHoldNoBoundValues: failing and slow statements are logged
// by their shape (placeholders), their SQLSTATE and constraint, never with
// the values bound to them: those are phones, names and addresses.
func TestStatementLogsHoldNoBoundValues(t *testing.T) {
	const phone, address = "+84912345678", "12 Lý Thái Tổ, Hoàn Kiếm"
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		logged, buf := capture(db)
		err := logged.Exec("UPDATE users SET no_such_column = ? WHERE phone = ?", address, phone).Error
		if err == nil {
			t.Fatal("a statement on a missing column succeeded")
		}
		logged.Exec("UPDATE users SET name = name WHERE phone = ? OR name = ?", phone, address) // slow: > 1 ns
		out := buf.String()
		for _, secret := range []string{phone, "912345678", address, "Lý Thái Tổ"} {
			if strings.Contains(out, secret) {
				t.Fatalf("the statement log holds a bound value %q:\n%s", secret, out)
			}
		}
		if !strings.Contains(out, "UPDATE users SET no_such_column =") || !strings.Contains(out, "UPDATE users SET name = name") {
			t.Fatalf("the log does not show the statements' shape:\n%s", out)
		}
		if database.DialectOf(db) == database.Postgres && !strings.Contains(out, "42703") {
			t.Fatalf("the log does not give the SQLSTATE of the failure:\n%s", out)
		}
	})
}

// TestPipelineLogsLikeAStatement: a pipeline's failing statement is logged
// as GORM's own are, by its shape and SQLSTATE without its values, and a
// callback's refusal is not a failure to log.
func TestPipelineLogsLikeAStatement(t *testing.T) {
	const phone = "+84912345678"
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		logged, buf := capture(db)
		err := database.Transaction(context.Background(), logged, func(tx *gorm.DB) error {
			p := database.NewPipeline(tx)
			p.Exec(nil, "UPDATE users SET name = name WHERE phone = ?", phone)
			p.Exec(nil, "UPDATE users SET no_such_column = ? WHERE phone = ?", "x", phone)
			return p.Run()
		})
		if err == nil {
			t.Fatal("a pipeline with a missing column succeeded")
		}
		out := buf.String()
		if strings.Contains(out, "912345678") || !strings.Contains(out, "UPDATE users SET no_such_column =") {
			t.Fatalf("the failure is not logged by its shape alone:\n%s", out)
		}
		if database.DialectOf(db) == database.Postgres && !strings.Contains(out, "42703") {
			t.Fatalf("the log does not give the SQLSTATE of the failure:\n%s", out)
		}
		buf.Reset()
		refused := errors.New("refused")
		err = database.Transaction(context.Background(), logged, func(tx *gorm.DB) error {
			p := database.NewPipeline(tx)
			p.Exec(func(int64) error { return refused }, "UPDATE users SET name = name WHERE phone = ?", phone)
			return p.Run()
		})
		if err != refused || strings.Contains(buf.String(), "statement failed") {
			t.Fatalf("a refusal: %v, logged:\n%s", err, buf.String())
		}
	})
}
