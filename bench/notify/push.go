package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// arrival is one push request as the push service received it.
type arrival struct {
	at   time.Time
	path string
	body []byte
}

// pushService is a push service on a local server: it answers 201 and
// keeps what arrived, to be decrypted after the run.
type pushService struct {
	*httptest.Server
	mu       sync.Mutex
	arrivals []arrival
}

func newPushService() *pushService {
	ps := &pushService{}
	ps.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		at := time.Now()
		b, _ := io.ReadAll(r.Body)
		ps.mu.Lock()
		ps.arrivals = append(ps.arrivals, arrival{at: at, path: r.URL.Path, body: b})
		ps.mu.Unlock()
		w.WriteHeader(http.StatusCreated)
	}))
	return ps
}

func (ps *pushService) take() []arrival {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	out := ps.arrivals
	ps.arrivals = nil
	return out
}

func (ps *pushService) count() int {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return len(ps.arrivals)
}
