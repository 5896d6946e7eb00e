package apperr

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// connectionLost says whether err means the database (or another service
// reached over the network) could not be reached or dropped the
// connection: a restart, a network cut, a server refusing connections. The
// failed transaction committed nothing (for a COMMIT lost on the way back,
// the checkout's idempotency record says what happened), and the same
// request may well succeed a moment later, so Wrap answers 503
// service_unavailable instead of 500. Deadlines are not classified here.
func connectionLost(err error) bool {
	var state interface{ SQLState() string }
	if errors.As(err, &state) {
		switch code := state.SQLState(); {
		case strings.HasPrefix(code, "08"): // connection_exception
			return true
		case code == "57P01", code == "57P02", code == "57P03": // admin or crash shutdown; cannot connect now
			return true
		case code == "53300": // too_many_connections
			return true
		}
		return false
	}
	var connect *pgconn.ConnectError
	var netErr net.Error
	switch {
	case errors.As(err, &connect), errors.As(err, &netErr):
		return true
	case errors.Is(err, pgconn.ErrConnClosed), errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone):
		return true
	case errors.Is(err, io.ErrUnexpectedEOF): // pgx's word for a socket closed under it
		return true
	}
	// database/sql exports no sentinel for a pool closed during shutdown.
	return strings.Contains(err.Error(), "sql: database is closed")
}
