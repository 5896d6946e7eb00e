package api_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"
)

// listen serves app on a loopback port for the rest of the test, as ganh
// serve does, and returns its address.
func listen(t *testing.T, app *fiber.App) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = app.Listener(ln) }()
	t.Cleanup(func() { _ = app.ShutdownWithTimeout(5 * time.Second) })
	return ln.Addr().String()
}

// keepAlive is one client TCP connection that sends request after request.
type keepAlive struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
}

func dialKeepAlive(t *testing.T, addr string) *keepAlive {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return &keepAlive{t: t, conn: conn, r: bufio.NewReader(conn)}
}

// send writes one raw HTTP/1.1 request on the connection and reads its answer.
func (k *keepAlive) send(method, path, body string) (int, string) {
	k.t.Helper()
	req := method + " " + path + " HTTP/1.1\r\nHost: ganh.test\r\nConnection: keep-alive\r\n"
	if body != "" {
		req += "Content-Type: application/json\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n"
	}
	req += "\r\n" + body
	if _, err := io.WriteString(k.conn, req); err != nil {
		k.t.Fatal(err)
	}
	res, err := http.ReadResponse(k.r, nil)
	if err != nil {
		k.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.Close {
		k.t.Fatalf("%s %s: the server closed a keep-alive connection", method, path)
	}
	return res.StatusCode, string(b)
}

var methodLabel = regexp.MustCompile(`method="([^"]*)"`)

// TestMetricsSurviveKeepAliveConnections mixes GET and POST on two reused
// connections, as browsers and proxies do: the method label must be the
// method, not a view of a buffer the next request overwrites.
func TestMetricsSurviveKeepAliveConnections(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		addr := listen(t, newEnv(t, db).App)
		a, b := dialKeepAlive(t, addr), dialKeepAlive(t, addr)
		login := `{"phone":"0912345678","password":"sai mật khẩu"}`
		for i := 0; i < 3; i++ {
			a.send("GET", "/healthz", "")
			b.send("POST", "/api/v1/auth/login", login)
			a.send("POST", "/api/v1/auth/login", login)
			b.send("GET", "/healthz", "")
		}
		for i := 0; i < 3; i++ {
			status, body := a.send("GET", "/metrics", "")
			if status != http.StatusOK {
				t.Fatalf("GET /metrics = %d:\n%.1000s", status, body)
			}
			for _, m := range methodLabel.FindAllStringSubmatch(body, -1) {
				if m[1] != "GET" && m[1] != "POST" {
					t.Fatalf("method label %q in metrics:\n%.3000s", m[1], body)
				}
			}
			if !strings.Contains(body, `ganh_http_requests_total{method="POST",route="/api/v1/auth/login",status="401"} 6`) {
				t.Fatalf("logins not counted under POST:\n%.3000s", body)
			}
		}
	})
}
