package notify_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/notify"
	"github.com/ganh-market/ganh/outbox"
)

// The worker process of TestCrashBetweenSendAndMark: it delivers the SMS
// messages of the database the environment names, and is killed mid-send.
const (
	envCrashWorker  = "GANH_NOTIFY_CRASH_WORKER"
	envCrashDBURL   = "GANH_NOTIFY_CRASH_DB_URL"
	envCrashDataDir = "GANH_NOTIFY_CRASH_DATA_DIR"
	envCrashSMS     = "GANH_NOTIFY_CRASH_SMS"
)

func TestCrashWorkerProcess(t *testing.T) {
	if os.Getenv(envCrashWorker) != "1" {
		t.Skip("the worker of TestCrashBetweenSendAndMark, run as its child process")
	}
	db, err := database.Open(context.Background(), database.Options{URL: os.Getenv(envCrashDBURL), DataDir: os.Getenv(envCrashDataDir)})
	if err != nil {
		t.Fatal(err)
	}
	sms := notify.NewSMS(notify.SMSOptions{BaseURL: os.Getenv(envCrashSMS), APIKey: "key", SecretKey: "secret", Brandname: "GANH"})
	n := notify.New(db, notify.Options{Channels: []notify.Channel{sms}})
	for _, r := range n.Relays(outbox.Options{}) {
		_ = r.Drain(context.Background())
	}
	t.Fatal("the worker was meant to be killed during its send")
}

// TestCrashBetweenSendAndMark kills the worker process (SIGKILL) while the
// SMS provider has its request, before the worker can mark the message
// sent. Another worker then sends it again: at most one duplicate, with the
// same RequestId (the dedup key), which the provider uses to drop it; the
// message ends sent once in the database.
func TestCrashBetweenSendAndMark(t *testing.T) {
	dbtest.RunOpen(t, func(t *testing.T, db *gorm.DB, o database.Options) {
		var (
			mu       sync.Mutex
			requests []string
			child    *exec.Cmd
			killed   = make(chan struct{})
		)
		provider := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var body map[string]string
			raw, _ := io.ReadAll(r.Body)
			_ = json.Unmarshal(raw, &body)
			mu.Lock()
			requests = append(requests, body["RequestId"])
			first, worker := len(requests) == 1, child
			mu.Unlock()
			if first {
				// The worker dies with the send in flight.
				_ = worker.Process.Kill()
				_ = worker.Wait()
				close(killed)
			}
			_, _ = io.WriteString(w, `{"CodeResult":"100"}`)
		}))
		defer provider.Close()

		sms := notify.NewSMS(notify.SMSOptions{BaseURL: provider.URL, APIKey: "key", SecretKey: "secret", Brandname: "GANH"})
		f := newFixture(t, db, notify.Options{Channels: []notify.Channel{sms}})
		sh := f.shop("HTX Dệt chiếu Nga Sơn")
		if err := f.db.Exec("DELETE FROM coop_members WHERE user_id = ?", sh.member.UserID).Error; err != nil {
			t.Fatal(err)
		}
		f.product(sh, "Chiếu cói", 50)
		// Only the events: the coop's approval becomes one SMS message
		// waiting for its channel's worker.
		for _, r := range f.n.Relays(relayOptions)[:1] {
			if err := r.Drain(f.ctx); err != nil {
				t.Fatal(err)
			}
		}
		var pending int64
		db.Raw("SELECT COUNT(*) FROM notification_messages WHERE status = 'pending'").Scan(&pending)
		if pending != 1 {
			t.Fatalf("%d pending messages, want the owner's one", pending)
		}

		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWorkerProcess$")
		cmd.Env = append(os.Environ(), envCrashWorker+"=1", envCrashDBURL+"="+o.URL, envCrashDataDir+"="+o.DataDir, envCrashSMS+"="+provider.URL)
		mu.Lock() // the provider reads child only once it is started
		child = cmd
		err := cmd.Start()
		mu.Unlock()
		if err != nil {
			t.Fatal(err)
		}
		select {
		case <-killed:
		case <-time.After(time.Minute):
			_ = cmd.Process.Kill()
			t.Fatal("the worker never sent")
		}

		// A new worker, later: on SQLite the dead worker's lease must have
		// run out, so its clock is moved past it.
		later := relayOptions
		later.Now = func() time.Time { return time.Now().UTC().Add(5 * time.Minute) }
		waitFor(t, "the second send", func() bool {
			// PostgreSQL frees the dead worker's row lock when it notices
			// the connection is gone: try until it has.
			for _, r := range f.n.Relays(later) {
				_ = r.Drain(f.ctx)
			}
			mu.Lock()
			defer mu.Unlock()
			return len(requests) >= 2
		})
		mu.Lock()
		defer mu.Unlock()
		if len(requests) != 2 || requests[0] != requests[1] || requests[0] == "" {
			t.Fatalf("provider got %q, want the message twice with one RequestId", requests)
		}
		var st struct {
			Status   string
			Attempts int
		}
		db.Raw("SELECT status, attempts FROM notification_messages").Scan(&st)
		if st.Status != "sent" {
			t.Fatalf("message %+v, want sent", st)
		}
	})
}
