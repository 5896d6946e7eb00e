package httpx

import (
	"errors"
	"net/http"

	"github.com/ganh-market/ganh/apperr"
	"github.com/gofiber/fiber/v2"
)

// statusOf is the one table from error kinds to HTTP statuses, for the
// API's problems and the pages alike.
var statusOf = map[apperr.Kind]int{
	apperr.KindInternal:         http.StatusInternalServerError,
	apperr.KindInvalid:          http.StatusUnprocessableEntity,
	apperr.KindNotFound:         http.StatusNotFound,
	apperr.KindConflict:         http.StatusConflict,
	apperr.KindUnauthenticated:  http.StatusUnauthorized,
	apperr.KindForbidden:        http.StatusForbidden,
	apperr.KindRateLimited:      http.StatusTooManyRequests,
	apperr.KindTooLarge:         http.StatusRequestEntityTooLarge,
	apperr.KindUnsupportedMedia: http.StatusUnsupportedMediaType,
	apperr.KindUnavailable:      http.StatusServiceUnavailable,
	apperr.KindBadRequest:       http.StatusBadRequest,
	apperr.KindTimeout:          http.StatusRequestTimeout,
}

// Status is the HTTP status of a kind of failure; a kind missing from the
// table is a 500, like the internal failures it stands for.
func Status(k apperr.Kind) int {
	if s, ok := statusOf[k]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// RetryAfter is what a rate-limited caller is told to wait, in seconds.
const RetryAfter = "60"

// Resolve turns any error a handler (or Fiber itself) returned into the
// failure to show and its status, the same for both front-ends: our own
// errors keep their kind and code; Fiber's get ours (so an unknown route is
// not_found with either); anything else goes through apperr.Wrap, where a
// passed deadline becomes 503 and the rest a generic 500. A rate-limited
// answer gets its Retry-After here.
func Resolve(c *fiber.Ctx, err error) (*apperr.Error, int) {
	e := apperr.As(err)
	var fe *fiber.Error
	if e == nil && errors.As(err, &fe) {
		e = fromFiber(fe)
	}
	if e == nil {
		e = apperr.As(apperr.Wrap(err, "unhandled"))
	}
	status := Status(e.Kind)
	if status == http.StatusTooManyRequests {
		c.Set(fiber.HeaderRetryAfter, RetryAfter)
	}
	return e, status
}

// fromFiber turns Fiber's own errors (unknown route, body too large, …)
// into ours so they get the same statuses and codes as the rest; it returns
// nil for a server error, which stays internal.
func fromFiber(fe *fiber.Error) *apperr.Error {
	switch fe.Code {
	case fiber.StatusNotFound:
		return apperr.NotFoundf("Không tìm thấy đường dẫn này.")
	case fiber.StatusMethodNotAllowed:
		return apperr.New(apperr.KindBadRequest, "method_not_allowed", "Phương thức này không được hỗ trợ ở đường dẫn này.")
	case fiber.StatusRequestEntityTooLarge:
		return apperr.New(apperr.KindTooLarge, apperr.CodeTooLarge, "Dữ liệu gửi lên quá lớn.")
	case fiber.StatusUnsupportedMediaType:
		return apperr.New(apperr.KindUnsupportedMedia, apperr.CodeUnsupportedMedia, "Định dạng dữ liệu không được hỗ trợ.")
	case fiber.StatusTooManyRequests:
		return apperr.New(apperr.KindRateLimited, apperr.CodeRateLimited, "Quá nhiều yêu cầu, xin thử lại sau.")
	case fiber.StatusRequestTimeout:
		// Fiber raises 408 for fasthttp's read timeout (we use no timeout
		// middleware): the client sent part of a request and stopped. It
		// stays 408, the status clients know as "the server closed this
		// connection, send again on a new one" (Chromium resends on a
		// reused connection, net/http drops an idle one quietly); a 503
		// would blame the service, and be shown.
		return apperr.New(apperr.KindTimeout, apperr.CodeTimeout, "Yêu cầu gửi đến quá chậm, xin thử lại.")
	}
	if fe.Code >= 400 && fe.Code < 500 {
		return apperr.New(apperr.KindBadRequest, apperr.CodeBadRequest, "Yêu cầu không hợp lệ.")
	}
	return nil
}
