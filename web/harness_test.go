package web_test

import (
	"context"
	"github.com/ganh-market/ganh/addresses"
	"github.com/ganh-market/ganh/catalog/catalogtest"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/demo"
	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/httpbody/httpbodytest"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/notify"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/privacy"
	"github.com/ganh-market/ganh/referrers"
	"github.com/ganh-market/ganh/reports"
	"github.com/ganh-market/ganh/resumable"
	"github.com/ganh-market/ganh/search/bleve"
	"github.com/ganh-market/ganh/search/indexsync"
	"github.com/ganh-market/ganh/web"
	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"
)

// testApp is the whole marketplace (API and pages) on a loopback listener
// over a fresh SQLite database, like `ganh serve` with nothing configured.
type testApp struct {
	t        testing.TB
	URL      string
	DB       *gorm.DB
	App      *fiber.App
	Accounts *accounts.Service
	Catalog  *catalog.Service
	Orders   *orders.Service
	Index    *bleve.Index
	// Images is the photo pipeline of the pages; Read counts the bytes
	// the server read from its connections.
	Images *media.Processor
	Read   *httpbodytest.Listener
	// Notify keeps the inbox behind the bell; tests drain its relays.
	Notify *notify.Service
	// now, when set (setNow), is the pages' clock (the referrer cookie's
	// window); atomic because the server's goroutines read it.
	now atomic.Pointer[time.Time]
	// Referrers keeps the Hội's chapters and members.
	Referrers *referrers.Service
	// Uploads keeps the product form's background photo uploads.
	Uploads *resumable.Store
	// dataDir is the app's GANH_DATA_DIR.
	dataDir string
}

// newTestApp starts the app; with seed, the demo marketplace is loaded and
// indexed for search.
func newTestApp(t testing.TB, seed bool) *testApp {
	t.Helper()
	return startApp(t, dbtest.SQLite(t), seed)
}

// startApp starts the app over db; configure adjusts the configuration.
func startApp(t testing.TB, db *gorm.DB, seed bool, configure ...func(*config.Config)) *testApp {
	t.Helper()
	return startAppOn(t, db, seed, nil, configure...)
}

// startAppOn is startApp with the photo store newStore makes (given the
// app's address and the disk store startApp would use), or the disk store
// when newStore is nil.
func startAppOn(t testing.TB, db *gorm.DB, seed bool, newStore func(base string, disk media.Store) media.Store, configure ...func(*config.Config)) *testApp {
	t.Helper()
	catalogtest.CheckDocuments(t, db)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	counted := httpbodytest.Wrap(ln)
	ln = counted
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg.DataDir, cfg.PublicURL = dir, base
	// Under -race the photo pipeline is several times slower, and CI runs
	// journeys beside other packages on 2 cores: a saved product's photo
	// once missed the default 20 s and the journey failed on the deadline,
	// not on what it tests. The deadline itself is tested in edge_test.go.
	cfg.RequestTimeout = time.Minute
	for _, f := range configure {
		f(&cfg)
	}
	disk, err := media.NewDiskStore(filepath.Join(dir, "media"), base)
	if err != nil {
		t.Fatal(err)
	}
	var store media.Store = disk
	if newStore != nil {
		store = newStore(base, disk)
	}
	accounts.UseTestHashCost()
	acc := accounts.NewService(db, accounts.Options{LoginAttemptsPerIP: 10000, LoginFailuresPerPhoneIP: 1000, LoginFailuresPerPhone: 1000, RegistrationsPerIP: 10000})
	cat := catalog.NewService(db, catalog.WithImageURLs(media.NewURLs(store)))
	ord := orders.NewService(db, reports.Rollups{})
	idx, err := bleve.NewMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	a := &testApp{t: t, URL: base, DB: db, Accounts: acc, Catalog: cat, Orders: ord, Index: idx,
		Images: media.NewProcessor(store, media.ProcessorOptions{}), Read: counted, dataDir: dir}
	if seed {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if _, err := demo.Seed(ctx, db, demo.UsersFrom(acc), nil); err != nil {
			t.Fatalf("seed demo data: %v", err)
		}
		a.syncIndex()
	}
	a.Notify = notify.New(db, notify.Options{})
	if a.Uploads, err = resumable.New(filepath.Join(dir, "tai-anh"), web.UploadsPath, resumable.Options{MaxSize: media.MaxUploadBytes}); err != nil {
		t.Fatal(err)
	}
	a.Referrers = referrers.NewService(db, nil)
	clock := func() time.Time {
		if t := a.now.Load(); t != nil {
			return *t
		}
		return time.Now()
	}
	w, err := web.New(web.Deps{Config: cfg, Accounts: acc, Catalog: cat, Orders: ord, Search: idx, Media: a.Images, Reports: reports.NewService(db), Privacy: privacy.NewService(db, acc), Notify: a.Notify,
		Addresses: addresses.NewService(db), Referrers: a.Referrers, Clock: clock, Uploads: a.Uploads})
	if err != nil {
		t.Fatal(err)
	}
	a.App = api.New(api.Deps{
		Config: cfg, DB: db, Accounts: acc, Catalog: cat, Orders: ord, Media: store, MediaFiles: disk,
		Notify: a.Notify, Referrers: a.Referrers, PublicCacheTTL: -1, Mount: []func(*fiber.App){w.Mount}, ErrorPage: w.ErrorPage,
	})
	go func() { _ = a.App.Listener(ln) }()
	t.Cleanup(func() { _ = a.App.ShutdownWithTimeout(5 * time.Second) })
	return a
}

// syncIndex does what the search outbox worker does after each commit: it
// drains the outbox into the index (indexsync.Syncer, as ganh serve runs it).
func (a *testApp) syncIndex() {
	a.t.Helper()
	if err := indexsync.NewSyncer(a.DB, a.Catalog, a.Index, indexsync.SyncOptions{}).Drain(context.Background()); err != nil {
		a.t.Fatal(err)
	}
}

// browser is an HTTP client with its own cookies that does not follow
// redirects, so tests see each answer.
type browser struct {
	t    testing.TB
	app  *testApp
	http *http.Client
}

func (a *testApp) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: a.t, app: a, http: &http.Client{
		Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// page is one answer.
type page struct {
	Status   int
	Body     string
	Location string
	Header   http.Header
}

func (b *browser) do(req *http.Request) page {
	b.t.Helper()
	res, err := b.http.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return page{Status: res.StatusCode, Body: string(body), Location: res.Header.Get("Location"), Header: res.Header}
}

func (b *browser) get(path string) page {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.app.URL+path, nil)
	return b.do(req)
}

// post sends a form; the CSRF token is added unless the form has one.
func (b *browser) post(path string, form url.Values) page {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["_csrf"]; !ok {
		form.Set("_csrf", b.csrf())
	}
	req, _ := http.NewRequest(http.MethodPost, b.app.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

var csrfPattern = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// csrf reads the token a page gives this browser's session.
func (b *browser) csrf() string {
	b.t.Helper()
	p := b.get("/dang-nhap?x=1")
	if p.Status == http.StatusSeeOther { // signed in: any page with a form
		p = b.get("/gio-hang")
		if m := csrfPattern.FindStringSubmatch(p.Body); m != nil {
			return m[1]
		}
		p = b.get("/")
	}
	m := csrfPattern.FindStringSubmatch(p.Body)
	if m == nil {
		b.t.Fatalf("no CSRF token on the page:\n%s", p.Body)
	}
	return m[1]
}

// login signs the browser in as a demo account.
func (b *browser) login(phone string) {
	b.t.Helper()
	p := b.post("/dang-nhap", url.Values{"phone": {phone}, "password": {demo.Password}})
	if p.Status != http.StatusSeeOther {
		b.t.Fatalf("login %s: status %d\n%s", phone, p.Status, p.Body)
	}
}

// Demo accounts (catalog/demo).
const (
	demoShopper = "+84900000001"
	demoSeller  = "+84900000002"
	demoStaff   = "+84900000003"
)

// setNow moves the pages' clock to t.
func (a *testApp) setNow(t time.Time) { a.now.Store(&t) }
