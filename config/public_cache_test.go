package config

import (
	"testing"
	"time"
)

// TestPublicCacheTTL: the micro-cache is off unless asked for, and at most
// a minute of staleness may be asked for.
func TestPublicCacheTTL(t *testing.T) {
	for v, want := range map[string]time.Duration{"": 0, "0": 0, "2s": 2 * time.Second, "1m": time.Minute} {
		c, err := Load(func(k string) string {
			if k == "GANH_PUBLIC_CACHE_TTL" {
				return v
			}
			return ""
		})
		if err != nil || c.PublicCacheTTL != want {
			t.Errorf("GANH_PUBLIC_CACHE_TTL=%q: %v, %v", v, c.PublicCacheTTL, err)
		}
	}
	for _, v := range []string{"-1s", "2m", "soon"} {
		if _, err := Load(func(k string) string {
			if k == "GANH_PUBLIC_CACHE_TTL" {
				return v
			}
			return ""
		}); err == nil {
			t.Errorf("GANH_PUBLIC_CACHE_TTL=%q was accepted", v)
		}
	}
}
