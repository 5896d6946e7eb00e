// Package httpbodytest helps the tests with request bodies: it builds the
// multipart forms they post, and lets the api and web tests see how much of
// a body the server read before it answered.
package httpbodytest

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Listener counts the bytes the server reads from the connections it
// accepts.
type Listener struct {
	net.Listener
	read atomic.Int64
}

// Wrap counts what is read from l's connections.
func Wrap(l net.Listener) *Listener { return &Listener{Listener: l} }

// Read is how many bytes the server has read so far.
func (l *Listener) Read() int64 { return l.read.Load() }

// Accept implements net.Listener.
func (l *Listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &conn{Conn: c, read: &l.read}, nil
}

type conn struct {
	net.Conn
	read *atomic.Int64
}

func (c *conn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.read.Add(int64(n))
	return n, err
}

// CloseWrite lets the server shut its side as it does on a bare connection.
func (c *conn) CloseWrite() error { return c.Conn.(*net.TCPConn).CloseWrite() }

// SlowPost sends head (the request line and headers, ending with the blank
// line) and body on a connection of its own, the way a phone on a slow link
// does: the head and the first 64 KiB, then the rest while the answer is
// awaited. It returns the answer, after waiting (a few seconds at most) for
// the server to close the connection, so that all the server read is
// counted. The request says Connection: close, so that wait ends as soon
// as the server is done with it: on a kept-alive connection it lasted the
// whole five seconds of every post (a tenth of the web suite's time).
func SlowPost(t testing.TB, addr, head string, body []byte) (*http.Response, []byte) {
	t.Helper()
	if !strings.HasSuffix(head, "\r\n\r\n") {
		t.Fatalf("SlowPost: the head must end with a blank line: %q", head)
	}
	head = strings.TrimSuffix(head, "\r\n") + "Connection: close\r\n\r\n"
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	first := min(len(body), 64<<10)
	if _, err := c.Write(append([]byte(head), body[:first]...)); err != nil {
		t.Fatal(err)
	}
	go func() {
		for rest := body[first:]; len(rest) > 0; rest = rest[min(len(rest), 256<<10):] {
			if _, err := c.Write(rest[:min(len(rest), 256<<10)]); err != nil {
				return // the server has closed the connection
			}
		}
	}()
	_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
	br := bufio.NewReader(c)
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, _ = io.Copy(io.Discard, br)
	return res, got
}
