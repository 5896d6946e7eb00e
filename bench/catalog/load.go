package main

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

func check(c *http.Client, u string) error {
	res, err := c.Get(u)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		b, _ := io.ReadAll(res.Body)
		return fmt.Errorf("GET %s = %d: %s", u, res.StatusCode, b)
	}
	return nil
}

// result is what one load phase measured.
type result struct {
	sent, errors int64
	rps          float64
	lat          []time.Duration
}

func (r result) print(name string) {
	fmt.Printf("%-50s %10d %10.0f %9s %9s %9s %7d\n", name, r.sent, r.rps, ms(r.quantile(0.50)), ms(r.quantile(0.99)), ms(r.quantile(1)), r.errors)
}

// quantile is the latency below which a share p of the requests finished.
func (r result) quantile(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	slices.Sort(r.lat)
	return r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))]
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 2, 64) + "ms"
}

// acceptGzip is the -gzip flag.
var acceptGzip bool

// get sends one request and reports its latency, or an error for anything
// but 200.
func get(c *http.Client, u string) (time.Duration, bool) {
	start := time.Now()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return 0, false
	}
	// Without -gzip, ask for the answer as it is, as wrk and pgbench do (the
	// issue's figures were taken with wrk). With it, ask for gzip as phones
	// do, but leave the body compressed: decompressing it would only spend
	// the CPU the server under test shares with us.
	if acceptGzip {
		req.Header.Set("Accept-Encoding", "gzip")
	} else {
		req.Header.Set("Accept-Encoding", "identity")
	}
	res, err := c.Do(req)
	if err != nil {
		return 0, false
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return time.Since(start), res.StatusCode == 200
}

// fixedRate sends rate requests per second for d whatever the answers take
// (an open loop), measuring each from its scheduled start.
func fixedRate(c *http.Client, url func(int) string, rate int, d time.Duration) result {
	n := int(d.Seconds() * float64(rate))
	interval := time.Second / time.Duration(rate)
	var (
		mu   sync.Mutex
		lat  = make([]time.Duration, 0, n)
		errs atomic.Int64
		wg   sync.WaitGroup
	)
	start := time.Now()
	for i := range n {
		at := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(at))
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, ok := get(c, url(i))
			took := time.Since(at)
			if !ok {
				errs.Add(1)
			}
			mu.Lock()
			lat = append(lat, took)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return result{sent: int64(n), errors: errs.Load(), rps: float64(n) / time.Since(start).Seconds(), lat: lat}
}

// callLoop runs workers that each make the next call as soon as the
// previous one returns.
func callLoop(call func(i int) error, workers int, d time.Duration) result {
	var (
		mu    sync.Mutex
		lat   []time.Duration
		errs  atomic.Int64
		count atomic.Int64
		wg    sync.WaitGroup
	)
	stop := time.Now().Add(d)
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make([]time.Duration, 0, 1<<14)
			for i := w; time.Now().Before(stop); i += workers {
				t := time.Now()
				if call(i) != nil {
					errs.Add(1)
				}
				count.Add(1)
				local = append(local, time.Since(t))
			}
			mu.Lock()
			lat = append(lat, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	n := count.Load()
	return result{sent: n, errors: errs.Load(), rps: float64(n) / time.Since(start).Seconds(), lat: lat}
}

// etagOf is the ETag of u's answer.
func etagOf(c *http.Client, u string) (string, error) {
	res, err := c.Get(u)
	if err != nil {
		return "", err
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("ETag") == "" {
		return "", fmt.Errorf("GET %s = %d with ETag %q", u, res.StatusCode, res.Header.Get("ETag"))
	}
	return res.Header.Get("ETag"), nil
}

// notModified revalidates u with If-None-Match: etag, as a browser does
// before it reuses what it kept; anything but 304 is an error.
func notModified(c *http.Client, u, etag string) error {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.Header.Set("If-None-Match", etag)
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusNotModified {
		return fmt.Errorf("GET %s with If-None-Match = %d", u, res.StatusCode)
	}
	return nil
}
