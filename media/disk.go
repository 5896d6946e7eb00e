package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// DiskURLPath is where the API mounts a DiskStore (see ServeHTTP); URL builds
// on it.
const DiskURLPath = "/media/"

// metaSuffix names the sidecar file that keeps an object's content type. No
// valid key ends with it, so a sidecar can never be read or listed as an object.
const metaSuffix = ".meta"

// DiskStore keeps objects as files under one folder: the embedded default,
// served by the API itself under DiskURLPath.
type DiskStore struct {
	root    string
	baseURL string
	minFree uint64
}

// DiskOption tunes a DiskStore.
type DiskOption func(*DiskStore)

// MinFree makes Ping (and so /readyz) fail while the folder's file system
// has fewer than bytes free: uploads are about to fail, and a full disk
// fails other writers too.
func MinFree(bytes uint64) DiskOption { return func(s *DiskStore) { s.minFree = bytes } }

// NewDiskStore opens (creating it if needed) the folder dir, e.g.
// <data dir>/media. publicBaseURL is the site's public URL; objects are served
// at publicBaseURL + DiskURLPath + key. Empty, URL answers the path alone,
// which URLs puts on the address each request came in on.
func NewDiskStore(dir, publicBaseURL string, opts ...DiskOption) (*DiskStore, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("media: disk store dir: %w", err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("media: disk store dir: %w", err)
	}
	s := &DiskStore{root: abs, baseURL: strings.TrimRight(publicBaseURL, "/")}
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

// path turns a validated key into a file name under the root.
func (s *DiskStore) path(key string) (string, error) {
	if err := ValidateKey(key); err != nil {
		return "", err
	}
	return filepath.Join(s.root, filepath.FromSlash(key)), nil
}

// Put writes the object to a temporary file in the target folder and renames
// it into place, so a reader sees the old object or the new one, never half.
// A Put that fails (a full or read-only disk, a broken source) leaves no
// temporary file, and no folder it made that is still empty.
func (s *DiskStore) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) (err error) {
	p, err := s.path(key)
	if err != nil {
		return err
	}
	if contentType == "" {
		return fmt.Errorf("media: put %s: empty content type", key)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			s.removeEmptyFolders(filepath.Dir(p))
		}
	}()
	// The data is written aside first, then the sidecar, then the data is
	// renamed into place: a failed Put changes neither.
	tmp, err := writeTemp(p, ctxReader{ctx, r}, size)
	if err != nil {
		return fmt.Errorf("media: put %s: %w", key, err)
	}
	defer os.Remove(tmp) // a no-op once renamed
	if err := writeAtomic(p+metaSuffix, strings.NewReader(contentType)); err != nil {
		return fmt.Errorf("media: put %s: %w", key, err)
	}
	if err := os.Rename(tmp, p); err != nil {
		if fi, serr := os.Stat(p); serr != nil || !fi.Mode().IsRegular() {
			os.Remove(p + metaSuffix) // the sidecar of an object that is not there
		}
		return fmt.Errorf("media: put %s: %w", key, err)
	}
	return nil
}

// removeEmptyFolders removes dir and then its parents, up to (not
// including) the store's root, while they are empty. os.Remove refuses a
// folder with anything in it, so a concurrent Put's files keep theirs (and a
// Put whose folder vanished between its MkdirAll and CreateTemp tries again,
// see writeTemp).
func (s *DiskStore) removeEmptyFolders(dir string) {
	for dir != s.root && strings.HasPrefix(dir, s.root+string(filepath.Separator)) {
		if os.Remove(dir) != nil {
			return
		}
		dir = filepath.Dir(dir)
	}
}

// writeAtomic writes r to name through a temporary file and a rename.
func writeAtomic(name string, r io.Reader) error {
	tmp, err := writeTemp(name, r, -1)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	return os.Rename(tmp, name)
}

// writeTemp writes r (size bytes, or -1 for unknown) to a synced temporary
// file beside name and returns the temporary file's name.
func writeTemp(name string, r io.Reader, size int64) (string, error) {
	dir := filepath.Dir(name)
	var f *os.File
	var err error
	// A concurrent Delete may remove the (empty) folder between MkdirAll and
	// CreateTemp; trying again recreates it.
	for range 3 {
		if err = os.MkdirAll(dir, 0o755); err != nil {
			continue
		}
		if f, err = os.CreateTemp(dir, ".tmp-*"); err == nil {
			break
		}
	}
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	n, err := io.Copy(f, r)
	if err == nil && size >= 0 && n != size {
		err = fmt.Errorf("wrote %d bytes, expected %d", n, size)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// Get opens the object's file; *os.File seeks, so it can be served with ranges.
func (s *DiskStore) Get(ctx context.Context, key string) (Object, ObjectInfo, error) {
	p, err := s.path(key)
	if err != nil {
		return nil, ObjectInfo{}, err
	}
	if err := ctx.Err(); err != nil {
		return nil, ObjectInfo{}, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, ObjectInfo{}, notFound(key, err)
	}
	info, err := s.info(key, p, f.Stat)
	if err != nil {
		f.Close()
		return nil, ObjectInfo{}, err
	}
	return f, info, nil
}

// Stat describes the object without opening it.
func (s *DiskStore) Stat(ctx context.Context, key string) (ObjectInfo, error) {
	p, err := s.path(key)
	if err != nil {
		return ObjectInfo{}, err
	}
	if err := ctx.Err(); err != nil {
		return ObjectInfo{}, err
	}
	return s.info(key, p, func() (fs.FileInfo, error) { return os.Stat(p) })
}

func (s *DiskStore) info(key, p string, stat func() (fs.FileInfo, error)) (ObjectInfo, error) {
	fi, err := stat()
	if err != nil {
		return ObjectInfo{}, notFound(key, err)
	}
	if !fi.Mode().IsRegular() {
		return ObjectInfo{}, fmt.Errorf("media: %s: %w", key, ErrNotFound)
	}
	ct := "application/octet-stream"
	if b, err := os.ReadFile(p + metaSuffix); err == nil && len(b) > 0 {
		ct = string(b)
	}
	return ObjectInfo{Key: key, Size: fi.Size(), ContentType: ct, CacheControl: CacheControl, ModTime: fi.ModTime()}, nil
}

func notFound(key string, err error) error {
	// ENOTDIR: a folder on the way is a file, so the object is not there
	// either.
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return fmt.Errorf("media: %s: %w", key, ErrNotFound)
	}
	return fmt.Errorf("media: %s: %w", key, err)
}

// Delete removes the object, its sidecar and, when that leaves it empty, the
// image's folder. A missing key is not an error.
func (s *DiskStore) Delete(ctx context.Context, key string) error {
	p, err := s.path(key)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, name := range []string{p, p + metaSuffix} {
		if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("media: delete %s: %w", key, err)
		}
	}
	if dir := filepath.Dir(p); dir != s.root && strings.HasPrefix(key, imagePrefix) {
		_ = os.Remove(dir) // fails, harmlessly, while other variants remain
	}
	return nil
}

// Walk lists the objects under prefix in key order. It fills Key, Size and
// ModTime only: the sweeper needs no more, and reading every sidecar would
// double the cost.
func (s *DiskStore) Walk(ctx context.Context, prefix string, fn func(ObjectInfo) error) error {
	if err := validatePrefix(prefix); err != nil {
		return err
	}
	// Start at the deepest folder the prefix names, not at the root.
	start := s.root
	if i := strings.LastIndex(prefix, "/"); i >= 0 {
		start = filepath.Join(s.root, filepath.FromSlash(prefix[:i]))
	}
	err := filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // a folder removed while walking, or no such prefix
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(s.root, p)
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		if !strings.HasPrefix(key, prefix) || ValidateKey(key) != nil {
			return nil // sidecars, temporary files, foreign files
		}
		fi, err := d.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil // deleted while walking
		} else if err != nil {
			return err
		}
		return fn(ObjectInfo{Key: key, Size: fi.Size(), ModTime: fi.ModTime()})
	})
	return err
}

// URL is where the API serves the object (see ServeHTTP): a path when the
// store was given no public URL.
func (s *DiskStore) URL(key string) string {
	return s.baseURL + DiskURLPath + key
}

// PresignUpload is not possible on disk: uploads go through the API.
func (s *DiskStore) PresignUpload(context.Context, string, int64, time.Duration) (*PresignedUpload, error) {
	return nil, ErrNotSupported
}

// Ping checks that the folder is still there and, with MinFree, that its
// file system has room left.
func (s *DiskStore) Ping(context.Context) error {
	fi, err := os.Stat(s.root)
	if err != nil {
		return fmt.Errorf("media: disk store: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("media: disk store: %s is not a folder", s.root)
	}
	if s.minFree == 0 {
		return nil
	}
	free, known, err := freeSpace(s.root)
	if err != nil {
		return fmt.Errorf("media: disk store: free space: %w", err)
	}
	if known && free < s.minFree {
		return fmt.Errorf("media: disk store: %d bytes free, fewer than the %d required", free, s.minFree)
	}
	return nil
}

// ctxReader stops a copy when its context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
