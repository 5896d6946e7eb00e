package accounts_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// TestSetRoleIsVisibleOnNextRequest: an existing account gets another role
// without losing its sessions, and the token it already holds carries the
// new role on the very next request.
func TestSetRoleIsVisibleOnNextRequest(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := accounts.NewService(db, accounts.Options{})
		reg := register(t, s, "0912 345 678")

		change, err := s.SetRole(ctx, "+84 912-345-678", kernel.RoleStaff)
		if err != nil {
			t.Fatal(err)
		}
		if change != (accounts.RoleChange{UserID: reg.User.ID, From: kernel.RoleShopper, To: kernel.RoleStaff}) || !change.Changed() {
			t.Fatalf("change = %+v", change)
		}
		u, err := s.Authenticate(ctx, reg.Token)
		if err != nil || u.Role != kernel.RoleStaff {
			t.Fatalf("next request: %+v, %v", u, err)
		}

		again, err := s.SetRole(ctx, "0912345678", kernel.RoleStaff)
		if err != nil || again.Changed() || again.From != kernel.RoleStaff {
			t.Fatalf("same role again: %+v, %v", again, err)
		}
		if _, err := s.SetRole(ctx, "0912345678", kernel.Role("superuser")); apperr.CodeOf(err) != apperr.CodeValidation ||
			apperr.As(err).Fields[0].Field != "role" {
			t.Fatalf("unknown role: %v", err)
		}
		if _, err := s.SetRole(ctx, "0987 654 321", kernel.RoleAdmin); apperr.CodeOf(err) != apperr.CodeNotFound {
			t.Fatalf("unknown phone: %v", err)
		}
		if _, err := s.SetRole(ctx, "123", kernel.RoleAdmin); apperr.CodeOf(err) != apperr.CodeValidation {
			t.Fatalf("bad phone: %v", err)
		}
		if u, _ := s.UserByID(ctx, reg.User.ID); u.Role != kernel.RoleStaff {
			t.Fatalf("refused changes touched the account: %s", u.Role)
		}
	})
}

// TestRoleChangeLogsNoPersonalData: what an audit line shows of a change
// is the user id and the two roles, never the phone or the name.
func TestRoleChangeLogsNoPersonalData(t *testing.T) {
	c := accounts.RoleChange{UserID: "0190-user", From: kernel.RoleShopper, To: kernel.RoleAdmin}
	v := c.LogValue()
	if v.Kind() != slog.KindGroup {
		t.Fatalf("kind %v", v.Kind())
	}
	got := map[string]string{}
	for _, a := range v.Group() {
		got[a.Key] = a.Value.String()
	}
	if len(got) != 3 || got["user_id"] != "0190-user" || got["from"] != "shopper" || got["to"] != "admin" {
		t.Fatalf("logged %v", got)
	}
}
