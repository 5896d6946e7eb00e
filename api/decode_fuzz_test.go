package api

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
)

// FuzzDecodeJSON throws arbitrary bodies at the strict decoder behind every
// JSON handler: whatever arrives, the answer is a 2xx or a 4xx problem,
// never a panic or a 5xx.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{
		`{"phone":"0912345678","password":"mật khẩu","name":"Lan"}`,
		`{"phone":912345678}`, `{"role":"admin"}`, `[]`, `null`, `"x"`, `{`, `{}{}`,
		`{"phone":"\u0000"}`, `{"name":{"a":[1,2,{"b":null}]}}`, ``, `{"phone":"` + strings.Repeat("9", 300) + `"}`,
	} {
		f.Add(s)
	}
	app := fiber.New(fiber.Config{ErrorHandler: errorHandler(slog.New(slog.DiscardHandler), nil)})
	app.Post("/", func(c *fiber.Ctx) error {
		var req registerRequest
		if err := decodeJSON(c, &req); err != nil {
			return err
		}
		return c.SendStatus(fiber.StatusNoContent)
	})
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		res, err := app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := io.ReadAll(res.Body)
		if res.StatusCode >= 500 {
			t.Fatalf("body %q → %d %s", body, res.StatusCode, out)
		}
		if res.StatusCode >= 400 && res.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("body %q → %d without problem+json", body, res.StatusCode)
		}
	})
}
