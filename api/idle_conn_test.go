package api_test

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// connTimeout is the read and idle timeout of the apps these tests serve:
// short, so that the server gives up on a silent connection quickly.
const connTimeout = 200 * time.Millisecond

// slowConnApp serves an app whose connections time out after connTimeout,
// with a page for errors outside the API as the web package mounts one, and
// returns its address.
func slowConnApp(t *testing.T) string {
	t.Helper()
	cfg := testConfig(t)
	cfg.ReadTimeout, cfg.IdleTimeout = connTimeout, connTimeout
	return listen(t, api.New(api.Deps{Config: cfg, ErrorPage: func(c *fiber.Ctx, err error) error {
		e, status := httpx.Resolve(c, err) // as the web package's pages do
		return c.Status(status).SendString("page: " + e.Code)
	}}))
}

// untilClosed reads what the server writes on conn until it closes it. It
// waits far longer than connTimeout, only so that a server that never
// closes fails the test instead of hanging it.
func untilClosed(t *testing.T, conn net.Conn, r io.Reader) string {
	t.Helper()
	if err := conn.SetReadDeadline(time.Now().Add(2 * time.Second)); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("the server kept a silent connection open (wrote %q)", b)
	}
	return string(b)
}

// TestSilentConnectionClosedWithoutAnswer: a connection on which the client
// sends nothing, neither before its first request (browsers and net/http
// open connections they may never use) nor after an answer, is closed when
// its timeout passes, with nothing written. An answer there would be
// unsolicited: a client sending its next request at that moment would take
// it for the answer (it was a 503 error page), and net/http logs it.
func TestSilentConnectionClosedWithoutAnswer(t *testing.T) {
	addr := slowConnApp(t)
	t.Run("NeverUsed", func(t *testing.T) {
		k := dialKeepAlive(t, addr)
		if got := untilClosed(t, k.conn, k.r); got != "" {
			t.Fatalf("an unused connection got an answer:\n%.500s", got)
		}
	})
	t.Run("IdleAfterAnswer", func(t *testing.T) {
		k := dialKeepAlive(t, addr)
		if status, body := k.send("GET", "/healthz", ""); status != http.StatusOK {
			t.Fatalf("GET /healthz = %d: %s", status, body)
		}
		if got := untilClosed(t, k.conn, k.r); got != "" {
			t.Fatalf("an idle connection got an unsolicited answer:\n%.500s", got)
		}
	})
}

// TestPartialRequestTimesOutWith408: a client that starts a request and
// does not finish its header within the read timeout is told so with 408
// timeout (the client was slow, the service is not unavailable) and the
// connection closes. fasthttp has forgotten the unfinished request by then,
// so the answer cannot depend on its path.
func TestPartialRequestTimesOutWith408(t *testing.T) {
	addr := slowConnApp(t)
	for _, used := range []bool{false, true} {
		k := dialKeepAlive(t, addr)
		if used {
			k.send("GET", "/healthz", "")
		}
		if _, err := io.WriteString(k.conn, "GET /api/v1/coops HTTP/1.1\r\nHost: ganh.test\r\n"); err != nil {
			t.Fatal(err)
		}
		if err := k.conn.SetReadDeadline(time.Now().Add(2 * time.Second)); err != nil {
			t.Fatal(err)
		}
		res, err := http.ReadResponse(bufio.NewReader(k.r), nil)
		if err != nil {
			t.Fatalf("used %v: no answer to a partial request: %v", used, err)
		}
		body, _ := io.ReadAll(res.Body)
		_ = res.Body.Close()
		if res.StatusCode != http.StatusRequestTimeout || !res.Close {
			t.Fatalf("used %v: %d (close %v) %s, want 408 and Connection: close", used, res.StatusCode, res.Close, body)
		}
		if got := untilClosed(t, k.conn, k.r); got != "" {
			t.Fatalf("used %v: more after the 408: %q", used, got)
		}
	}
}
