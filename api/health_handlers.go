package api

import (
	"context"
	"time"

	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/media"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// healthz says the process is up; it touches nothing else, so a load
// balancer never restarts a healthy process because a dependency is slow.
func (s *server) healthz(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"status": "ok"})
}

type readyCheckJSON struct {
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
	Detail any    `json:"detail,omitempty"`
}

// readyz says whether the instance can serve: the database answers, and
// each configured dependency (search, media) too.
func (s *server) readyz(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 3*time.Second)
	defer cancel()
	checks := append([]ReadyCheck{{Name: "database", Check: func(ctx context.Context) (any, error) {
		return nil, database.Ping(ctx, s.db)
	}}}, s.ready...)
	out := map[string]readyCheckJSON{}
	status, code := "ok", fiber.StatusOK
	for _, rc := range checks {
		detail, err := rc.Check(ctx)
		r := readyCheckJSON{Status: "ok", Detail: detail}
		if err != nil {
			s.log.WarnContext(ctx, "readiness check failed", "check", rc.Name, "error", err)
			r.Status, r.Error = "unavailable", "không kết nối được"
			status, code = "unavailable", fiber.StatusServiceUnavailable
		}
		out[rc.Name] = r
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(code).JSON(fiber.Map{"status": status, "checks": out})
}

// MediaReadyCheck is the /readyz check named "media": the store answers,
// takes a small write and delete on every call, and on disk keeps the free
// space it was given (media.Ready). Uploads fail while it does not.
func MediaReadyCheck(store media.Store) ReadyCheck {
	return ReadyCheck{Name: "media", Check: func(ctx context.Context) (any, error) {
		return nil, media.Ready(ctx, store)
	}}
}

func (s *server) metrics() fiber.Handler {
	return adaptor.HTTPHandler(promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{}))
}
