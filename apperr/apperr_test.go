package apperr_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/ganh-market/ganh/apperr"
)

// TestWrapTurnsDeadlineIntoUnavailable: work cut short by the request's
// deadline (or a client gone away) is a retryable 503, not an internal
// failure, however deep the context error is wrapped.
func TestWrapTurnsDeadlineIntoUnavailable(t *testing.T) {
	for _, cause := range []error{
		context.DeadlineExceeded,
		context.Canceled,
		fmt.Errorf("query products: %w", context.DeadlineExceeded),
		fmt.Errorf("timeout: %w", fmt.Errorf("conn: %w", context.Canceled)),
	} {
		err := apperr.Wrap(cause, "list products")
		e := apperr.As(err)
		if e == nil || e.Kind != apperr.KindUnavailable || e.Code != apperr.CodeUnavailable {
			t.Fatalf("Wrap(%v) = %#v, want unavailable/%s", cause, e, apperr.CodeUnavailable)
		}
		if !errors.Is(err, cause) {
			t.Fatalf("Wrap(%v) lost its cause", cause)
		}
	}
	if k := apperr.KindOf(apperr.Wrap(errors.New("disk full"), "x")); k != apperr.KindInternal {
		t.Fatalf("an ordinary failure became kind %v", k)
	}
}
