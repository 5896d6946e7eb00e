package web_test

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/media/mediatest"
	_ "golang.org/x/image/webp"
)

// Chrome's "Regular 3G" profile: 750 kb/s down, 250 kb/s up, 100 ms.
const (
	uplink3G   = 250_000 / 8
	downlink3G = 750_000 / 8
	latency3G  = 100
)

// throttle emulates the "Regular 3G" network on every request of the page.
func throttle(up float64) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, _ *chromedp.Target) (chromedp.Void, error) {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return chromedp.Void{}, err
		}
		_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Latency: latency3G, DownloadThroughput: downlink3G, UploadThroughput: up}},
		})
		return chromedp.Void{}, err
	}
}

// loginAt signs in through the form of the app at base (the app, or a
// proxy in front of it) and waits for sel on the landing page.
func loginAt(t *testing.T, ctx context.Context, base, phone, sel string) {
	t.Helper()
	run(t, ctx, "sign in as "+phone,
		chromedp.Navigate(base+"/dang-nhap"),
		chromedp.WaitVisible(chromedp.ID("phone")),
		chromedp.SendKeys(chromedp.ID("phone"), phone),
		chromedp.SendKeys(chromedp.ID("password"), "ganh-demo-2025"),
		chromedp.Click(chromedp.CSS("form button.primary")),
		chromedp.WaitVisible(chromedp.CSS(sel)),
	)
}

// phonePhoto writes a 12 MP camera JPEG (4000×3000) whose EXIF says
// "turn 90° clockwise" (orientation 6) and carries a GPS position.
func phonePhoto(t *testing.T) (path string, size int) {
	t.Helper()
	jpg := mediatest.WithExif(t, mediatest.Photo(t, 4000, 3000, 12), 6)
	path = filepath.Join(t.TempDir(), "IMG_20251204_101500.jpg")
	if err := os.WriteFile(path, jpg, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, len(jpg)
}

// cutProxy stands between the browser and the app, counts the bytes the
// browser sends, and can drop every connection once (a phone losing its
// signal): then it refuses connections for a moment.
type cutProxy struct {
	URL    string
	sent   atomic.Int64
	cutAt  atomic.Int64 // cut once sent reaches this; 0: never
	downTo atomic.Int64 // unix nanos until which new connections are refused
	mu     sync.Mutex
	conns  map[net.Conn]bool
	cuts   atomic.Int32
	down   atomic.Bool // refuse every connection: no network at all
}

// setDown takes the network away (every connection dropped, new ones
// refused) or gives it back.
func (p *cutProxy) setDown(down bool) {
	p.down.Store(down)
	if down {
		p.closeAll()
	}
}

func newCutProxy(t *testing.T, target string) *cutProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{URL: "http://" + ln.Addr().String(), conns: map[net.Conn]bool{}}
	t.Cleanup(func() { _ = ln.Close(); p.closeAll() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if p.down.Load() || time.Now().UnixNano() < p.downTo.Load() {
				_ = c.Close()
				continue
			}
			go p.serve(c, strings.TrimPrefix(target, "http://"))
		}
	}()
	return p
}

func (p *cutProxy) track(cs ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range cs {
		p.conns[c] = true
	}
}

func (p *cutProxy) closeAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		_ = c.Close()
	}
	clear(p.conns)
}

func (p *cutProxy) serve(down net.Conn, target string) {
	up, err := net.Dial("tcp", target)
	if err != nil {
		_ = down.Close()
		return
	}
	p.track(down, up)
	go func() { _, _ = io.Copy(down, up); _ = down.Close() }()
	buf := make([]byte, 16<<10)
	for {
		n, err := down.Read(buf)
		if n > 0 {
			total := p.sent.Add(int64(n))
			if at := p.cutAt.Load(); at > 0 && total >= at && p.cutAt.CompareAndSwap(at, 0) {
				p.cuts.Add(1)
				p.downTo.Store(time.Now().Add(2 * time.Second).UnixNano())
				p.closeAll()
				return
			}
			if _, werr := up.Write(buf[:n]); werr != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	_ = up.Close()
}

// uploadPhoto chooses the photo on the product form at the page and waits
// until upload.js says it has arrived, returning the bytes it sent (the
// shrunk photo) and how long that took. meanwhile runs once the shrunk
// photo's size is known, while it is being sent.
func uploadPhoto(t *testing.T, ctx context.Context, photo string, meanwhile func(size int64)) (int64, time.Duration) {
	t.Helper()
	start := time.Now()
	run(t, ctx, "choose the photo", chromedp.SetUploadFiles(chromedp.ID("file"), []string{photo}))
	run(t, ctx, "shrink it", chromedp.Poll[chromedp.Void](`document.querySelector("form[data-upload-bytes]") !== null`, chromedp.WithPollingTimeout(60*time.Second)))
	size, err := strconv.ParseInt(value(t, ctx, "read the size", chromedp.Evaluate[string](`document.querySelector("form[data-upload-bytes]").getAttribute("data-upload-bytes")`)), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	if meanwhile != nil {
		meanwhile(size)
	}
	run(t, ctx, "wait for “uploaded”", chromedp.Poll[chromedp.Void](`document.querySelector("input[name=upload]").value !== ""`, chromedp.WithPollingTimeout(150*time.Second)))
	return size, time.Since(start)
}

// submitProduct creates the product and waits, at most a minute and a
// half, for its page with the photo: a failed attach shows the page
// without it, and the test fails with what the page says.
func submitProduct(t *testing.T, ctx context.Context, a *testApp, name string) {
	t.Helper()
	id := value(t, ctx, "read the upload id", chromedp.Evaluate[string](`document.querySelector("input[name=upload]").value`))
	if info, err := a.Uploads.Info(context.Background(), id); err != nil || !info.Done() {
		t.Fatalf("the upload the form names: %+v, %v", info, err)
	}
	short, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	if err := chromedp.Do(short,
		chromedp.Click(chromedp.CSS("form button.primary[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".photos img")),
		shot(name),
	); err != nil {
		failAt(t, ctx, "create the product", err)
	}
}

// storedLarge fetches the large variant of the product's newest photo.
func storedLarge(t *testing.T, a *testApp, productID string) []byte {
	t.Helper()
	p, err := a.Catalog.ProductByID(context.Background(), kernel.Anonymous, productID)
	if err != nil || len(p.Images) == 0 {
		t.Fatalf("the product's photos: %v (%d)", err, len(p.Images))
	}
	res, err := http.Get(p.Images[len(p.Images)-1].Variants.Large)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return b
}

// checkUprightClean fails unless the stored photo is portrait (the EXIF
// turn applied) and carries no EXIF and no GPS bytes.
func checkUprightClean(t *testing.T, stored []byte) {
	t.Helper()
	cfg, _, err := image.DecodeConfig(bytes.NewReader(stored))
	if err != nil {
		t.Fatalf("decode the stored photo: %v", err)
	}
	if cfg.Height <= cfg.Width {
		t.Errorf("stored photo is %d×%d: not turned upright (EXIF orientation 6 makes a 4000×3000 photo portrait)", cfg.Width, cfg.Height)
	}
	for _, leak := range [][]byte{[]byte("Exif"), []byte("EXIF"), mediatest.GPSLatitude, mediatest.GPSLongitude} {
		if bytes.Contains(stored, leak) {
			t.Errorf("the stored photo still carries %q", leak)
		}
	}
}

// newProductID reads the product id from the edit page's address.
func newProductID(t *testing.T, ctx context.Context) string {
	t.Helper()
	loc := value(t, ctx, "read the location", chromedp.Evaluate[string](`location.pathname`))
	return loc[strings.LastIndex(loc, "/")+1:]
}

// TestJourneySellerPhotoOnSlowUplink: on "Regular 3G" (250 kb/s up) a
// seller chooses a 12 MP phone photo (EXIF orientation 6, GPS), keeps
// typing while it goes ahead, and creates the product: the product page
// shows it upright, and the stored photo has no EXIF.
func TestJourneySellerPhotoOnSlowUplink(t *testing.T) {
	ctx := newChrome(t, 4*time.Minute)
	a := newTestApp(t, true)
	proxy := newCutProxy(t, a.URL)
	photo, original := phonePhoto(t)

	loginAt(t, ctx, proxy.URL, "0900000002", "a[href$='/san-pham/moi']")
	run(t, ctx, "open the new-product form on 3G",
		throttle(uplink3G),
		chromedp.Click(chromedp.CSS("a[href$='/san-pham/moi']")),
		chromedp.WaitVisible(chromedp.ID("name")),
		chromedp.SendKeys(chromedp.ID("name"), "Cơm cháy chà bông Hoa Lư"),
		chromedp.SetValue(chromedp.ID("category"), "dac-san-kho"),
		chromedp.SendKeys(chromedp.ID("variant_price_vnd"), "55.000"),
	)
	before := proxy.sent.Load()
	sent, took := uploadPhoto(t, ctx, photo, func(int64) {
		run(t, ctx, "keep typing while it goes",
			chromedp.SendKeys(chromedp.ID("description"), "Cơm cháy giòn, chà bông heo làm tại nhà."),
			chromedp.ScrollIntoView(chromedp.ID("file")),
			shot("photo-1-uploading"),
		)
	})
	wire := proxy.sent.Load() - before
	t.Logf("12 MP photo: %d B on the phone → %d B sent (%d B on the wire with headers), “uploaded” after %.1f s at 250 kb/s",
		original, sent, wire, took.Seconds())
	if sent > int64(original)/3 {
		t.Errorf("the page sent %d of the photo's %d bytes: not shrunk", sent, original)
	}
	run(t, ctx, "the photo has arrived", shot("photo-2-uploaded"))
	submitProduct(t, ctx, a, "photo-2b-created")
	id := newProductID(t, ctx)
	desc := value(t, ctx, "read the description", chromedp.Evaluate[string](`document.getElementById("description").value`))
	if !strings.Contains(desc, "chà bông") {
		t.Errorf("what she typed while the photo went: %q", desc)
	}
	p, err := a.Catalog.ProductByID(context.Background(), kernel.Anonymous, id)
	if err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "the product page shows it upright",
		chromedp.Navigate(proxy.URL+"/san-pham/"+p.Slug),
		chromedp.Poll[chromedp.Void](`(() => { const i = document.querySelector("main img"); return i && i.complete && i.naturalWidth > 0 })()`, chromedp.WithPollingTimeout(60*time.Second)),
		shot("photo-3-product"),
	)
	dims := value(t, ctx, "measure the photo", chromedp.Evaluate[[]int](`(() => { const i = document.querySelector("main img"); return [i.naturalWidth, i.naturalHeight] })()`))
	if dims[1] <= dims[0] {
		t.Errorf("the product page shows a %d×%d photo: not upright", dims[0], dims[1])
	}
	checkUprightClean(t, storedLarge(t, a, id))
}

// TestJourneySellerPhotoResumesAfterDrop: the connection drops halfway
// through the photo (the test's proxy cuts it and refuses connections for
// two seconds); upload.js asks how much arrived and sends only the rest.
func TestJourneySellerPhotoResumesAfterDrop(t *testing.T) {
	ctx := newChrome(t, 4*time.Minute)
	a := newTestApp(t, true)
	proxy := newCutProxy(t, a.URL)
	photo, _ := phonePhoto(t)

	loginAt(t, ctx, proxy.URL, "0900000002", "a[href$='/san-pham/moi']")
	run(t, ctx, "open the new-product form on 3G",
		throttle(uplink3G),
		chromedp.Click(chromedp.CSS("a[href$='/san-pham/moi']")),
		chromedp.WaitVisible(chromedp.ID("name")),
		chromedp.SendKeys(chromedp.ID("name"), "Mắm tép chưng thịt"),
		chromedp.SetValue(chromedp.ID("category"), "dac-san-kho"),
		chromedp.SendKeys(chromedp.ID("variant_price_vnd"), "65000"),
	)
	var before int64
	sent, took := uploadPhoto(t, ctx, photo, func(size int64) {
		before = proxy.sent.Load()
		proxy.cutAt.Store(before + size/2)
	})
	wire := proxy.sent.Load() - before
	t.Logf("resumed upload: %d B photo, %d B sent by the browser in all, %d cut(s), %.1f s", sent, wire, proxy.cuts.Load(), took.Seconds())
	if proxy.cuts.Load() != 1 {
		t.Fatalf("the connection was cut %d times, want 1", proxy.cuts.Load())
	}
	if float64(wire) >= 1.2*float64(sent) {
		t.Errorf("the browser sent %d bytes for a %d byte photo: it re-sent what had arrived", wire, sent)
	}
	submitProduct(t, ctx, a, "photo-4-resumed")
	checkUprightClean(t, storedLarge(t, a, newProductID(t, ctx)))
}

// TestJourneySellerAddsPhotoToProduct: on a product's page, the photo
// goes ahead as soon as she chooses it; "Tải ảnh lên" then adds it.
func TestJourneySellerAddsPhotoToProduct(t *testing.T) {
	ctx := newChrome(t, 3*time.Minute)
	a := newTestApp(t, true)
	mine := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	photo := writeJPEG(t)

	login(t, ctx, a, "0900000002", "a[href$='/san-pham/moi']")
	run(t, ctx, "open the product", chromedp.Navigate(a.URL+"/ban-hang/hop-tac-xa-com-chay-hoa-lu/san-pham/"+mine.ID), chromedp.WaitVisible(chromedp.ID("file")))
	n := value(t, ctx, "count the photos", chromedp.Evaluate[int](`document.querySelectorAll(".photos img").length`))
	uploadPhoto(t, ctx, photo, nil)
	run(t, ctx, "add it",
		chromedp.ScrollIntoView(chromedp.ID("file")),
		shot("photo-5-edit-uploaded"),
		chromedp.Click(chromedp.CSS("form[action$='/anh'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if got := value(t, ctx, "count the photos", chromedp.Evaluate[int](`document.querySelectorAll(".photos img").length`)); got != n+1 {
		t.Fatalf("the product shows %d photos, want %d", got, n+1)
	}
	if left, _ := os.ReadDir(filepath.Join(a.dataDir, "tai-anh")); len(left) != 0 {
		t.Errorf("%d files left in the uploads folder after attaching", len(left))
	}
}
