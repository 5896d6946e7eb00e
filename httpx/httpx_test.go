package httpx_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/kernel"
	"github.com/gofiber/fiber/v2"
)

// TestStatusOfEveryKind: each kind has its status, and one past the last
// kind (a kind added without a row) is a 500, never a 200.
func TestStatusOfEveryKind(t *testing.T) {
	want := map[apperr.Kind]int{
		apperr.KindInternal: 500, apperr.KindInvalid: 422, apperr.KindNotFound: 404, apperr.KindConflict: 409,
		apperr.KindUnauthenticated: 401, apperr.KindForbidden: 403, apperr.KindRateLimited: 429,
		apperr.KindTooLarge: 413, apperr.KindUnsupportedMedia: 415, apperr.KindUnavailable: 503,
		apperr.KindBadRequest: 400, apperr.KindTimeout: 408, apperr.KindTimeout + 1: 500,
	}
	for k, s := range want {
		if got := httpx.Status(k); got != s {
			t.Errorf("Status(%d) = %d, want %d", k, got, s)
		}
	}
}

// resolved answers "status code retry-after" for err as Resolve sees it.
func resolved(t *testing.T, err error) string {
	t.Helper()
	app := fiber.New()
	app.Get("/", func(c *fiber.Ctx) error {
		e, status := httpx.Resolve(c, err)
		return c.SendString(fmt.Sprintf("%d %s %s", status, e.Code, c.GetRespHeader(fiber.HeaderRetryAfter)))
	})
	res, rerr := app.Test(httptest.NewRequest("GET", "/", nil))
	if rerr != nil {
		t.Fatal(rerr)
	}
	buf := make([]byte, 200)
	n, _ := res.Body.Read(buf)
	return string(buf[:n])
}

// TestResolve: our errors keep their code, Fiber's get ours, a passed
// deadline is a retryable 503, anything else a generic 500.
func TestResolve(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"Ours", apperr.Conflictf("out_of_stock", "Hết hàng."), "409 out_of_stock "},
		{"Wrapped", fmt.Errorf("checkout: %w", apperr.Field("phone", "Sai.")), "422 validation_failed "},
		{"RateLimited", apperr.New(apperr.KindRateLimited, apperr.CodeRateLimited, "Chậm lại."), "429 rate_limited 60"},
		{"FiberNotFound", fiber.ErrNotFound, "404 not_found "},
		{"FiberTooLarge", fiber.ErrRequestEntityTooLarge, "413 payload_too_large "},
		{"FiberMethod", fiber.ErrMethodNotAllowed, "400 method_not_allowed "},
		{"FiberOther4xx", fiber.ErrBadRequest, "400 bad_request "},
		{"FiberTooMany", fiber.ErrTooManyRequests, "429 rate_limited 60"},
		{"FiberTimeout", fiber.ErrRequestTimeout, "408 timeout "},
		{"Fiber5xx", fiber.ErrBadGateway, "500 internal_error "},
		{"Deadline", fmt.Errorf("query: %w", context.DeadlineExceeded), "503 service_unavailable "},
		{"Plain", errors.New("boom"), "500 internal_error "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := resolved(t, tc.err); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestRequireUserAndStaff: the same checks for every front-end, as
// middleware and as calls.
func TestRequireUserAndStaff(t *testing.T) {
	users := map[string]*accounts.User{
		"anonymous": nil,
		"seller":    {ID: "u1", Role: kernel.RoleSeller},
		"staff":     {ID: "u2", Role: kernel.RoleStaff},
	}
	for who, u := range users {
		app := fiber.New(fiber.Config{ErrorHandler: func(c *fiber.Ctx, err error) error {
			_, status := httpx.Resolve(c, err)
			return c.SendStatus(status)
		}})
		app.Use(func(c *fiber.Ctx) error {
			httpx.SetUser(c, u, "token")
			return c.Next()
		})
		ok := func(c *fiber.Ctx) error {
			if httpx.Actor(c).UserID != c.Locals("want").(string) {
				return errors.New("wrong actor")
			}
			return c.SendStatus(204)
		}
		want := func(c *fiber.Ctx) error {
			id := ""
			if u != nil {
				id = u.ID
			}
			c.Locals("want", id)
			return c.Next()
		}
		app.Get("/any", want, ok)
		app.Get("/user", want, httpx.SignedIn, ok)
		app.Get("/staff", want, httpx.StaffOnly, ok)
		expect := map[string]map[string]int{
			"anonymous": {"/any": 204, "/user": 401, "/staff": 401},
			"seller":    {"/any": 204, "/user": 204, "/staff": 403},
			"staff":     {"/any": 204, "/user": 204, "/staff": 204},
		}[who]
		for path, status := range expect {
			res, err := app.Test(httptest.NewRequest("GET", path, nil))
			if err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != status {
				t.Errorf("%s on %s: %d, want %d", who, path, res.StatusCode, status)
			}
		}
	}
}
