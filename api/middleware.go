package api

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/requestid"
	"github.com/prometheus/client_golang/prometheus"
)

// requestID returns the id the requestid middleware gave this request.
func requestID(c *fiber.Ctx) string {
	if id, ok := c.Locals(requestid.ConfigDefault.ContextKey).(string); ok {
		return id
	}
	return ""
}

// keepRequestID copies the id the requestid middleware keeps: when the
// client sent X-Request-Id, it is a view of the request's header buffer,
// which fasthttp reuses, and the id is read again after the handler (the
// access log, problem bodies).
func keepRequestID(c *fiber.Ctx) error {
	if id, ok := c.Locals(requestid.ConfigDefault.ContextKey).(string); ok {
		c.Locals(requestid.ConfigDefault.ContextKey, strings.Clone(id))
	}
	return c.Next()
}

// methodName returns the constant naming method, or "other". The metrics
// keep their labels for the life of the process, and c.Method() is a view of
// a buffer the connection's next request overwrites ("GET" turned into
// "GETT" and /metrics failed for good), so labels come from this fixed set,
// which also bounds the series a client can create.
func methodName(method string) string {
	for _, m := range [...]string{
		fiber.MethodGet, fiber.MethodHead, fiber.MethodPost, fiber.MethodPut,
		fiber.MethodPatch, fiber.MethodDelete, fiber.MethodOptions,
	} {
		if method == m {
			return m
		}
	}
	return "other"
}

// withDeadline gives every request a context with a deadline, so database
// and index calls stop when the request has taken too long. Fiber's own
// timeout middleware does not cancel work; a context does.
func withDeadline(d time.Duration) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		c.SetUserContext(ctx)
		return c.Next()
	}
}

// securityHeaders are set on every response.
func securityHeaders(c *fiber.Ctx) error {
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderReferrerPolicy, "strict-origin-when-cross-origin")
	c.Set(fiber.HeaderXFrameOptions, "DENY")
	return c.Next()
}

// httpMetrics are the Prometheus series the access middleware feeds.
type httpMetrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newHTTPMetrics(reg prometheus.Registerer) *httpMetrics {
	m := &httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ganh_http_requests_total", Help: "HTTP requests by method, route and status.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "ganh_http_request_duration_seconds", Help: "HTTP request latency by method and route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"method", "route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

// observe writes one structured access-log line per request and feeds the
// metrics. It runs the error handler itself, as Fiber's logger does, so the
// status it records is the one the client gets.
func observe(log *slog.Logger, m *httpMetrics) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		if err := c.Next(); err != nil {
			if herr := c.App().Config().ErrorHandler(c, err); herr != nil {
				_ = c.SendStatus(fiber.StatusInternalServerError)
			}
		}
		took := time.Since(start)
		status := c.Response().StatusCode()
		route := c.Route().Path
		if status == fiber.StatusNotFound && route == "/" {
			route = "unmatched"
		}
		method := methodName(c.Method())
		m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
		m.duration.WithLabelValues(method, route).Observe(took.Seconds())
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		attrs := []slog.Attr{
			slog.String("method", method),
			slog.String("path", strings.Clone(c.Path())),
			slog.String("route", route),
			slog.Int("status", status),
			slog.Float64("duration_ms", float64(took.Microseconds())/1000),
			slog.Int("bytes", len(c.Response().Body())),
			slog.String("ip", strings.Clone(c.IP())),
			slog.String("request_id", requestID(c)),
		}
		if u := httpx.CurrentUser(c); u != nil {
			attrs = append(attrs, slog.String("user_id", u.ID))
		}
		log.LogAttrs(c.UserContext(), level, "http request", attrs...)
		return nil
	}
}
