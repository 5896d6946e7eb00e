package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/web/i18n"
	"gorm.io/gorm"
)

// TestPageDeadlineAnswers503: a page whose deadline passes before its
// database work is done says "try again later" (503), not "something broke".
func TestPageDeadlineAnswers503(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		a := startApp(t, db, false, func(c *config.Config) { c.RequestTimeout = time.Nanosecond })
		for _, path := range []string{"/", "/don-hang?ma=GN-ABCDEF&sdt=0912345678"} {
			p := a.browser().get(path)
			if p.Status != http.StatusServiceUnavailable || !strings.Contains(p.Body, i18n.T("error.unavailable.title")) {
				t.Fatalf("GET %s = %d, want 503 with the unavailable page:\n%.600s", path, p.Status, p.Body)
			}
		}
	})
}
