// Package apperr is the one error type the domain packages return. It carries
// a kind (what went wrong, in terms httpx maps to a status once), a
// stable machine code from API.md and a message that is safe to show a person.
// The wrapped cause is for logs only and never reaches a client.
package apperr

import (
	"context"
	"errors"
	"fmt"
)

// Kind says what sort of failure an error is; httpx maps each kind to one
// status, for the API and the pages.
type Kind int

// The kinds of failure. Their zero value is Internal so that a forgotten kind
// is never shown to a client as anything but a generic failure.
const (
	KindInternal Kind = iota
	KindInvalid
	KindNotFound
	KindConflict
	KindUnauthenticated
	KindForbidden
	KindRateLimited
	KindTooLarge
	KindUnsupportedMedia
	KindUnavailable
	KindBadRequest
	// KindTimeout is a client too slow to send its request within the
	// server's read timeout: the client's delay, not the service's.
	KindTimeout
)

// Stable codes of API.md. Domain packages may add their own codes; these are
// the ones shared by many.
const (
	CodeValidation       = "validation_failed"
	CodeNotFound         = "not_found"
	CodeConflict         = "conflict"
	CodeUnauthenticated  = "unauthenticated"
	CodeForbidden        = "forbidden"
	CodeRateLimited      = "rate_limited"
	CodeTooLarge         = "payload_too_large"
	CodeUnsupportedMedia = "unsupported_media_type"
	CodeUnavailable      = "service_unavailable"
	CodeInternal         = "internal_error"
	CodeBadRequest       = "bad_request"
	CodeTimeout          = "timeout"
)

// FieldError names one invalid field of a request and why, in words for people.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is the error domain packages return for anything a caller may see.
type Error struct {
	Kind    Kind
	Code    string
	Message string
	Fields  []FieldError
	// Extra are facts a client can act on, sent as extension members of the
	// problem (RFC 9457 §3.2), e.g. the current "stock" of a stock conflict.
	// Keys must not be those of the standard members.
	Extra map[string]any
	Err   error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// New makes an error of a kind with a code and a message for people.
func New(kind Kind, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message}
}

// Invalid reports a request that failed validation, naming the fields.
func Invalid(message string, fields ...FieldError) *Error {
	if message == "" {
		message = "Dữ liệu gửi lên không hợp lệ."
	}
	return &Error{Kind: KindInvalid, Code: CodeValidation, Message: message, Fields: fields}
}

// Field is shorthand for a single-field validation failure.
func Field(field, message string) *Error {
	return Invalid("", FieldError{Field: field, Message: message})
}

// NotFoundf reports an object that does not exist or that the caller may not see.
func NotFoundf(format string, args ...any) *Error {
	return &Error{Kind: KindNotFound, Code: CodeNotFound, Message: fmt.Sprintf(format, args...)}
}

// Conflictf reports a request that clashes with the current state.
func Conflictf(code, format string, args ...any) *Error {
	if code == "" {
		code = CodeConflict
	}
	return &Error{Kind: KindConflict, Code: code, Message: fmt.Sprintf(format, args...)}
}

// Unauthenticatedf reports a missing or bad credential.
func Unauthenticatedf(format string, args ...any) *Error {
	return &Error{Kind: KindUnauthenticated, Code: CodeUnauthenticated, Message: fmt.Sprintf(format, args...)}
}

// Forbiddenf reports a caller who may know the object exists but may not act on it.
func Forbiddenf(format string, args ...any) *Error {
	return &Error{Kind: KindForbidden, Code: CodeForbidden, Message: fmt.Sprintf(format, args...)}
}

// Wrap turns any error into an internal one, keeping the cause for the log.
// An *Error passes through unchanged. Work cut short by its context (the
// request's deadline passed, or the client went away) and a lost database
// connection (see connectionLost) are not failures of the service but a busy
// or broken moment: they become 503 service_unavailable, which clients
// retry. This is the one place that rule lives, for the API and the pages.
func Wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	cause := fmt.Errorf("%s: %w", what, err)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return &Error{Kind: KindUnavailable, Code: CodeUnavailable, Message: "Hệ thống đang bận, xin thử lại sau giây lát.", Err: cause}
	}
	if connectionLost(err) {
		return &Error{Kind: KindUnavailable, Code: CodeUnavailable, Message: "Hệ thống đang tạm gián đoạn, xin thử lại sau ít phút.", Err: cause}
	}
	return &Error{Kind: KindInternal, Code: CodeInternal, Message: "Đã có lỗi, xin thử lại sau.", Err: cause}
}

// As returns the *Error inside err, or nil.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// KindOf returns the kind of err; anything that is not an *Error is Internal.
func KindOf(err error) Kind {
	if e := As(err); e != nil {
		return e.Kind
	}
	return KindInternal
}

// CodeOf returns the stable code of err, or internal_error.
func CodeOf(err error) string {
	if e := As(err); e != nil {
		return e.Code
	}
	return CodeInternal
}
