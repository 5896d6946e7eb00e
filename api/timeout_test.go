package api_test

import (
	"testing"
	"time"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"gorm.io/gorm"
)

// TestRequestDeadlineAnswers503: when a request's deadline passes before its
// database work is done, the client is told to retry (503
// service_unavailable), not that the server failed (500).
func TestRequestDeadlineAnswers503(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		e := newEnv(t, db, func(d *api.Deps) {
			d.Catalog = catalog.NewService(db)
			d.PublicCacheTTL = -1
			d.Config.RequestTimeout = time.Nanosecond // spent before the handler runs
		})
		for _, req := range []request{
			{Method: "GET", Path: "/api/v1/products", CrossCutting: true},
			{Method: "POST", Path: "/api/v1/auth/login", CrossCutting: true,
				Body: map[string]string{"phone": "0912345678", "password": "mật khẩu an toàn"}},
		} {
			res := e.Expect(503, req)
			if p := res.Problem(t); p.Code != "service_unavailable" {
				t.Fatalf("%s %s: problem %+v, want service_unavailable", req.Method, req.Path, p)
			}
		}
	})
}
