// Package resumable keeps photo uploads that survive a dropped connection:
// a tus server (github.com/tus/tusd/v2) over a folder on disk. A phone on a
// slow uplink sends a photo in the background of the product form; when
// the link drops, it asks how much arrived (HEAD) and sends the rest
// (PATCH). A finished upload is only bytes waiting: the product form names
// it on submit and the photo flow (package photos) reads it through the
// usual pipeline and rights checks, then it is removed. Uploads never
// attached are swept after a day.
//
// The package speaks net/http, as tusd does; who may create, resume or
// read an upload is decided by its caller (the pages) before a request
// reaches Handler, and recorded here as the upload's owner.
package resumable

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/tus/tusd/v2/pkg/filestore"
	"github.com/tus/tusd/v2/pkg/handler"
	"github.com/tus/tusd/v2/pkg/memorylocker"
	expslog "golang.org/x/exp/slog"
)

// Owner is who may resume and attach an upload, and what for: set by the
// caller on the request that creates it (WithOwner), kept in its metadata.
type Owner struct {
	User string
	// Coop is the coop's id; Product the product's, or "" for a product
	// not created yet (the new-product form).
	Coop, Product string
}

// Info is what the store knows of an upload.
type Info struct {
	ID           string
	Owner        Owner
	Size, Offset int64
}

// Done says whether every byte has arrived.
func (i Info) Done() bool { return i.Size > 0 && i.Offset == i.Size }

// Metadata keys kept with each upload, set by the server (a client's own
// metadata is dropped).
const (
	metaUser    = "ganh_user"
	metaCoop    = "ganh_coop"
	metaProduct = "ganh_product"
)

type ownerKey struct{}

// WithOwner marks the context of a creating request with its owner; a
// creation without one is refused.
func WithOwner(ctx context.Context, o Owner) context.Context {
	return context.WithValue(ctx, ownerKey{}, o)
}

// Store is the folder of uploads and the tus handler over it.
type Store struct {
	dir   string
	base  string
	files filestore.FileStore
	tus   *handler.UnroutedHandler
}

// Options tune a Store.
type Options struct {
	// MaxSize is the largest upload accepted.
	MaxSize int64
}

// New opens (creating it) the folder dir and the tus server over it, whose
// URLs start with basePath ("/tai-anh/").
func New(dir, basePath string, opts Options) (*Store, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("resumable: %w", err)
	}
	s := &Store{dir: dir, base: basePath, files: filestore.New(dir)}
	composer := handler.NewStoreComposer()
	s.files.UseIn(composer)
	memorylocker.New().UseIn(composer)
	h, err := handler.NewUnroutedHandler(handler.Config{
		StoreComposer:        composer,
		MaxSize:              opts.MaxSize,
		BasePath:             basePath,
		DisableDownload:      true,
		DisableTermination:   true,
		DisableConcatenation: true,
		Cors:                 &handler.CorsConfig{Disable: true},
		// tusd logs every request with the client's address, and warns on
		// each one that its connection cannot take deadlines (the pages
		// adapt Fiber's, which keeps its own): silenced; the pages log what
		// fails.
		Logger:                  expslog.New(expslog.NewTextHandler(io.Discard, nil)),
		PreUploadCreateCallback: ownerOnCreate,
		// A phone on 3G may stall for a while mid-piece; the default 60 s
		// would cut it off.
		NetworkTimeout: 2 * time.Minute,
	})
	if err != nil {
		return nil, fmt.Errorf("resumable: %w", err)
	}
	s.tus = h
	return s, nil
}

// ownerOnCreate records the owner the caller put in the request's context
// as the upload's only metadata, so nothing a client sends is kept.
func ownerOnCreate(ev handler.HookEvent) (handler.HTTPResponse, handler.FileInfoChanges, error) {
	o, ok := ev.Context.Value(ownerKey{}).(Owner)
	if !ok || o.User == "" || o.Coop == "" {
		return handler.HTTPResponse{}, handler.FileInfoChanges{}, handler.NewError("ERR_NO_OWNER", "upload without an owner", http.StatusForbidden)
	}
	return handler.HTTPResponse{}, handler.FileInfoChanges{MetaData: handler.MetaData{
		metaUser: o.User, metaCoop: o.Coop, metaProduct: o.Product,
	}}, nil
}

// Create, Head and Patch are the tus requests the pages pass on, once they
// have checked who sends them.
func (s *Store) Create() http.Handler { return s.tus.Middleware(http.HandlerFunc(s.tus.PostFile)) }

// Head answers how much of an upload has arrived.
func (s *Store) Head() http.Handler { return s.byID(s.tus.HeadFile) }

// Patch adds a piece to an upload.
func (s *Store) Patch() http.Handler { return s.byID(s.tus.PatchFile) }

// byID passes h requests whose path is the upload's id alone, as tusd's
// own router would.
func (s *Store) byID(h http.HandlerFunc) http.Handler {
	return s.tus.Middleware(http.StripPrefix(strings.TrimSuffix(s.base, "/"), h))
}

// validID is the shape of tusd's upload ids (32 hex digits); anything else
// is not looked up, so an id is never a path.
var validID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// ErrNotFound is an upload that does not exist (or never will: a bad id).
var ErrNotFound = errors.New("resumable: no such upload")

// Info reads an upload's size, offset and owner.
func (s *Store) Info(ctx context.Context, id string) (Info, error) {
	if !validID.MatchString(id) {
		return Info{}, ErrNotFound
	}
	up, err := s.files.GetUpload(ctx, id)
	if err != nil {
		if errors.Is(err, handler.ErrNotFound) || errors.Is(err, os.ErrNotExist) {
			return Info{}, ErrNotFound
		}
		return Info{}, fmt.Errorf("resumable: %w", err)
	}
	fi, err := up.GetInfo(ctx)
	if err != nil {
		return Info{}, fmt.Errorf("resumable: %w", err)
	}
	return Info{ID: fi.ID, Size: fi.Size, Offset: fi.Offset,
		Owner: Owner{User: fi.MetaData[metaUser], Coop: fi.MetaData[metaCoop], Product: fi.MetaData[metaProduct]}}, nil
}

// Open reads a finished upload.
func (s *Store) Open(ctx context.Context, id string) (io.ReadCloser, error) {
	up, err := s.files.GetUpload(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("resumable: %w", err)
	}
	return up.GetReader(ctx)
}

// Remove deletes an upload (attached, or abandoned); one already gone is
// not an error.
func (s *Store) Remove(ctx context.Context, id string) error {
	if !validID.MatchString(id) {
		return nil
	}
	up, err := s.files.GetUpload(ctx, id)
	if err != nil {
		if errors.Is(err, handler.ErrNotFound) || errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("resumable: %w", err)
	}
	return s.files.AsTerminatableUpload(up).Terminate(ctx)
}
