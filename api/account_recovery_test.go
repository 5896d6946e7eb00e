package api_test

import (
	"context"
	"github.com/ganh-market/ganh/kernel"
	"testing"
	"time"

	"github.com/ganh-market/ganh/accounts"
)

const testPassword = "mật khẩu an toàn"

func signIn(t *testing.T, e *testEnv, phone, password string) string {
	t.Helper()
	var out struct{ Token string }
	e.Expect(200, request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"phone": phone, "password": password}}).JSON(t, &out)
	return out.Token
}

// TestChangePasswordRevokesOtherTokens: the caller's token keeps working,
// every other one of the account stops, the new password signs in.
func TestChangePasswordRevokesOtherTokens(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		e = e.With(t)
		mine := e.SignUp("0914000001", "Nguyễn Thị Lan")
		other := signIn(t, e, "0914000001", testPassword)
		stranger := e.SignUp("0914000002", "Trần Thị Cúc")

		e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: "/api/v1/auth/password", Token: mine,
			Body: map[string]string{"current_password": "không phải mật khẩu", "new_password": "cơm cháy Ninh Bình"}})
		e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: "/api/v1/auth/password", Token: mine,
			Body: map[string]string{"current_password": testPassword, "new_password": "ngắn"}})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me", Token: other}) // nothing changed yet

		e.Expect(204, request{Method: "POST", Path: "/api/v1/auth/password", Token: mine,
			Body: map[string]string{"current_password": testPassword, "new_password": "cơm cháy Ninh Bình"}})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me", Token: mine})
		e.ExpectProblem(401, "unauthenticated", request{Method: "GET", Path: "/api/v1/me", Token: other})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me", Token: stranger})
		e.ExpectProblem(401, "unauthenticated", request{Method: "POST", Path: "/api/v1/auth/login",
			Body: map[string]string{"phone": "0914000001", "password": testPassword}})
		signIn(t, e, "0914000001", "cơm cháy Ninh Bình")
		e.ExpectProblem(401, "unauthenticated", request{Method: "POST", Path: "/api/v1/auth/password",
			Body: map[string]string{"current_password": testPassword, "new_password": "cơm cháy Ninh Bình"}})
	})
}

type resetCodeJSON struct {
	Code      string
	ExpiresAt time.Time `json:"expires_at"`
}

func issueCode(t *testing.T, e *testEnv, staff, userID string) resetCodeJSON {
	t.Helper()
	var c resetCodeJSON
	e.Expect(201, request{Method: "POST", Path: "/api/v1/admin/users/" + userID + "/reset-code", Token: staff}).JSON(t, &c)
	return c
}

func userID(t *testing.T, e *testEnv, token string) string {
	t.Helper()
	var me struct{ ID string }
	e.Expect(200, request{Method: "GET", Path: "/api/v1/me", Token: token}).JSON(t, &me)
	return me.ID
}

func resetReq(phone, code string) request {
	return request{Method: "POST", Path: "/api/v1/auth/reset",
		Body: map[string]string{"phone": phone, "code": code, "new_password": "mây tre đan Phú Vinh"}}
}

// phoneFailures is what the per-phone throttle has counted for phone.
func phoneFailures(t *testing.T, e *testEnv, phone string) int {
	t.Helper()
	var n int
	if err := e.DB.Raw("SELECT count FROM rate_counters WHERE key = ?", "login:phone:"+phone).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStaffAssistedReset: staff find the person and issue a code; it works
// once, with her phone only, for 30 minutes; every failure is a 401 the
// login throttle counts; issue and use are audited.
func TestStaffAssistedReset(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		e = e.With(t)
		staff := e.UserWithRole("0914000010", "Cán bộ Hội", kernel.RoleStaff)
		old := e.SignUp("0914000011", "Phạm Thị Hồng")
		e.SignUp("0914000012", "Lê Thị Hồng")
		id := userID(t, e, old)

		var found struct {
			Items []struct{ ID, Phone, Name string }
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/users?q=0914%20000%20011", Token: staff}).JSON(t, &found)
		if len(found.Items) != 1 || found.Items[0].ID != id {
			t.Fatalf("by phone: %+v", found.Items)
		}
		e.Expect(200, request{Method: "GET", Path: "/api/v1/admin/users?q=h%E1%BB%93ng", Token: staff}).JSON(t, &found)
		if len(found.Items) != 2 {
			t.Fatalf("by name: %+v", found.Items)
		}
		e.ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/admin/users?q=ab", Token: staff})
		e.ExpectProblem(403, "forbidden", request{Method: "GET", Path: "/api/v1/admin/users?q=hong", Token: old})
		e.ExpectProblem(403, "forbidden", request{Method: "POST", Path: "/api/v1/admin/users/" + id + "/reset-code", Token: old})
		e.ExpectProblem(404, "not_found", request{Method: "POST", Path: "/api/v1/admin/users/nobody/reset-code", Token: staff})

		code := issueCode(t, e, staff, id)
		if len(code.Code) != 8 || time.Until(code.ExpiresAt) > 31*time.Minute {
			t.Fatalf("code %+v", code)
		}
		var stored int64
		e.DB.Raw("SELECT COUNT(*) FROM password_reset_codes WHERE code_hash LIKE '$argon2id$%' AND code_hash NOT LIKE ?", "%"+code.Code+"%").Scan(&stored)
		if stored != 1 {
			t.Fatalf("the code is not stored hashed only")
		}
		before := phoneFailures(t, e, "+84914000011")
		e.ExpectProblem(401, "unauthenticated", resetReq("0914000011", "23456789")) // wrong code
		e.ExpectProblem(401, "unauthenticated", resetReq("0914000012", code.Code))  // another phone
		e.ExpectProblem(401, "unauthenticated", resetReq("0914000099", code.Code))  // no account
		e.ExpectProblem(422, "validation_failed", request{Method: "POST", Path: "/api/v1/auth/reset",
			Body: map[string]string{"phone": "0914000011", "code": code.Code, "new_password": "ngắn"}})
		if got := phoneFailures(t, e, "+84914000011"); got != before+1 {
			t.Fatalf("failures counted for the phone: %d, want %d", got, before+1)
		}

		var in struct{ Token string }
		lower := code.Code[:4] + " " + code.Code[4:]
		e.Expect(200, resetReq("0914000011", lower)).JSON(t, &in)
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me", Token: in.Token})
		e.ExpectProblem(401, "unauthenticated", request{Method: "GET", Path: "/api/v1/me", Token: old})
		e.ExpectProblem(401, "unauthenticated", resetReq("0914000011", code.Code)) // used
		signIn(t, e, "0914000011", "mây tre đan Phú Vinh")

		// A code lapses after 30 minutes; a newer code retires an older one.
		first := issueCode(t, e, staff, id)
		second := issueCode(t, e, staff, id)
		e.ExpectProblem(401, "unauthenticated", resetReq("0914000011", first.Code))
		e.Accounts.SetClock(func() time.Time { return time.Now().UTC().Add(31 * time.Minute) })
		e.ExpectProblem(401, "unauthenticated", resetReq("0914000011", second.Code))
		e.Accounts.SetClock(func() time.Time { return time.Now().UTC() })

		var audit []accounts.AuditEntry
		e.DB.Order("created_at, id").Find(&audit)
		var staffID = userID(t, e, staff)
		if len(audit) != 4 || audit[0].Action != accounts.AuditResetCodeIssued || audit[0].ActorID != staffID ||
			audit[0].SubjectID != id || audit[0].ClientIP == "" || audit[1].Action != accounts.AuditResetCodeUsed || audit[1].SubjectID != id {
			t.Fatalf("audit %+v", audit)
		}
	})
}

// TestResetFailuresAreThrottled: wrong codes count like wrong passwords, so
// after the per-address limit even the right code is refused.
func TestResetFailuresAreThrottled(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		e = e.With(t)
		staff := e.UserWithRole("0914000020", "Cán bộ Hội", kernel.RoleStaff)
		id := userID(t, e, e.SignUp("0914000021", "Hà Thị Na"))
		code := issueCode(t, e, staff, id)
		for range accounts.DefaultOptions.LoginFailuresPerPhoneIP {
			e.ExpectProblem(401, "unauthenticated", resetReq("0914000021", "ABCDEFGH"))
		}
		e.ExpectProblem(429, "rate_limited", resetReq("0914000021", code.Code))
	})
}

// TestScopedStaffReset: staff of one province issue codes for that
// province's sellers and for shoppers; another province's sellers are not
// found for them (404, as for that province's coops);
// only an admin issues codes for staff.
func TestScopedStaffReset(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		e = e.With(t)
		ctx := context.Background()
		if _, err := e.Accounts.CreateUser(ctx, accounts.RegisterInput{Phone: "0914000030", Password: testPassword,
			Name: "Cán bộ Hội Ninh Bình", Province: "ninh-binh"}, kernel.RoleStaff); err != nil {
			t.Fatal(err)
		}
		scoped := signIn(t, e, "0914000030", testPassword)
		var me struct{ Province *string }
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me", Token: scoped}).JSON(t, &me)
		if me.Province == nil || *me.Province != "ninh-binh" {
			t.Fatalf("me.province = %v", me.Province)
		}
		here := userID(t, e, e.SignUp("0914000031", "Người bán Ninh Bình"))
		there := userID(t, e, e.SignUp("0914000032", "Người bán Huế"))
		shopper := userID(t, e, e.SignUp("0914000033", "Người mua"))
		colleague := userID(t, e, e.UserWithRole("0914000034", "Cán bộ khác", kernel.RoleStaff))
		addCoop(t, e, "c1", "ninh-binh", here)
		addCoop(t, e, "c2", "hue", there)

		issueCode(t, e, scoped, here)
		issueCode(t, e, scoped, shopper)
		e.ExpectProblem(404, "not_found", request{Method: "POST", Path: "/api/v1/admin/users/" + there + "/reset-code", Token: scoped})
		e.ExpectProblem(403, "forbidden", request{Method: "POST", Path: "/api/v1/admin/users/" + colleague + "/reset-code", Token: scoped})
		admin := e.UserWithRole("0914000035", "Quản trị", kernel.RoleAdmin)
		issueCode(t, e, admin, colleague)
		var n int64
		e.DB.Model(&accounts.AuditEntry{}).Where("subject_id = ?", there).Count(&n)
		if n != 0 {
			t.Fatal("a refused issue left an audit row")
		}
	})
}

// addCoop writes an approved coop in province owned by ownerID straight
// into the database.
func addCoop(t *testing.T, e *testEnv, id, province, ownerID string) {
	t.Helper()
	now := time.Now().UTC()
	if err := e.DB.Exec(`INSERT INTO coops (id, slug, name, kind, province, status, created_at, updated_at)
		VALUES (?, ?, ?, 'hop_tac_xa', ?, 'approved', ?, ?)`, id, "htx-"+id, "HTX "+id, province, now, now).Error; err != nil {
		t.Fatal(err)
	}
	if err := e.DB.Exec(`INSERT INTO coop_members (coop_id, user_id, role, created_at) VALUES (?, ?, 'owner', ?)`, id, ownerID, now).Error; err != nil {
		t.Fatal(err)
	}
}

// TestSessions: the list shows each live token with its device and marks
// the caller's; signing one out ends it and leaves the others.
func TestSessions(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		e = e.With(t)
		mine := e.SignUp("0914000040", "Đỗ Thị Duyên")
		var phone struct{ Token string }
		e.Expect(200, request{Method: "POST", Path: "/api/v1/auth/login", Header: map[string]string{"User-Agent": "Zalo Android\x01 máy cũ"},
			Body: map[string]string{"phone": "0914000040", "password": testPassword}}).JSON(t, &phone)
		other := e.SignUp("0914000041", "Người khác")

		type sess struct {
			ID         string
			UserAgent  string     `json:"user_agent"`
			LastUsedAt *time.Time `json:"last_used_at"`
			Current    bool
		}
		var list struct{ Items []sess }
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me/sessions", Token: mine}).JSON(t, &list)
		if len(list.Items) != 2 || !list.Items[1].Current || list.Items[0].Current || list.Items[0].UserAgent != "Zalo Android máy cũ" {
			t.Fatalf("sessions %+v", list.Items)
		}
		e.ExpectProblem(404, "not_found", request{Method: "DELETE", Path: "/api/v1/me/sessions/" + list.Items[0].ID, Token: other})
		e.Expect(204, request{Method: "DELETE", Path: "/api/v1/me/sessions/" + list.Items[0].ID, Token: mine})
		e.ExpectProblem(401, "unauthenticated", request{Method: "GET", Path: "/api/v1/me", Token: phone.Token})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me", Token: mine})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me", Token: other})
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me/sessions", Token: mine}).JSON(t, &list)
		if len(list.Items) != 1 || !list.Items[0].Current {
			t.Fatalf("after sign-out: %+v", list.Items)
		}
	})
}

// TestSessionLastUsedIsWrittenAtMostOnceAMinute: requests within a minute
// leave last_used_at alone; the first one after moves it.
func TestSessionLastUsedIsWrittenAtMostOnceAMinute(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		e = e.With(t)
		token := e.SignUp("0914000050", "Vũ Thị Thu")
		lastUsed := func() time.Time {
			var s accounts.Session
			if err := e.DB.Where("user_id = ?", userID(t, e, token)).Take(&s).Error; err != nil {
				t.Fatal(err)
			}
			return s.LastUsedAt.UTC()
		}
		start := time.Now().UTC()
		first := lastUsed()
		e.Accounts.SetClock(func() time.Time { return start.Add(30 * time.Second) })
		if got := lastUsed(); !got.Equal(first) {
			t.Fatalf("written again within a minute: %v → %v", first, got)
		}
		e.Accounts.SetClock(func() time.Time { return start.Add(2 * time.Minute) })
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me", Token: token})
		if got := lastUsed(); !got.After(first.Add(time.Minute)) {
			t.Fatalf("not written after a minute: %v → %v", first, got)
		}
	})
}
