// Package media stores product photos and turns uploads into the cleaned,
// resized variants the storefront serves. It is domain code: it knows nothing
// about HTTP frameworks. Two Store adapters exist, a folder on disk for the
// embedded default and MinIO/S3 for the full stack, and both pass one
// contract suite (RunStoreContract).
package media

import (
	"context"
	"errors"
	"io"
	"time"
)

// CacheControl is set on every stored object. Keys are content-addressed
// (they change whenever the bytes change), so clients and CDNs may keep an
// object forever.
const CacheControl = "public, max-age=31536000, immutable"

// ErrNotFound is returned (wrapped) by Get and Stat for a key with no object.
var ErrNotFound = errors.New("media: object not found")

// ErrNotSupported is returned by PresignUpload on stores that cannot take
// uploads straight from a browser (the disk store).
var ErrNotSupported = errors.New("media: not supported by this store")

// ErrInvalidKey is returned (wrapped) for a key that is not one of the shapes
// this package makes; it is what stops path traversal on every store.
var ErrInvalidKey = errors.New("media: invalid object key")

// ObjectInfo describes a stored object.
type ObjectInfo struct {
	Key          string
	Size         int64
	ContentType  string
	CacheControl string
	ModTime      time.Time
}

// Object is an open stored object. It seeks so that an HTTP layer can serve
// ranges and conditional requests (http.ServeContent) from it.
type Object interface {
	io.ReadSeekCloser
}

// PresignedUpload is everything a browser needs to send a file straight to the
// object store: a multipart/form-data POST to URL with Fields first and the
// file last in a field named "file".
type PresignedUpload struct {
	Method  string
	URL     string
	Fields  map[string]string
	Key     string
	Expires time.Time
}

// Store keeps media objects under keys. Implementations must accept only keys
// that pass ValidateKey, set Content-Type and CacheControl on every object,
// and be safe for concurrent use.
type Store interface {
	// Put stores r (size bytes, or -1 when unknown) under key, replacing any
	// object there. Readers never see a partly written object.
	Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error
	// Get opens the object; a missing key gives an error wrapping ErrNotFound.
	Get(ctx context.Context, key string) (Object, ObjectInfo, error)
	// Stat describes the object; a missing key gives an error wrapping ErrNotFound.
	Stat(ctx context.Context, key string) (ObjectInfo, error)
	// Delete removes the object; deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error
	// Walk calls fn for every object whose key starts with prefix, in key
	// order. An error from fn stops the walk and is returned.
	Walk(ctx context.Context, prefix string, fn func(ObjectInfo) error) error
	// URL is the public address a browser fetches the object from.
	URL(key string) string
	// PresignUpload lets a browser POST at most maxBytes of an image straight
	// to key until expiry; stores that cannot do this return ErrNotSupported.
	PresignUpload(ctx context.Context, key string, maxBytes int64, expiry time.Duration) (*PresignedUpload, error)
	// Ping reports whether the store is reachable, for readiness checks.
	Ping(ctx context.Context) error
}

// Exists reports whether key holds an object.
func Exists(ctx context.Context, s Store, key string) (bool, error) {
	_, err := s.Stat(ctx, key)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, ErrNotFound):
		return false, nil
	default:
		return false, err
	}
}
