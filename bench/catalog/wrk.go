package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The closed-loop phases are driven by wrk when it is installed (Debian's
// package wrk), as the figures and pgbench's are: a C client spends
// far less of the two cores the server shares with it than Go's net/http
// client in this process does (on the product page, 14,300 against 10,300
// req/s for the same server in the same minute). -client go keeps the Go
// client.

// wrkLoop runs wrk with workers connections for d over the URLs (cycled,
// one per request, with the header values of headers[i] when set) and reads
// its throughput, median, p99 and errors.
func wrkLoop(urls []string, headers []map[string]string, workers int, d time.Duration) (result, error) {
	script, err := os.CreateTemp("", "ganh-wrk-*.lua")
	if err != nil {
		return result{}, err
	}
	defer os.Remove(script.Name())
	var b strings.Builder
	b.WriteString("local reqs = {}\n")
	for i, u := range urls {
		path := u[strings.Index(u[len("http://"):], "/")+len("http://"):]
		h := "{}"
		if headers != nil && headers[i] != nil {
			var kv []string
			for k, v := range headers[i] {
				kv = append(kv, fmt.Sprintf("[%q] = %q", k, v))
			}
			h = "{" + strings.Join(kv, ", ") + "}"
		}
		fmt.Fprintf(&b, "reqs[%d] = wrk.format(\"GET\", %q, %s)\n", i+1, path, h)
	}
	b.WriteString(`local n = 0
request = function()
  n = n % #reqs + 1
  return reqs[n]
end
`)
	if _, err := script.WriteString(b.String()); err != nil {
		return result{}, err
	}
	script.Close()
	base := urls[0][:strings.Index(urls[0][len("http://"):], "/")+len("http://")]
	threads := min(2, workers)
	out, err := exec.Command("wrk", "-t"+strconv.Itoa(threads), "-c"+strconv.Itoa(workers), "-d"+strconv.Itoa(int(d.Seconds()))+"s",
		"--latency", "-H", "Accept-Encoding: "+encoding(), "-s", script.Name(), base).CombinedOutput()
	if err != nil {
		return result{}, fmt.Errorf("wrk: %v\n%s", err, out)
	}
	return parseWrk(string(out))
}

func encoding() string {
	if acceptGzip {
		return "gzip"
	}
	return "identity"
}

var (
	wrkRPS      = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkTotal    = regexp.MustCompile(`(\d+) requests in`)
	wrkNon2xx   = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	wrkSockErrs = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
	wrkPercent  = regexp.MustCompile(`(?m)^\s+(50|99)%\s+([0-9.]+)(us|ms|s)\s*$`)
)

// parseWrk reads wrk --latency's report into a result whose latencies are
// the median and p99 wrk printed (quantile answers those two).
func parseWrk(out string) (result, error) {
	m := wrkRPS.FindStringSubmatch(out)
	t := wrkTotal.FindStringSubmatch(out)
	if m == nil || t == nil {
		return result{}, fmt.Errorf("no throughput in wrk's report:\n%s", out)
	}
	var r result
	r.rps, _ = strconv.ParseFloat(m[1], 64)
	r.sent, _ = strconv.ParseInt(t[1], 10, 64)
	if e := wrkNon2xx.FindStringSubmatch(out); e != nil {
		n, _ := strconv.ParseInt(e[1], 10, 64)
		r.errors += n
	}
	if e := wrkSockErrs.FindStringSubmatch(out); e != nil {
		for _, s := range e[1:] {
			n, _ := strconv.ParseInt(s, 10, 64)
			r.errors += n
		}
	}
	lat := map[string]time.Duration{}
	for _, p := range wrkPercent.FindAllStringSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(p[2], 64)
		unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[p[3]]
		lat[p[1]] = time.Duration(v * float64(unit))
	}
	// Two values stand for the distribution: half the requests at the
	// median, the last hundredth at p99 (quantile(0.5) and (0.99) read
	// them back; the maximum is p99 too).
	r.lat = make([]time.Duration, 100)
	for i := range r.lat {
		r.lat[i] = lat["50"]
		if i >= 99 {
			r.lat[i] = lat["99"]
		}
	}
	return r, nil
}
