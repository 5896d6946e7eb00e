package httpbody

import (
	"io"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/gofiber/fiber/v2"
)

// TestGuardSeesPhotoRoutesAsFiberRoutesThem sends requests in the shapes
// Fiber routes loosely (case, trailing slash) and checks that a body is
// left streaming exactly when Fiber runs the photo route's handler, and
// read (and bounded) before any other handler.
func TestGuardSeesPhotoRoutesAsFiberRoutesThem(t *testing.T) {
	app := fiber.New(fiber.Config{StreamRequestBody: true, DisablePreParseMultipartForm: true,
		ErrorHandler: func(c *fiber.Ctx, err error) error {
			if apperr.KindOf(err) == apperr.KindTooLarge {
				return c.SendStatus(413)
			}
			return c.SendStatus(500)
		}})
	app.Use(Guard(app, Limits{Small: 100, Photo: 1000}))
	reached := ""
	photo := func(c *fiber.Ctx) error {
		_, streaming := c.Locals(bodyKey{}).(*body)
		reached = "photo streaming=" + map[bool]string{true: "yes", false: "no"}[streaming]
		return c.SendStatus(204)
	}
	other := func(c *fiber.Ctx) error {
		_, streaming := c.Locals(bodyKey{}).(*body)
		reached = "other streaming=" + map[bool]string{true: "yes", false: "no"}[streaming] + " len=" + itoa(len(c.Body()))
		return c.SendStatus(204)
	}
	v1 := app.Group("/api/v1")
	v1.Post("/products/:id/images", photo).Name(PhotoRoute)
	v1.Post("/products/:id/images/uploads", other)
	v1.Post("/products/:id", other)
	app.Post("/ban-hang/:coop/san-pham/:id/anh", photo).Name(PhotoRoute)
	app.Put("/ban-hang/:coop/san-pham/:id/anh", other)

	for _, tc := range []struct {
		method, path, want string
		size               int
		status             int
	}{
		{"POST", "/api/v1/products/abc/images", "photo streaming=yes", 500, 204},
		{"POST", "/API/V1/Products/abc/Images/", "photo streaming=yes", 500, 204},
		{"POST", "/ban-hang/htx/san-pham/p1/anh", "photo streaming=yes", 500, 204},
		{"POST", "/api/v1/products/abc/images/uploads", "other streaming=no len=50", 50, 204},
		{"POST", "/api/v1/products/abc/images/uploads", "", 500, 413},
		{"POST", "/api/v1/products/abc", "", 101, 413},
		{"PUT", "/ban-hang/htx/san-pham/p1/anh", "", 500, 413},
		{"POST", "/api/v1/products/abc/images", "", 1001, 413},
	} {
		reached = ""
		req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(strings.Repeat("x", tc.size)))
		res, err := app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		if res.StatusCode != tc.status || reached != tc.want {
			t.Errorf("%s %s (%d bytes): %d %q, want %d %q", tc.method, tc.path, tc.size, res.StatusCode, reached, tc.status, tc.want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestReadFormRefusesUnsafeText: the fields of a photo form, read here
// rather than by the checks that see whole bodies, are refused with 422 on
// their name when they hold a NUL byte or invalid UTF-8.
func TestReadFormRefusesUnsafeText(t *testing.T) {
	app := fiber.New(fiber.Config{StreamRequestBody: true, DisablePreParseMultipartForm: true,
		ErrorHandler: func(c *fiber.Ctx, err error) error {
			if e := apperr.As(err); e != nil && e.Kind == apperr.KindInvalid && len(e.Fields) == 1 {
				return c.Status(422).SendString(e.Fields[0].Field)
			}
			return c.SendStatus(500)
		}})
	app.Use(Guard(app, Limits{Small: 1000, Photo: 10000}))
	app.Post("/anh", func(c *fiber.Ctx) error {
		if _, err := ReadForm(c, "file"); err != nil {
			return err
		}
		return c.SendStatus(204)
	}).Name(PhotoRoute)
	for _, tc := range []struct{ body, ct, want string }{
		{"name=a%00b", "application/x-www-form-urlencoded", "name"},
		{"name=%FF", "application/x-www-form-urlencoded", "name"},
		{"--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\na\x00b\r\n--b--\r\n", "multipart/form-data; boundary=b", "name"},
		{"name=ok", "application/x-www-form-urlencoded", ""},
		// A file in another field is skipped, whatever its bytes.
		{"--b\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\n\r\n\xff\x00\xd8\r\n--b--\r\n", "multipart/form-data; boundary=b", ""},
	} {
		req := httptest.NewRequest("POST", "/anh", strings.NewReader(tc.body))
		req.Header.Set("Content-Type", tc.ct)
		res, err := app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(res.Body)
		if tc.want == "" && res.StatusCode != 204 || tc.want != "" && (res.StatusCode != 422 || string(got) != tc.want) {
			t.Errorf("%q: %d %s, want 422 on %q", tc.body, res.StatusCode, got, tc.want)
		}
	}
}
