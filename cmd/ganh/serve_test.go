package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// lockedBuffer collects a command's output from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func testEnv(t *testing.T, vars map[string]string) func(string) string {
	dir := t.TempDir()
	return func(k string) string {
		if v, ok := vars[k]; ok {
			return v
		}
		if k == "GANH_DATA_DIR" {
			return dir
		}
		return ""
	}
}

// waitHealthy waits until base answers /healthz and returns how many of its
// probes reached the server (each leaves an access-log line).
func waitHealthy(t *testing.T, base string) (probes int64) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(base + "/healthz"); err == nil {
			probes++
			res.Body.Close()
			if res.StatusCode == 200 {
				return probes
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("server did not become healthy")
	return 0
}

// served is `ganh serve` running in this process on a free port, until
// terminate sends it SIGTERM.
type served struct {
	base string
	logs *lockedBuffer
	errc chan error
}

func startServe(t *testing.T) *served {
	t.Helper()
	addr := freeAddr(t)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	t.Cleanup(stop)
	p := &served{base: "http://" + addr, logs: &lockedBuffer{}, errc: make(chan error, 1)}
	go func() {
		p.errc <- run(ctx, []string{"serve"}, testEnv(t, map[string]string{"GANH_ADDR": addr}), strings.NewReader(""), p.logs, p.logs)
	}()
	return p
}

// terminate sends a real SIGTERM and checks that serve returns promptly
// with a clean stop in its log.
func (p *served) terminate(t *testing.T) {
	t.Helper()
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.errc:
		if err != nil {
			t.Fatalf("serve returned %v\n%s", err, p.logs.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("serve did not return after SIGTERM\n%s", p.logs.String())
	}
	if !strings.Contains(p.logs.String(), `"msg":"stopped","clean":true`) {
		t.Fatalf("no clean stop in the log:\n%s", p.logs.String())
	}
}

// TestServeDrainsOnSIGTERM sends a real SIGTERM while a load generator keeps
// a steady stream of requests going: no request may fail except by finding
// the listener already closed, and serve must return promptly.
func TestServeDrainsOnSIGTERM(t *testing.T) {
	srv := startServe(t)
	base, logs := srv.base, srv.logs
	probes := waitHealthy(t, base)

	var ok, refused atomic.Int64
	var failures sync.Map
	var signalled atomic.Bool
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 10 * time.Second}
	loadCtx, stopLoad := context.WithTimeout(context.Background(), 3*time.Second)
	defer stopLoad()
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			tick := time.NewTicker(2 * time.Millisecond) // a steady rate, not a closed loop
			defer tick.Stop()
			for n := 0; ; n++ {
				select {
				case <-loadCtx.Done():
					return
				case <-tick.C:
				}
				path := []string{"/healthz", "/readyz", "/api/v1/openapi.json"}[n%3]
				res, err := client.Get(base + path)
				switch {
				case err == nil:
					res.Body.Close()
					if res.StatusCode != 200 {
						failures.Store(fmt.Sprintf("%d:%d", i, n), fmt.Sprintf("%s → %d", path, res.StatusCode))
					} else {
						ok.Add(1)
					}
				case signalled.Load():
					// After SIGTERM a connection may be refused, or closed before
					// the server read a request on it; neither loses a request
					// the server handled, which the log count below checks.
					refused.Add(1)
				default:
					failures.Store(fmt.Sprintf("%d:%d", i, n), err.Error())
				}
			}
		}(i)
	}
	time.Sleep(500 * time.Millisecond)
	signalled.Store(true)
	srv.terminate(t)
	stopLoad()
	wg.Wait()
	failures.Range(func(k, v any) bool {
		t.Errorf("request %s failed: %s", k, v)
		return true
	})
	// Every request the server handled (one access-log line each, minus the
	// health probes of waitHealthy) reached its client with a 200.
	handled := int64(strings.Count(logs.String(), `"msg":"http request"`)) - probes
	if handled != ok.Load() {
		t.Fatalf("server handled %d requests but clients received %d", handled, ok.Load())
	}
	if ok.Load() < 20 {
		t.Fatalf("only %d requests succeeded before shutdown: the load never ran", ok.Load())
	}
	t.Logf("%d requests served, %d not accepted after the signal", ok.Load(), refused.Load())
}

func TestAdminCreateUserAndMigrate(t *testing.T) {
	getenv := testEnv(t, nil)
	var out, errOut bytes.Buffer
	ctx := context.Background()
	err := run(ctx, []string{"admin", "create-user", "--phone", "0912 345 678", "--password", "-", "--name", "Trần Thị Mai", "--role", "staff"},
		getenv, strings.NewReader("mật khẩu cán bộ Hội\n"), &out, &errOut)
	if err != nil {
		t.Fatalf("create-user: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "created staff Trần Thị Mai (+84912345678)") {
		t.Fatalf("output %q", out.String())
	}
	err = run(ctx, []string{"admin", "create-user", "--phone", "123", "--password", "ngắn", "--name", "X"}, getenv, nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "--phone") || !strings.Contains(err.Error(), "--password") {
		t.Fatalf("bad input: %v", err)
	}
	out.Reset()
	if err := run(ctx, []string{"migrate"}, getenv, nil, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "database sqlite at schema version") {
		t.Fatalf("migrate said %q", out.String())
	}
}

func TestUnknownCommandAndBadConfig(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"fly"}, testEnv(t, nil), nil, &out, &errOut); err == nil {
		t.Fatal("unknown command accepted")
	}
	err := run(context.Background(), []string{"serve"}, testEnv(t, map[string]string{"GANH_READ_TIMEOUT": "0s", "GANH_CORS_ORIGINS": "*"}), nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "GANH_READ_TIMEOUT") || !strings.Contains(err.Error(), "GANH_CORS_ORIGINS") {
		t.Fatalf("bad config: %v", err)
	}
}

// TestServeStopsAfterHugeSearchPage: one anonymous search for page
// 9223372036854775807 used to panic inside the embedded index with its lock
// held; SIGTERM then logged a clean stop and the process never exited,
// waiting to close the index. Now the request is a 422, later searches are
// served, and serve returns.
func TestServeStopsAfterHugeSearchPage(t *testing.T) {
	srv := startServe(t)
	waitHealthy(t, srv.base)
	for _, c := range []struct {
		path string
		want int
	}{
		{"/api/v1/search?page=9223372036854775807", 422},
		{"/api/v1/search?page=9223372036854775807&per_page=100", 422},
		{"/api/v1/search?price_max=9223372036854775807", 422},
		{"/tim-kiem?page=9223372036854775807", 200}, // the page shows the error beside the form
		{"/api/v1/search?q=com+chay", 200},
		{"/api/v1/search/suggest?q=com+ch", 200},
	} {
		res, err := http.Get(srv.base + c.path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != c.want {
			t.Errorf("%s → %d, want %d", c.path, res.StatusCode, c.want)
		}
	}
	srv.terminate(t) // before the fix: "stopped clean" logged, and serve never returned
}
