package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// MinIOConfig says how to reach the object store (GANH_S3_* in API.md).
type MinIOConfig struct {
	Endpoint  string // host:port the server talks to, e.g. "minio:9000"
	AccessKey string
	SecretKey string
	Bucket    string
	UseSSL    bool
	// Region defaults to us-east-1 (MinIO's default). Setting it spares the
	// client a GetBucketLocation round trip before presigning.
	Region string
	// PublicURL is the store's address as browsers see it, scheme and host
	// only, e.g. "http://localhost:9000". Object URLs are PublicURL/bucket/key
	// and upload policies are signed for this host (a signature covers the
	// host, so rewriting it later would break them). Empty means the endpoint.
	PublicURL string
	// KeepBucketPolicy leaves the bucket policy alone. By default the store
	// makes img/ publicly readable (and nothing else), which URL relies on.
	KeepBucketPolicy bool
}

// unknownSizePart is the part size for uploads of unknown size: the memory
// one such Put holds.
const unknownSizePart = 16 << 20

// MinIOStore keeps objects in one S3 bucket through minio-go.
type MinIOStore struct {
	client    *minio.Client // talks to Endpoint
	presigner *minio.Client // signs for PublicURL; makes no requests
	bucket    string
	publicURL string
}

// NewMinIOStore connects, creates the bucket when missing and (unless told
// not to) makes the img/ prefix publicly readable.
func NewMinIOStore(ctx context.Context, cfg MinIOConfig) (*MinIOStore, error) {
	if cfg.Endpoint == "" || cfg.Bucket == "" {
		return nil, errors.New("media: minio: endpoint and bucket are required")
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	scheme := "http"
	if cfg.UseSSL {
		scheme = "https"
	}
	if cfg.PublicURL == "" {
		cfg.PublicURL = scheme + "://" + cfg.Endpoint
	}
	pub, err := url.Parse(strings.TrimRight(cfg.PublicURL, "/"))
	if err != nil || pub.Host == "" || (pub.Scheme != "http" && pub.Scheme != "https") || pub.Path != "" {
		return nil, fmt.Errorf("media: minio: public URL %q must be scheme://host[:port]", cfg.PublicURL)
	}
	client, err := newMinIOClient(cfg.Endpoint, cfg.UseSSL, cfg)
	if err != nil {
		return nil, err
	}
	presigner, err := newMinIOClient(pub.Host, pub.Scheme == "https", cfg)
	if err != nil {
		return nil, err
	}
	s := &MinIOStore{client: client, presigner: presigner, bucket: cfg.Bucket, publicURL: pub.String()}
	if err := s.ensureBucket(ctx, cfg.Region); err != nil {
		return nil, err
	}
	if !cfg.KeepBucketPolicy {
		if err := client.SetBucketPolicy(ctx, cfg.Bucket, publicReadPolicy(cfg.Bucket)); err != nil {
			return nil, fmt.Errorf("media: minio: set policy on %s: %w", cfg.Bucket, err)
		}
	}
	return s, nil
}

func newMinIOClient(host string, secure bool, cfg MinIOConfig) (*minio.Client, error) {
	c, err := minio.New(host, &minio.Options{
		Creds:        credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure:       secure,
		Region:       cfg.Region,
		BucketLookup: minio.BucketLookupPath,
	})
	if err != nil {
		return nil, fmt.Errorf("media: minio client for %s: %w", host, err)
	}
	return c, nil
}

// ensureBucket creates the bucket unless it exists; losing a creation race to
// another instance (BucketAlreadyOwnedByYou) is fine.
func (s *MinIOStore) ensureBucket(ctx context.Context, region string) error {
	ok, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil {
		return fmt.Errorf("media: minio: bucket %s: %w", s.bucket, err)
	}
	if ok {
		return nil
	}
	err = s.client.MakeBucket(ctx, s.bucket, minio.MakeBucketOptions{Region: region})
	var er minio.ErrorResponse
	if err != nil && !(errors.As(err, &er) && er.Code == "BucketAlreadyOwnedByYou") {
		return fmt.Errorf("media: minio: make bucket %s: %w", s.bucket, err)
	}
	return nil
}

// publicReadPolicy lets anyone GET processed images, and nothing else: no
// listing, and direct uploads under incoming/ stay private.
func publicReadPolicy(bucket string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},` +
		`"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::` + bucket + `/` + imagePrefix + `*"]}]}`
}

// Put uploads the object with its content type and CacheControl.
func (s *MinIOStore) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error {
	if err := ValidateKey(key); err != nil {
		return err
	}
	if contentType == "" {
		return fmt.Errorf("media: put %s: empty content type", key)
	}
	opts := minio.PutObjectOptions{ContentType: contentType, CacheControl: CacheControl}
	if size < 0 {
		// Unknown sizes upload in parts; minio-go would otherwise buffer
		// ~537 MiB per part.
		opts.PartSize = unknownSizePart
	}
	_, err := s.client.PutObject(ctx, s.bucket, key, r, size, opts)
	if err != nil {
		return fmt.Errorf("media: put %s: %w", key, err)
	}
	return nil
}

// Get opens the object. minio-go opens lazily, so Get stats it first to turn
// a missing key into ErrNotFound here rather than at the first Read.
func (s *MinIOStore) Get(ctx context.Context, key string) (Object, ObjectInfo, error) {
	if err := ValidateKey(key); err != nil {
		return nil, ObjectInfo{}, err
	}
	obj, err := s.client.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, ObjectInfo{}, s.mapErr("get", key, err)
	}
	oi, err := obj.Stat()
	if err != nil {
		obj.Close()
		return nil, ObjectInfo{}, s.mapErr("get", key, err)
	}
	return obj, toInfo(oi), nil
}

// Stat describes the object. A HEAD has no body, so a missing bucket also
// shows up as not found; Ping tells the two apart.
func (s *MinIOStore) Stat(ctx context.Context, key string) (ObjectInfo, error) {
	if err := ValidateKey(key); err != nil {
		return ObjectInfo{}, err
	}
	oi, err := s.client.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{})
	if err != nil {
		return ObjectInfo{}, s.mapErr("stat", key, err)
	}
	return toInfo(oi), nil
}

func toInfo(oi minio.ObjectInfo) ObjectInfo {
	return ObjectInfo{
		Key:          oi.Key,
		Size:         oi.Size,
		ContentType:  oi.ContentType,
		CacheControl: oi.Metadata.Get("Cache-Control"),
		ModTime:      oi.LastModified,
	}
}

// mapErr turns S3's not-found answers into ErrNotFound. It uses errors.As
// because minio.ToErrorResponse does not unwrap.
func (s *MinIOStore) mapErr(op, key string, err error) error {
	var er minio.ErrorResponse
	if errors.As(err, &er) && (er.Code == "NoSuchKey" || er.StatusCode == http.StatusNotFound) {
		return fmt.Errorf("media: %s %s: %w", op, key, ErrNotFound)
	}
	return fmt.Errorf("media: %s %s: %w", op, key, err)
}

// Delete removes the object; S3 answers a missing key with success too.
func (s *MinIOStore) Delete(ctx context.Context, key string) error {
	if err := ValidateKey(key); err != nil {
		return err
	}
	if err := s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{}); err != nil {
		return fmt.Errorf("media: delete %s: %w", key, err)
	}
	return nil
}

// Walk lists the objects under prefix in key order. Like DiskStore.Walk it
// fills Key, Size and ModTime only.
func (s *MinIOStore) Walk(ctx context.Context, prefix string, fn func(ObjectInfo) error) error {
	if err := validatePrefix(prefix); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx) // stops the listing goroutine if fn fails
	defer cancel()
	for oi := range s.client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if oi.Err != nil {
			return fmt.Errorf("media: list %s: %w", prefix, oi.Err)
		}
		if ValidateKey(oi.Key) != nil {
			continue // written by someone else; not ours to report
		}
		if err := fn(ObjectInfo{Key: oi.Key, Size: oi.Size, ModTime: oi.LastModified}); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// URL is the object's public, path-style address.
func (s *MinIOStore) URL(key string) string {
	return s.publicURL + "/" + s.bucket + "/" + key
}

// PresignUpload signs a POST policy for one incoming/ key: the browser may
// send 1..maxBytes bytes with a Content-Type starting with "image/" (it sets
// the Content-Type field to the file's type) until expiry. Only incoming/ keys
// may be presigned, so a browser can never write a served image; the server
// processes the upload afterwards (Processor.ProcessStored), which checks the
// real type and size again.
func (s *MinIOStore) PresignUpload(ctx context.Context, key string, maxBytes int64, expiry time.Duration) (*PresignedUpload, error) {
	if err := ValidateKey(key); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(key, incomingPrefix) {
		return nil, fmt.Errorf("%w: only %s keys may be uploaded directly: %q", ErrInvalidKey, incomingPrefix, key)
	}
	expires := time.Now().Add(expiry).UTC()
	p := minio.NewPostPolicy()
	for _, err := range []error{
		p.SetBucket(s.bucket),
		p.SetKey(key),
		p.SetExpires(expires),
		p.SetContentTypeStartsWith("image/"),
		p.SetContentLengthRange(1, maxBytes),
	} {
		if err != nil {
			return nil, fmt.Errorf("media: presign %s: %w", key, err)
		}
	}
	u, fields, err := s.presigner.PresignedPostPolicy(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("media: presign %s: %w", key, err)
	}
	return &PresignedUpload{Method: http.MethodPost, URL: u.String(), Fields: fields, Key: key, Expires: expires}, nil
}

// Ping checks that the server answers and the bucket exists.
func (s *MinIOStore) Ping(ctx context.Context) error {
	ok, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil {
		return fmt.Errorf("media: minio: %w", err)
	}
	if !ok {
		return fmt.Errorf("media: minio: bucket %s is missing", s.bucket)
	}
	return nil
}
