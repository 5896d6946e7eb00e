package dbtest

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ganh-market/ganh/database"
	"gorm.io/gorm"
)

// Proxy is a TCP proxy between a test's database/sql pool and the
// PostgreSQL server of GANH_TEST_DATABASE_URL. A test can cut it (Down,
// Up), as a network that goes away, and it counts the client's round
// trips on the wire (RoundTrips).
type Proxy struct {
	addr   string
	mu     sync.Mutex
	isDown bool
	conns  []net.Conn
	trips  atomic.Int64
}

// PostgresProxied returns a fresh migrated schema on the server named by
// GANH_TEST_DATABASE_URL (or skips the test when it is not set), reached
// directly and through a Proxy.
func PostgresProxied(t testing.TB) (direct, proxied *gorm.DB, p *Proxy) {
	t.Helper()
	o := postgresOptions(t)
	direct = open(t, o)
	u, err := url.Parse(o.URL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("sslmode", "disable") // the proxy reads the protocol in the clear
	u.RawQuery = q.Encode()
	p = startProxy(t, u.Host)
	u.Host = p.addr
	proxied, err = database.Open(context.Background(), database.Options{URL: u.String()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = database.Close(proxied) })
	return direct, proxied, p
}

// RoundTrips returns the times a client waited for the server since the
// last ResetRoundTrips: the messages that end a request in the
// frontend/backend protocol, Sync (the extended protocol's, once per
// statement or once per pipeline) and Query (the simple protocol's: BEGIN,
// COMMIT).
func (p *Proxy) RoundTrips() int64 { return p.trips.Load() }

// ResetRoundTrips sets the count back to zero.
func (p *Proxy) ResetRoundTrips() { p.trips.Store(0) }

// Down drops every connection and refuses new ones until Up.
func (p *Proxy) Down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.isDown = true
	for _, c := range p.conns {
		_ = c.Close()
	}
	p.conns = nil
}

// Up lets connections through again.
func (p *Proxy) Up() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.isDown = false
}

func startProxy(t testing.TB, upstream string) *Proxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{addr: l.Addr().String()}
	var wg sync.WaitGroup
	t.Cleanup(func() {
		_ = l.Close()
		p.Down()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			s := p.connect(c, upstream)
			if s == nil {
				continue
			}
			wg.Go(func() {
				_, _ = io.Copy(c, s)
				_ = c.Close()
			})
			wg.Go(func() {
				_ = p.forwardCounting(s, c)
				_ = s.Close()
			})
		}
	})
	return p
}

// connect dials upstream for the client c, or closes c while the proxy is
// down or upstream cannot be reached.
func (p *Proxy) connect(c net.Conn, upstream string) net.Conn {
	p.mu.Lock()
	defer p.mu.Unlock()
	var s net.Conn
	err := errors.New("down")
	if !p.isDown {
		s, err = net.Dial("tcp", upstream)
	}
	if err != nil {
		_ = c.Close()
		return nil
	}
	p.conns = append(p.conns, c, s)
	return s
}

// forwardCounting copies the client's messages to the server, counting
// those that end a request. The first message (the startup) has no type
// byte; every later one is a type byte and a length that counts itself.
func (p *Proxy) forwardCounting(server io.Writer, client io.Reader) error {
	var head [5]byte
	if _, err := io.ReadFull(client, head[:4]); err != nil {
		return err
	}
	if err := forwardBody(server, client, head[:4], binary.BigEndian.Uint32(head[:4])-4); err != nil {
		return err
	}
	for {
		if _, err := io.ReadFull(client, head[:]); err != nil {
			return err
		}
		if head[0] == 'S' || head[0] == 'Q' {
			p.trips.Add(1)
		}
		if err := forwardBody(server, client, head[:], binary.BigEndian.Uint32(head[1:])-4); err != nil {
			return err
		}
	}
}

func forwardBody(server io.Writer, client io.Reader, head []byte, n uint32) error {
	if n > 1<<30 {
		return errors.New("dbtest: a message larger than 1 GiB")
	}
	if _, err := server.Write(head); err != nil {
		return err
	}
	_, err := io.CopyN(server, client, int64(n))
	return err
}
