package api_test

import (
	"fmt"
	"testing"
)

// TestRegistrationThrottledPerAddress: one address opens at most 20
// accounts in a window (GANH_REGISTRATIONS_PER_IP); the next is told to
// wait, with Retry-After.
func TestRegistrationThrottledPerAddress(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		for i := 0; i < 20; i++ {
			e.SignUp(fmt.Sprintf("09123456%02d", i), "Lan")
		}
		res := e.Expect(429, request{Method: "POST", Path: "/api/v1/auth/register",
			Body: map[string]string{"phone": "0912345699", "password": "mật khẩu an toàn", "name": "Lan"}})
		if res.Problem(t).Code != "rate_limited" || res.Header.Get("Retry-After") == "" {
			t.Fatalf("429 without rate_limited or Retry-After: %v %s", res.Header, res.Body)
		}
	})
}
