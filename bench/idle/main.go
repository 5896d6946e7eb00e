// Command idle measures the memory `ganh serve` holds while idle on the
// embedded defaults (SQLite, the media folder, the embedded search index).
//
// It builds the binary and, for each of -runs runs, seeds the demo
// marketplace into a fresh data dir (`ganh seed --demo --no-photos`; with
// -demo=false the data dir stays empty) and measures two starts of
// `ganh serve` on it: the first start, which also works through what
// seeding left for it (the search index is built, the outbox relayed), and
// a restart, as a server runs from one deploy to the next. Each start is on
// a free loopback port with no GANH_* variable but GANH_DATA_DIR. The
// command waits for /readyz, requests a handful of pages as a browser
// would (the home page, the API's product list, a search, a product page;
// -rounds times), waits -idle, then prints VmRSS and VmHWM from
// /proc/<pid>/status, the anonymous and file-backed parts of VmRSS, and
// the Go runtime's figures from /metrics. Figures are MiB.
//
//	go run ./bench/idle
//	go run ./bench/idle -bin /tmp/ganh -runs 3
//
// The executable's own pages count in VmRSS (the file-backed part), and how
// many are mapped depends on the page cache: a binary the linker has just
// written sits in large folios, which a recent kernel (6.18 here, ext4)
// maps whole, 2 MiB at a time, so the same server shows about 13 MiB more
// than one started from a binary read from disk. Before each start the
// command therefore drops the binary from the page cache (fsync, then
// posix_fadvise DONTNEED): every start reads it from disk, as after a
// reboot. -keep-cache leaves the page cache alone.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/ganh-market/ganh/bench/internal/benchdb"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	bin := flag.String("bin", "", "a built ganh binary to measure (default: go build ./cmd/ganh)")
	runs := flag.Int("runs", 1, "servers started and measured, each on a fresh data dir")
	rounds := flag.Int("rounds", 3, "times the handful of pages is requested")
	idle := flag.Duration("idle", 10*time.Second, "how long the server is left idle before measuring")
	demo := flag.Bool("demo", true, "seed the demo marketplace first; false: an empty data dir (no product page to request)")
	photos := flag.Bool("photos", false, "seed a photo for each demo product (takes a minute or more)")
	keepCache := flag.Bool("keep-cache", false, "do not drop the binary from the page cache before each start")
	flag.Parse()
	if err := run(*bin, *runs, *rounds, *idle, *demo, *photos, *keepCache); err != nil {
		log.Fatal(err)
	}
}

func run(bin string, runs, rounds int, idle time.Duration, demo, photos, keepCache bool) error {
	tmp, err := os.MkdirTemp("", "ganh-bench-idle")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if bin == "" {
		bin = filepath.Join(tmp, "ganh")
		build := exec.Command("go", "build", "-o", bin, "./cmd/ganh")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build ./cmd/ganh (run this from the repository's root): %w", err)
		}
	}
	data := "empty data dir"
	if demo {
		data = fmt.Sprintf("demo data (photos %v)", photos)
	}
	fmt.Printf("ganh serve idle on the embedded defaults, %s, %d rounds of requests, %v idle; %s, GOGC=%q GOMEMLIMIT=%q\n",
		data, rounds, idle, runtime.Version(), os.Getenv("GOGC"), os.Getenv("GOMEMLIMIT"))
	for i := range runs {
		dir := filepath.Join(tmp, fmt.Sprintf("data%d", i+1))
		if err := os.Mkdir(dir, 0o750); err != nil {
			return err
		}
		if demo {
			if err := seed(bin, dir, photos); err != nil {
				return err
			}
		}
		for _, start := range []string{"first start", "restart"} {
			r, err := measure(bin, dir, rounds, idle, keepCache)
			if err != nil {
				return fmt.Errorf("run %d, %s: %w", i+1, start, err)
			}
			fmt.Printf("run %d, %-11s ready in %v at VmRSS %.1f; idle: VmRSS %.1f (anon %.1f, file %.1f), VmHWM %.1f; Go: heap objects %.1f, heap in use %.1f, heap held %.1f, runtime in all %.1f, %d goroutines; load average %s\n",
				i+1, start+":", r.ready.Round(time.Millisecond), mib(r.atReady.rss), mib(r.idle.rss), mib(r.idle.anon), mib(r.idle.file+r.idle.shmem),
				mib(r.idle.hwm), mib(r.heapAlloc), mib(r.heapInuse), mib(r.heapHeld), mib(r.goSys), r.goroutines, benchdb.LoadAvg())
		}
	}
	return nil
}

// seed fills a fresh data dir with the demo marketplace.
func seed(bin, dir string, photos bool) error {
	args := []string{"seed", "--demo"}
	if !photos {
		args = append(args, "--no-photos")
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = serveEnv(dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("ganh seed: %w\n%s", err, out)
	}
	return nil
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }

type result struct {
	ready                                             time.Duration
	atReady, idle                                     status
	heapAlloc, heapInuse, heapHeld, goSys, goroutines uint64
}

// measure starts the server on dir, requests the pages, waits idle and
// reads the figures, then stops the server with SIGTERM.
func measure(bin, dir string, rounds int, idle time.Duration, keepCache bool) (result, error) {
	var r result
	env := serveEnv(dir)
	if !keepCache {
		if err := dropFromPageCache(bin); err != nil {
			return r, err
		}
	}
	addr, err := freeAddr()
	if err != nil {
		return r, err
	}
	logPath := filepath.Join(dir, "serve.log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return r, err
	}
	defer logFile.Close()
	serve := exec.Command(bin, "serve", "--addr", addr)
	serve.Env, serve.Stdout, serve.Stderr = env, logFile, logFile
	start := time.Now()
	if err := serve.Start(); err != nil {
		return r, err
	}
	exited := make(chan error, 1)
	go func() { exited <- serve.Wait() }()
	defer func() {
		_ = serve.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			_ = serve.Process.Kill()
			<-exited
		}
	}()
	fail := func(err error) (result, error) {
		b, _ := os.ReadFile(logPath)
		return r, fmt.Errorf("%w\nserve's log:\n%s", err, b)
	}
	base := "http://" + addr
	client := &http.Client{Timeout: 20 * time.Second}
	if err := waitReady(client, base, exited); err != nil {
		return fail(err)
	}
	r.ready = time.Since(start)
	pid := serve.Process.Pid
	if r.atReady, err = readStatus(pid); err != nil {
		return fail(err)
	}
	paths, err := pages(client, base)
	if err != nil {
		return fail(err)
	}
	for range rounds {
		for _, p := range paths {
			if err := get(client, base+p, nil); err != nil {
				return fail(err)
			}
		}
	}
	time.Sleep(idle)
	if r.idle, err = readStatus(pid); err != nil {
		return fail(err)
	}
	m, err := goMetrics(client, base)
	if err != nil {
		return fail(err)
	}
	r.heapAlloc, r.heapInuse = m["go_memstats_heap_alloc_bytes"], m["go_memstats_heap_inuse_bytes"]
	r.heapHeld = m["go_memstats_heap_sys_bytes"] - m["go_memstats_heap_released_bytes"]
	r.goSys, r.goroutines = m["go_memstats_sys_bytes"], m["go_goroutines"]
	return r, nil
}

// serveEnv is this process's environment without any GANH_ variable, so
// the server runs on the embedded defaults, with its data in dir.
func serveEnv(dir string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GANH_") {
			env = append(env, kv)
		}
	}
	return append(env, "GANH_DATA_DIR="+dir, "GANH_LOG_LEVEL=warn")
}

// freeAddr is a loopback address with a port nothing listens on.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func waitReady(client *http.Client, base string, exited <-chan error) error {
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("ganh serve exited: %v", err)
		default:
		}
		resp, err := client.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("ganh serve was not ready within 2 minutes")
}

// pages are the paths requested in each round: the home page, the API's
// product list, a search and the first product's page, if there is one.
func pages(client *http.Client, base string) ([]string, error) {
	var list struct {
		Items []struct {
			Slug string `json:"slug"`
		} `json:"items"`
	}
	if err := get(client, base+"/api/v1/products?limit=1", &list); err != nil {
		return nil, err
	}
	paths := []string{"/", "/api/v1/products", "/tim-kiem?q=" + url.QueryEscape("mật ong")}
	if len(list.Items) > 0 {
		paths = append(paths, "/san-pham/"+url.PathEscape(list.Items[0].Slug))
	}
	return paths, nil
}

// get requests u as a browser would (compressed answers accepted) and reads
// the answer whole; into, when not nil, receives a JSON answer. Any status
// but 200 is an error.
func get(client *http.Client, u string, into any) error {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	if into == nil {
		req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*")
		req.Header.Set("Accept-Encoding", "gzip, deflate, br")
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	if into != nil {
		return json.NewDecoder(resp.Body).Decode(into)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// status holds the memory lines of /proc/<pid>/status, in bytes.
type status struct{ rss, hwm, anon, file, shmem uint64 }

func readStatus(pid int) (status, error) {
	var s status
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return s, err
	}
	defer f.Close()
	fields := map[string]*uint64{"VmRSS": &s.rss, "VmHWM": &s.hwm, "RssAnon": &s.anon, "RssFile": &s.file, "RssShmem": &s.shmem}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		if p := fields[name]; ok && p != nil {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return s, fmt.Errorf("/proc/%d/status: %s: %w", pid, name, err)
			}
			*p = kb << 10
		}
	}
	if s.rss == 0 {
		return s, fmt.Errorf("/proc/%d/status has no VmRSS", pid)
	}
	return s, sc.Err()
}

// goMetrics reads the untagged go_* figures of /metrics.
func goMetrics(client *http.Client, base string) (map[string]uint64, error) {
	resp, err := client.Get(base + "/metrics")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET /metrics: %s", resp.Status)
	}
	m := map[string]uint64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok || !strings.HasPrefix(name, "go_") {
			continue
		}
		if f, err := strconv.ParseFloat(value, 64); err == nil {
			m[name] = uint64(f)
		}
	}
	return m, sc.Err()
}
