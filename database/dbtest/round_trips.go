package dbtest

import (
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

// RoundTrips counts the times a client of PostgreSQL waited for the
// server: the messages that end a request in the frontend/backend
// protocol, Sync (the extended protocol's, once per statement or once per
// pipeline) and Query (the simple protocol's: BEGIN, COMMIT). It counts
// them on the wire, in a TCP proxy between the database/sql pool and the
// server, so what it counts is what the server was sent.
type RoundTrips struct{ n atomic.Int64 }

// Count returns the round trips since the last Reset.
func (r *RoundTrips) Count() int64 { return r.n.Load() }

// Reset sets the count back to zero.
func (r *RoundTrips) Reset() { r.n.Store(0) }

// PostgresRoundTrips is Postgres through a proxy that counts round trips,
// or skips the test when GANH_TEST_DATABASE_URL is not set. The schema's
// migration is counted too: Reset before what is measured.
func PostgresRoundTrips(t testing.TB) (*gorm.DB, *RoundTrips) {
	t.Helper()
	o := postgresOptions(t)
	u, err := url.Parse(o.URL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("sslmode", "disable") // the proxy reads the protocol in the clear
	u.RawQuery = q.Encode()
	rt := &RoundTrips{}
	u.Host = proxy(t, u.Host, rt)
	return open(t, database.Options{URL: u.String()}), rt
}

// proxy listens on a local port, forwards each connection to upstream and
// counts what its clients send; it answers the address to dial.
func proxy(t testing.TB, upstream string, rt *RoundTrips) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() {
		_ = l.Close()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", upstream)
			if err != nil {
				_ = c.Close()
				continue
			}
			wg.Go(func() {
				_, _ = io.Copy(c, s)
				_ = c.Close()
			})
			wg.Go(func() {
				_ = forwardCounting(s, c, rt)
				_ = s.Close()
			})
		}
	})
	return l.Addr().String()
}

// forwardCounting copies the client's messages to the server, counting
// those that end a request. The first message (the startup) has no type
// byte; every later one is a type byte and a length that counts itself.
func forwardCounting(server io.Writer, client io.Reader, rt *RoundTrips) error {
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
			rt.n.Add(1)
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
