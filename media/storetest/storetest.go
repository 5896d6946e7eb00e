// Package storetest gives tests outside media a real photo store to run
// against: a fresh bucket on the MinIO that .ci/run starts, and a listing of
// what a store holds.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"github.com/ganh-market/ganh/media"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// MinIO is a store in a bucket of its own (named after prefix) on the
// MinIO of GANH_TEST_S3_* (see .ci/start-minio.sh), emptied and removed
// when the test ends; the test skips when none is configured.
func MinIO(t testing.TB, prefix string) media.Store {
	t.Helper()
	ep, ak, sk := os.Getenv("GANH_TEST_S3_ENDPOINT"), os.Getenv("GANH_TEST_S3_ACCESS_KEY"), os.Getenv("GANH_TEST_S3_SECRET_KEY")
	if ep == "" || ak == "" || sk == "" {
		t.Skip("MinIO photo tests skipped: set GANH_TEST_S3_ENDPOINT, GANH_TEST_S3_ACCESS_KEY and GANH_TEST_S3_SECRET_KEY " +
			`(eval "$(bash .ci/start-minio.sh)" starts one; .ci/run does)`)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	bucket := prefix + "-" + hex.EncodeToString(b[:])
	store, err := media.NewMinIOStore(context.Background(), media.MinIOConfig{Endpoint: ep, AccessKey: ak, SecretKey: sk, Bucket: bucket})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeBucket(t, ep, ak, sk, bucket) })
	return store
}

// removeBucket empties and removes a test bucket.
func removeBucket(t testing.TB, ep, ak, sk, bucket string) {
	ctx := context.Background() // t.Context() is already cancelled in cleanups
	c, err := minio.New(ep, &minio.Options{Creds: credentials.NewStaticV4(ak, sk, ""), BucketLookup: minio.BucketLookupPath})
	if err != nil {
		t.Errorf("minio client: %v", err)
		return
	}
	for oi := range c.ListObjects(ctx, bucket, minio.ListObjectsOptions{Recursive: true}) {
		if oi.Err == nil {
			_ = c.RemoveObject(ctx, bucket, oi.Key, minio.RemoveObjectOptions{})
		}
	}
	if err := c.RemoveBucket(ctx, bucket); err != nil {
		t.Errorf("remove bucket %s: %v", bucket, err)
	}
}

// Keys lists every object in the store, in key order.
func Keys(t testing.TB, s media.Store) []string {
	t.Helper()
	keys := []string{}
	if err := s.Walk(context.Background(), "", func(oi media.ObjectInfo) error {
		keys = append(keys, oi.Key)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return keys
}
