package api_test

import (
	"strings"
	"testing"
)

func TestAuthFlow(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		res := e.Expect(201, request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]string{
			"phone": "+84 912-345-678", "password": "cơm cháy Ninh Bình", "name": "Phạm Thị Hoa", "email": "hoa@example.vn"}})
		var reg struct {
			User  struct{ ID, Phone, Role string }
			Token string
		}
		res.JSON(t, &reg)
		if reg.User.Phone != "+84912345678" || reg.User.Role != "shopper" || reg.Token == "" {
			t.Fatalf("registered %+v", reg)
		}
		if strings.Contains(string(res.Body), "argon2") || strings.Contains(string(res.Body), "password") {
			t.Fatalf("response leaks the password or its hash: %s", res.Body)
		}

		login := e.Expect(200, request{Method: "POST", Path: "/api/v1/auth/login",
			Body: map[string]string{"phone": "0912 345 678", "password": "cơm cháy Ninh Bình"}})
		var in struct{ Token string }
		login.JSON(t, &in)

		me := e.Expect(200, request{Method: "GET", Path: "/api/v1/me", Token: in.Token})
		var m struct {
			ID    string
			Role  string
			Coops []any
		}
		me.JSON(t, &m)
		if m.ID != reg.User.ID || m.Role != "shopper" || m.Coops == nil {
			t.Fatalf("/me = %s", me.Body)
		}

		e.Expect(204, request{Method: "POST", Path: "/api/v1/auth/logout", Token: in.Token})
		e.ExpectProblem(401, "unauthenticated", request{Method: "GET", Path: "/api/v1/me", Token: in.Token})
		// Logout revokes only the token it is called with.
		e.Expect(200, request{Method: "GET", Path: "/api/v1/me", Token: reg.Token})
	})
}

func TestAuthBadInput(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		e.SignUp("0912345678", "Lan")
		huge := `{"phone":"0912345678","password":"` + strings.Repeat("a", 2<<20) + `","name":"x"}`
		cases := []struct {
			name   string
			req    request
			status int
			code   string
			field  string
		}{
			{"MalformedJSON", request{Method: "POST", Path: "/api/v1/auth/register", Body: `{"phone":`}, 400, "bad_request", ""},
			{"TrailingGarbage", request{Method: "POST", Path: "/api/v1/auth/register", Body: `{"phone":"0912345678"} {}`}, 400, "bad_request", ""},
			{"NotAnObject", request{Method: "POST", Path: "/api/v1/auth/register", Body: `[1,2]`}, 400, "bad_request", ""},
			{"EmptyBody", request{Method: "POST", Path: "/api/v1/auth/register", Body: ``}, 400, "bad_request", ""},
			{"WrongType", request{Method: "POST", Path: "/api/v1/auth/register", Body: `{"phone":912345678,"password":"x","name":"y"}`}, 422, "validation_failed", "phone"},
			{"UnknownField", request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]string{"phone": "0987654321", "password": "mật khẩu an toàn", "name": "Lan", "role": "admin"}}, 422, "validation_failed", "role"},
			{"MissingFields", request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]string{}}, 422, "validation_failed", "phone"},
			{"BadPhone", request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]string{"phone": "12345", "password": "mật khẩu an toàn", "name": "Lan"}}, 422, "validation_failed", "phone"},
			{"CommonPassword", request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]string{"phone": "0987654321", "password": "password1", "name": "Lan"}}, 422, "validation_failed", "password"},
			{"DuplicatePhone", request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]string{"phone": "84912345678", "password": "mật khẩu an toàn", "name": "Lan"}}, 409, "conflict", ""},
			{"WrongContentType", request{Method: "POST", Path: "/api/v1/auth/register", Body: `phone=0912345678`, RawType: "application/x-www-form-urlencoded"}, 415, "unsupported_media_type", ""},
			{"HugeBody", request{Method: "POST", Path: "/api/v1/auth/register", Body: huge}, 413, "payload_too_large", ""},
			{"WrongPassword", request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"phone": "0912345678", "password": "sai mật khẩu"}}, 401, "unauthenticated", ""},
			{"UnknownPhone", request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"phone": "0999999999", "password": "sai mật khẩu"}}, 401, "unauthenticated", ""},
			{"LoginMalformed", request{Method: "POST", Path: "/api/v1/auth/login", Body: `{"phone":true}`}, 422, "validation_failed", "phone"},
			{"MeAnonymous", request{Method: "GET", Path: "/api/v1/me"}, 401, "unauthenticated", ""},
			{"MeBadScheme", request{Method: "GET", Path: "/api/v1/me", Header: map[string]string{"Authorization": "Basic eDp5"}}, 401, "unauthenticated", ""},
			{"MeForgedToken", request{Method: "GET", Path: "/api/v1/me", Token: "gnh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}, 401, "unauthenticated", ""},
			{"LogoutAnonymous", request{Method: "POST", Path: "/api/v1/auth/logout"}, 401, "unauthenticated", ""},
			{"UnknownPath", request{Method: "GET", Path: "/api/v1/khong-co"}, 404, "not_found", ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				p := e.With(t).ExpectProblem(c.status, c.code, c.req)
				if c.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != c.field) {
					t.Fatalf("errors %+v, want field %q first", p.Errors, c.field)
				}
				if p.Detail == "" {
					t.Fatal("problem without a detail for people")
				}
			})
		}
		var n int64
		e.DB.Table("users").Count(&n)
		if n != 1 {
			t.Fatalf("%d users after failed registrations, want 1", n)
		}
	})
}

func TestLoginRateLimitedByPhone(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		e.SignUp("0912345678", "Lan")
		wrong := request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"phone": "0912345678", "password": "sai mật khẩu"}}
		for i := 0; i < 10; i++ {
			e.ExpectProblem(401, "unauthenticated", wrong)
		}
		res := e.Expect(429, wrong)
		if res.Problem(t).Code != "rate_limited" || res.Header.Get("Retry-After") == "" {
			t.Fatalf("429 without rate_limited code or Retry-After: %v %s", res.Header, res.Body)
		}
	})
}

func TestHealthAndOps(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		e.Expect(200, request{Method: "GET", Path: "/healthz"})
		e.Expect(200, request{Method: "GET", Path: "/readyz"})
		res := e.Expect(200, request{Method: "GET", Path: "/api/v1/openapi.json"})
		if !strings.Contains(string(res.Body), `"openapi":"3.0.3"`) {
			t.Fatalf("openapi.json = %.200s", res.Body)
		}
		e.Expect(200, request{Method: "GET", Path: "/healthz"})
		m := e.Expect(200, request{Method: "GET", Path: "/metrics"})
		if !strings.Contains(string(m.Body), `ganh_http_requests_total{method="GET",route="/healthz",status="200"} 2`) {
			t.Fatalf("metrics do not count requests:\n%.2000s", m.Body)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("X-Request-Id") == "" {
			t.Fatalf("missing security or request id headers: %v", res.Header)
		}
	})
}
