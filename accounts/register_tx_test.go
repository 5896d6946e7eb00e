package accounts_test

import (
	"context"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/database/dbtest"
	"gorm.io/gorm"
)

// failSessionInserts makes every new session fail to be written, as a
// crash or a lost connection between the two writes of a registration
// would; the returned function lifts it.
func failSessionInserts(t *testing.T, db *gorm.DB) func() {
	t.Helper()
	create := []string{`CREATE TRIGGER no_sessions BEFORE INSERT ON sessions BEGIN SELECT RAISE(ABORT, 'no sessions'); END`}
	drop := []string{`DROP TRIGGER no_sessions`}
	if database.DialectOf(db) == database.Postgres {
		create = []string{
			`CREATE FUNCTION no_sessions() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no sessions'; END $$`,
			`CREATE TRIGGER no_sessions BEFORE INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION no_sessions()`,
		}
		drop = []string{`DROP TRIGGER no_sessions ON sessions`, `DROP FUNCTION no_sessions()`}
	}
	for _, q := range create {
		if err := db.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	return func() {
		for _, q := range drop {
			if err := db.Exec(q).Error; err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestRegisterIsOneTransaction: when the session of a new account cannot be
// written, the account is not left behind, so the same phone can register
// again.
func TestRegisterIsOneTransaction(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		s := accounts.NewService(db, accounts.Options{})
		in := accounts.RegisterInput{Phone: "0912345678", Password: goodPassword, Name: "Nguyễn Thị Lan"}
		lift := failSessionInserts(t, db)
		if _, err := s.Register(context.Background(), in, "10.0.0.1"); err == nil {
			t.Fatal("registration succeeded without a session")
		}
		lift()
		var users int64
		db.Model(&accounts.User{}).Count(&users)
		if users != 0 {
			t.Fatalf("%d accounts left by a registration that failed", users)
		}
		if _, err := s.Register(context.Background(), in, "10.0.0.1"); err != nil {
			t.Fatalf("registering again: %v", err)
		}
	})
}
