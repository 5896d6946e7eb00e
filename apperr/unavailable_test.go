package apperr_test

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/jackc/pgx/v5/pgconn"
)

// TestWrapLostConnectionIsUnavailable: an error that says the database
// went away or cannot be reached is a 503 the client may retry; any other
// error stays internal.
func TestWrapLostConnectionIsUnavailable(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	for _, tc := range []struct {
		err  error
		want apperr.Kind
	}{
		{&pgconn.PgError{Code: "57P01", Message: "terminating connection due to administrator command"}, apperr.KindUnavailable},
		{&pgconn.PgError{Code: "57P03", Message: "the database system is starting up"}, apperr.KindUnavailable},
		{&pgconn.PgError{Code: "08006"}, apperr.KindUnavailable},
		{&pgconn.PgError{Code: "53300"}, apperr.KindUnavailable},
		{fmt.Errorf("checkout: %w", refused), apperr.KindUnavailable},
		{fmt.Errorf("read: %w", io.ErrUnexpectedEOF), apperr.KindUnavailable},
		{pgconn.ErrConnClosed, apperr.KindUnavailable},
		{driver.ErrBadConn, apperr.KindUnavailable},
		{sql.ErrConnDone, apperr.KindUnavailable},
		{errors.New("sql: database is closed"), apperr.KindUnavailable},
		{&pgconn.PgError{Code: "23505"}, apperr.KindInternal},
		{&pgconn.PgError{Code: "22003"}, apperr.KindInternal},
		{errors.New("boom"), apperr.KindInternal},
	} {
		err := apperr.Wrap(tc.err, "test")
		if got := apperr.KindOf(err); got != tc.want {
			t.Errorf("%v: kind %v, want %v", tc.err, got, tc.want)
		}
		if tc.want == apperr.KindUnavailable && apperr.CodeOf(err) != apperr.CodeUnavailable {
			t.Errorf("%v: code %s", tc.err, apperr.CodeOf(err))
		}
		if !errors.Is(err, tc.err) {
			t.Errorf("%v: the cause is lost", tc.err)
		}
	}
}
