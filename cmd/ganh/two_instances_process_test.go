package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"gorm.io/gorm"
)

// freshSchema makes a schema of its own on the test PostgreSQL (dropped at
// the end) and returns the URL both servers use and a handle for checks.
func freshSchema(t *testing.T, base string) (string, *gorm.DB) {
	t.Helper()
	ctx := context.Background()
	admin, err := database.Open(ctx, database.Options{URL: base})
	if err != nil {
		t.Fatalf("connect to %s: %v", dbtest.EnvPostgres, err)
	}
	schema := "two_" + randomSuffix(t)
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		_ = database.Close(admin)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := database.Open(ctx, database.Options{URL: u.String()})
	if err != nil {
		t.Fatal(err)
	}
	// Registered after the schema's cleanup, so it runs before it.
	t.Cleanup(func() { _ = database.Close(db) })
	return u.String(), db
}

func randomSuffix(t *testing.T) string {
	b := make([]byte, 5)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// buildGanh builds the real binary once, as it ships.
func buildGanh(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "ganh")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// addS3 points both servers at the test MinIO, in a bucket of their own,
// when GANH_TEST_S3_* is set; without it each keeps photos on its own disk,
// which the README says does not do for more than one machine.
func addS3(t *testing.T, vars map[string]string) {
	ep := os.Getenv("GANH_TEST_S3_ENDPOINT")
	if ep == "" {
		t.Log("GANH_TEST_S3_ENDPOINT unset: photos stay on each instance's disk in this run")
		return
	}
	vars["GANH_S3_ENDPOINT"] = ep
	vars["GANH_S3_ACCESS_KEY"] = os.Getenv("GANH_TEST_S3_ACCESS_KEY")
	vars["GANH_S3_SECRET_KEY"] = os.Getenv("GANH_TEST_S3_SECRET_KEY")
	bucket := "ganh-two-" + randomSuffix(t)
	vars["GANH_S3_BUCKET"] = bucket // the servers make it on start
	t.Cleanup(func() {
		ctx := context.Background()
		c, err := minio.New(ep, &minio.Options{BucketLookup: minio.BucketLookupPath,
			Creds: credentials.NewStaticV4(vars["GANH_S3_ACCESS_KEY"], vars["GANH_S3_SECRET_KEY"], "")})
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
	})
}

// environ is vars over the process's own PATH and HOME, nothing else of the
// test's environment (no GANH_* leaks in).
func environ(vars map[string]string, dataDir string) []string {
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "GANH_DATA_DIR=" + dataDir}
	for k, v := range vars {
		env = append(env, k+"="+v)
	}
	return env
}

func ganhCommand(t *testing.T, bin string, vars map[string]string, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = environ(vars, t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ganh %s: %v\n%s", args[0], err, out)
	}
}

// instance is one `ganh serve` process, stopped with SIGTERM when the test
// ends (SIGKILL if it does not stop in 20 s).
type instance struct {
	name, base string
	cmd        *exec.Cmd
	logs       *lockedBuffer
	exited     chan struct{}
}

func startInstance(t *testing.T, bin string, vars map[string]string, name string) *instance {
	t.Helper()
	addr := freeAddr(t)
	in := &instance{name: name, base: "http://" + addr, logs: &lockedBuffer{}, exited: make(chan struct{})}
	in.cmd = exec.Command(bin, "serve", "--addr", addr)
	in.cmd.Env = environ(vars, t.TempDir()) // each its own data dir: the embedded index is per process
	in.cmd.Stdout, in.cmd.Stderr = in.logs, in.logs
	if err := in.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = in.cmd.Wait(); close(in.exited) }()
	t.Cleanup(func() {
		_ = in.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-in.exited:
		case <-time.After(20 * time.Second):
			_ = in.cmd.Process.Kill()
			<-in.exited
			t.Errorf("instance %s did not stop on SIGTERM", name)
		}
		if t.Failed() {
			t.Logf("instance %s log:\n%s", name, in.logs.String())
		}
	})
	return in
}

func (in *instance) waitReady(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-in.exited:
			t.Fatalf("instance %s exited:\n%s", in.name, in.logs.String())
		default:
		}
		if res, err := http.Get(in.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("instance %s not ready after 60 s:\n%s", in.name, in.logs.String())
}
