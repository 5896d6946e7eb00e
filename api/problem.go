package api

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// Problem is an RFC 9457 problem details body with the stable machine code
// of API.md and, for validation failures, the fields at fault.
type Problem struct {
	Type      string              `json:"type"`
	Title     string              `json:"title"`
	Status    int                 `json:"status"`
	Code      string              `json:"code"`
	Detail    string              `json:"detail"`
	Instance  string              `json:"instance,omitempty"`
	RequestID string              `json:"request_id,omitempty"`
	Errors    []apperr.FieldError `json:"errors,omitempty"`
	// Extra are the error's extension members (apperr.Error.Extra), written
	// beside the standard ones.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the standard members, then the extension members.
func (p Problem) MarshalJSON() ([]byte, error) {
	type plain Problem
	body, err := json.Marshal(plain(p))
	if err != nil || len(p.Extra) == 0 {
		return body, err
	}
	all := make(map[string]any, len(p.Extra)+8)
	for k, v := range p.Extra {
		all[k] = v
	}
	if err := json.Unmarshal(body, &all); err != nil { // standard members win
		return nil, err
	}
	return json.Marshal(all)
}

// problemTypeBase prefixes the code to make the problem's type URI.
const problemTypeBase = "https://ganh.vn/problems/"

// apiPath says whether a path is the API's (its answers are problem+json)
// rather than a page's.
func apiPath(path string) bool {
	switch {
	case strings.HasPrefix(path, "/api/"), strings.HasPrefix(path, "/media/"):
		return true
	}
	return path == "/healthz" || path == "/readyz" || path == "/metrics"
}

// errorHandler is the app's one error handler: every failure leaves as
// problem+json, or outside the API's paths through page when it is set.
// Internal errors are logged in full and shown generically.
func errorHandler(log *slog.Logger, page func(*fiber.Ctx, error) error) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		if page != nil && !apiPath(c.Path()) {
			return page(c, err)
		}
		e, status := httpx.Resolve(c, err)
		if status >= 500 {
			// Redact: a database message may quote the value it refused.
			log.ErrorContext(c.UserContext(), "request failed", "error", database.Redact(err.Error()),
				"method", c.Method(), "path", c.Path(), "request_id", requestID(c))
		}
		p := Problem{
			Type:      problemTypeBase + e.Code,
			Title:     http.StatusText(status),
			Status:    status,
			Code:      e.Code,
			Detail:    e.Message,
			Instance:  c.OriginalURL(),
			RequestID: requestID(c),
			Errors:    e.Fields,
			Extra:     e.Extra,
		}
		c.Status(status)
		c.Set(fiber.HeaderContentType, "application/problem+json")
		c.Set(fiber.HeaderCacheControl, "no-store")
		body, merr := c.App().Config().JSONEncoder(p)
		if merr != nil {
			return c.SendString(`{"type":"about:blank","status":500,"code":"internal_error"}`)
		}
		return c.Send(body)
	}
}
