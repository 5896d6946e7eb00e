package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
)

// TestAdminSetRole gives an account that signed up as a shopper the staff
// role: the token it already holds is staff on its next request, the
// change is logged with the user id only, and unknown roles or phones are
// refused with a message naming the flag.
func TestAdminSetRole(t *testing.T) {
	getenv := testEnv(t, nil)
	ctx := context.Background()
	var out, logs bytes.Buffer
	const phone, name, password = "0987 654 321", "Lê Thị Thu", "mật khẩu của chị Thu"
	err := run(ctx, []string{"admin", "create-user", "--phone", phone, "--password", "-", "--name", name, "--role", "shopper"},
		getenv, strings.NewReader(password+"\n"), &out, &logs)
	if err != nil {
		t.Fatalf("create-user: %v\n%s", err, logs.String())
	}

	db, err := database.Open(ctx, database.Options{DataDir: getenv("GANH_DATA_DIR")})
	if err != nil {
		t.Fatal(err)
	}
	defer database.Close(db)
	acc := accounts.NewService(db, accounts.Options{})
	signedIn, err := acc.Login(ctx, phone, password, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}

	out.Reset()
	logs.Reset()
	if err := run(ctx, []string{"admin", "set-role", "--phone", phone, "--role", "staff"}, getenv, nil, &out, &logs); err != nil {
		t.Fatalf("set-role: %v\n%s", err, logs.String())
	}
	if want := "account " + signedIn.User.ID + ": role shopper → staff"; !strings.Contains(out.String(), want) {
		t.Fatalf("output %q, want %q", out.String(), want)
	}
	audit := ""
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, `"msg":"account role changed"`) {
			audit = line
		}
	}
	want := `"change":{"user_id":"` + signedIn.User.ID + `","from":"shopper","to":"staff"}`
	if !strings.Contains(audit, want) {
		t.Fatalf("audit line %q, want %s", audit, want)
	}
	for _, personal := range []string{"987654321", "987 654 321", name} {
		if strings.Contains(logs.String(), personal) {
			t.Fatalf("the log holds %q:\n%s", personal, logs.String())
		}
	}
	u, err := acc.Authenticate(ctx, signedIn.Token)
	if err != nil || u.Role != kernel.RoleStaff {
		t.Fatalf("the existing token after set-role: %+v, %v", u, err)
	}

	out.Reset()
	if err := run(ctx, []string{"admin", "set-role", "--phone", "+84987654321", "--role", "staff"}, getenv, nil, &out, &logs); err != nil ||
		!strings.Contains(out.String(), "already has the role staff") {
		t.Fatalf("same role: %v %q", err, out.String())
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--phone", phone, "--role", "superuser"}, "--role"},
		{[]string{"--phone", phone}, "--role"},
		{[]string{"--phone", "0912 000 111", "--role", "admin"}, "Không có tài khoản"},
		{[]string{"--phone", "123", "--role", "admin"}, "--phone"},
	} {
		err := run(ctx, append([]string{"admin", "set-role"}, c.args...), getenv, nil, &out, &logs)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("set-role %v: %v, want an error mentioning %q", c.args, err, c.want)
		}
	}
	if u, _ := acc.UserByID(ctx, signedIn.User.ID); u.Role != kernel.RoleStaff {
		t.Fatalf("a refused set-role changed the role to %s", u.Role)
	}
	if err := run(ctx, []string{"admin", "promote"}, getenv, nil, &out, &logs); err == nil || !strings.Contains(err.Error(), "set-role") {
		t.Fatalf("unknown admin command: %v", err)
	}
}

// TestAdminCreateScopedStaff makes a staff account scoped to a province;
// a slug that is not a province is refused before anything is written.
func TestAdminCreateScopedStaff(t *testing.T) {
	getenv := testEnv(t, nil)
	ctx := context.Background()
	var out, logs bytes.Buffer
	err := run(ctx, []string{"admin", "create-user", "--phone", "0987654320", "--password", "-", "--name", "Cán bộ Huế", "--role", "staff", "--province", "thua-thien-hue"},
		getenv, strings.NewReader("mật khẩu cán bộ Huế\n"), &out, &logs)
	if err == nil || !strings.Contains(err.Error(), "--province") {
		t.Fatalf("a bad slug: %v", err)
	}
	err = run(ctx, []string{"admin", "create-user", "--phone", "0987654320", "--password", "-", "--name", "Cán bộ Huế", "--role", "staff", "--province", "hue"},
		getenv, strings.NewReader("mật khẩu cán bộ Huế\n"), &out, &logs)
	if err != nil {
		t.Fatalf("create-user: %v\n%s", err, logs.String())
	}
	db, err := database.Open(ctx, database.Options{DataDir: getenv("GANH_DATA_DIR")})
	if err != nil {
		t.Fatal(err)
	}
	defer database.Close(db)
	var u accounts.User
	if err := db.Where("phone = ?", "+84987654320").Take(&u).Error; err != nil {
		t.Fatal(err)
	}
	if u.Province == nil || *u.Province != "hue" || !strings.Contains(out.String(), "scoped to province hue") {
		t.Fatalf("province %v; output %s", u.Province, out.String())
	}
}
