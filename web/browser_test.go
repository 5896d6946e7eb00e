package web_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/media/mediatest"

	"github.com/chromedp/chromedp"
	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
)

// Browser journeys drive Debian's Chromium against the real app. Locally
// they skip when no Chromium is installed; in CI (CI=true) a missing
// browser fails the run, since there they must run.

// chromiumPath finds the browser: GANH_TEST_CHROMIUM, /usr/bin/chromium,
// or chromium in PATH.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("GANH_TEST_CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium not found, and browser journeys must run in CI: install Debian's chromium or set GANH_TEST_CHROMIUM")
	}
	t.Skip("browser journeys skipped: no Chromium found (apt-get install chromium, or set GANH_TEST_CHROMIUM)")
	return ""
}

// newChrome starts a headless Chromium with a fresh profile and a phone's
// viewport (390×844), for at most limit. When the test ends, it fails the
// test if a page broke the Content-Security-Policy or threw an exception.
func newChrome(t *testing.T, limit time.Duration) context.Context {
	t.Helper()
	ctx := newChromeUnwatched(t, limit)
	reported := watchConsole(ctx)
	t.Cleanup(func() { // runs before the browser closes (cleanups run last first)
		for _, m := range reported() {
			t.Errorf("the browser reported: %s", m)
		}
	})
	return ctx
}

// parallelJourneys holds the tests already marked parallel by newChrome.
var parallelJourneys sync.Map

// newChromeUnwatched is newChrome without the console check.
func newChromeUnwatched(t *testing.T, limit time.Duration) context.Context {
	t.Helper()
	// Journeys spend most of their time waiting on an emulated slow network,
	// not on the CPU: run them beside each other (up to -parallel at once),
	// which keeps the web suite inside CI's time. Once per test: a journey
	// may open a second browser.
	if _, again := parallelJourneys.LoadOrStore(t, true); !again {
		t.Parallel()
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "vi-VN"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(390, 844),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, limit*raceSlowdown)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// watchConsole collects what a page of ours must never make the browser
// report: a Content-Security-Policy violation (the policy is strict: an
// inline script or handler, or a resource from elsewhere, is refused) and
// an uncaught exception.
func watchConsole(ctx context.Context) func() []string {
	var (
		mu  sync.Mutex
		bad []string
	)
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || strings.Contains(m.Text, "Content Security Policy") || strings.Contains(m.Text, "Content-Security-Policy") {
				mu.Lock()
				bad = append(bad, m.String())
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), bad...)
	}
}

// shot saves a screenshot of the viewport under testdata/screenshots.
func shot(name string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		buf, err := chromedp.CaptureScreenshot()(ctx, tg)
		if err != nil {
			return chromedp.Void{}, err
		}
		dir := filepath.Join("testdata", "screenshots")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return chromedp.Void{}, err
		}
		return chromedp.Void{}, os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644)
	}
}

// run runs steps, failing the test with what the page showed.
func run(t *testing.T, ctx context.Context, step string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		failAt(t, ctx, step, err)
	}
}

// value runs one action that returns a value.
func value[T any](t *testing.T, ctx context.Context, step string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		failAt(t, ctx, step, err)
	}
	return v
}

func failAt(t *testing.T, ctx context.Context, step string, err error) {
	t.Helper()
	short, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(short, chromedp.Location())
	body, _ := chromedp.Run(short, chromedp.Text(chromedp.CSS("main")))
	t.Fatalf("%s: %v\nat %s\n%s", step, err, loc, body)
}

// noHorizontalScroll checks that the page fits the viewport's width (390
// px, or the 320 px a journey asks for).
func noHorizontalScroll(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	w := value(t, ctx, "measure width", chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
	if w[0] > w[1] {
		t.Errorf("%s is %d px wide in a %d px viewport: it scrolls sideways", where, w[0], w[1])
	}
}

var orderCode = regexp.MustCompile(`^GN-[0-9A-Z]+$`)

// Journey 1: a shopper searches "com chay", opens the product, adds items
// from two cooperatives, checks out with cash on delivery and sees both
// order codes.
func TestJourneyShopperBuysFromTwoCoops(t *testing.T) {
	ctx := newChrome(t, 3*time.Minute)
	a := newTestApp(t, true)

	run(t, ctx, "the featured cooperatives",
		chromedp.Navigate(a.URL+"/"),
		chromedp.ScrollIntoView(chromedp.CSS(".coops")),
		shot("journey1-0-home-coops"),
	)
	run(t, ctx, "search",
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "com chay"),
		chromedp.Submit(chromedp.ID("q")),
		chromedp.WaitVisible(chromedp.CSS(".grid .card")),
		shot("journey1-1-search"),
	)
	noHorizontalScroll(t, ctx, "the search page")
	run(t, ctx, "open the product",
		chromedp.Click(chromedp.CSS(".grid .card a")),
		chromedp.WaitVisible(chromedp.CSS("form.buy button.primary")),
		shot("journey1-2-product"),
	)
	title := value(t, ctx, "read the title", chromedp.Text(chromedp.CSS("h1")))
	if !strings.Contains(strings.ToLower(title), "cơm cháy") {
		t.Errorf("the first result for \"com chay\" is %q", title)
	}
	noHorizontalScroll(t, ctx, "the product page")
	run(t, ctx, "add the first item",
		chromedp.Click(chromedp.CSS("form.buy button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".cartlines")),
	)
	run(t, ctx, "add an item of another cooperative",
		chromedp.Navigate(a.URL+"/tim-kiem?q=chieu+coi"),
		chromedp.WaitVisible(chromedp.CSS(".grid .card")),
		chromedp.Click(chromedp.CSS(".grid .card a")),
		chromedp.WaitVisible(chromedp.CSS("form.buy button.primary")),
		chromedp.Click(chromedp.CSS("form.buy button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".cartlines")),
		shot("journey1-3-cart"),
	)
	if n := value(t, ctx, "count the cart's cooperatives", chromedp.Evaluate[int](`document.querySelectorAll("section.group").length`)); n != 2 {
		t.Fatalf("the cart shows %d cooperatives, want 2", n)
	}
	noHorizontalScroll(t, ctx, "the cart")
	run(t, ctx, "fill in the checkout form",
		chromedp.Click(chromedp.CSS("a.btn.primary[href='/thanh-toan']")),
		chromedp.WaitVisible(chromedp.ID("name")),
		chromedp.SendKeys(chromedp.ID("name"), "Trần Thị Hoa"),
		chromedp.SendKeys(chromedp.ID("phone"), "0912 345 678"),
		chromedp.SetValue(chromedp.ID("province"), "ninh-binh"),
		chromedp.SendKeys(chromedp.ID("commune"), "Phường Hoa Lư"),
		chromedp.SendKeys(chromedp.ID("street"), "Số 5 ngõ 12 đường Lê Hồng Phong"),
		shot("journey1-4-checkout"),
	)
	run(t, ctx, "place the orders",
		chromedp.Click(chromedp.CSS("form button.primary[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("[data-order-code]")),
		shot("journey1-5-placed"),
	)
	codes := value(t, ctx, "read the order codes", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("[data-order-code]")).map(e => e.textContent.trim())`))
	if len(codes) != 2 || !orderCode.MatchString(codes[0]) || !orderCode.MatchString(codes[1]) || codes[0] == codes[1] {
		t.Fatalf("order codes shown: %q", codes)
	}
	if n := value(t, ctx, "the cart is empty now", chromedp.Evaluate[int](`document.querySelectorAll(".badge").length`)); n != 0 {
		t.Error("the cart badge still shows after checkout")
	}
}

// writeJPEG makes a phone-like photo to upload.
func writeJPEG(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "com-chay-la-sen.jpg")
	if err := os.WriteFile(p, mediatest.Photo(t, 1600, 1200, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// login signs in through the form and waits for sel on the landing page.
func login(t *testing.T, ctx context.Context, a *testApp, phone, sel string) {
	t.Helper()
	run(t, ctx, "sign in as "+phone,
		chromedp.Navigate(a.URL+"/dang-nhap"),
		chromedp.WaitVisible(chromedp.ID("phone")),
		chromedp.SendKeys(chromedp.ID("phone"), phone),
		chromedp.SendKeys(chromedp.ID("password"), "ganh-demo-2025"),
		chromedp.Click(chromedp.CSS("form button.primary")),
		chromedp.WaitVisible(chromedp.CSS(sel)),
	)
}

// Journey 2: a seller creates a product with a photo from the phone and
// finds it in search.
func TestJourneySellerAddsProductWithPhoto(t *testing.T) {
	ctx := newChrome(t, 3*time.Minute)
	a := newTestApp(t, true)
	photo := writeJPEG(t)

	login(t, ctx, a, "0900000002", "a[href$='/san-pham/moi']")
	run(t, ctx, "fill in a new product",
		chromedp.Click(chromedp.CSS("a[href$='/san-pham/moi']")),
		chromedp.WaitVisible(chromedp.ID("name")),
		chromedp.SendKeys(chromedp.ID("name"), "Cơm cháy lá sen Tràng An"),
		chromedp.SetValue(chromedp.ID("category"), "dac-san-kho"),
		chromedp.SendKeys(chromedp.ID("description"), "Cơm cháy gói lá sen, giòn thơm, làm trong ngày."),
		chromedp.SetValue(chromedp.ID("variant_name"), "Gói 300 g"),
		chromedp.SendKeys(chromedp.ID("variant_price_vnd"), "45.000"),
		chromedp.SetValue(chromedp.ID("variant_stock"), "30"),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{photo}),
		chromedp.WaitVisible(chromedp.CSS("img.preview")),
		chromedp.ScrollIntoView(chromedp.ID("file")),
		shot("journey2-1-new-product"),
	)
	run(t, ctx, "create it",
		chromedp.Click(chromedp.CSS("form button.primary[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".photos img")),
		shot("journey2-2-created"),
	)
	run(t, ctx, "“Xoá ảnh” asks first",
		chromedp.Click(chromedp.CSS(".photos summary")),
		chromedp.WaitVisible(chromedp.CSS(".photos details[open] button[type=submit]")),
		shot("journey2-2b-remove-asks"),
	)
	src := value(t, ctx, "read the photo", chromedp.AttributeValue(chromedp.CSS(".photos img"), "srcset"))
	if !strings.Contains(src.Value, "thumb.webp") || !strings.Contains(src.Value, "medium.webp") {
		t.Errorf("photo srcset: %q", src.Value)
	}

	a.syncIndex() // what the outbox worker does after the commit
	run(t, ctx, "find it in search",
		chromedp.Navigate(a.URL+"/tim-kiem?q=com+chay+la+sen"),
		chromedp.WaitVisible(chromedp.CSS(".grid .card img")),
		chromedp.Poll[chromedp.Void](`(() => { const i = document.querySelector(".grid .card img"); return i && i.complete && i.naturalWidth > 0 })()`),
		shot("journey2-3-search"),
	)
	names := value(t, ctx, "read the results", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".grid .card .name")).map(e => e.textContent)`))
	if len(names) == 0 || names[0] != "Cơm cháy lá sen Tràng An" {
		t.Fatalf("search for the new product shows %q", names)
	}
	w := value(t, ctx, "measure the photo", chromedp.Evaluate[int](`document.querySelector(".grid .card img").naturalWidth`))
	if w == 0 || w > 400 {
		t.Errorf("the result shows a %d px wide image, want the ≤400 px thumbnail", w)
	}
}

// Journey 3: a Hội staff member approves a pending cooperative.
func TestJourneyStaffApprovesCoop(t *testing.T) {
	ctx := newChrome(t, 3*time.Minute)
	a := newTestApp(t, true)
	bg := context.Background()
	applicant, err := a.Accounts.Register(bg, accounts.RegisterInput{Phone: "0988111222", Password: "mat-khau-hop-tac-xa", Name: "Lường Thị Mai"}, "")
	if err != nil {
		t.Fatal(err)
	}
	co, err := a.Catalog.ApplyForCoop(bg, accounts.CallerOf(applicant.User), catalog.CoopInput{
		Name: "Hợp tác xã Khăn piêu Mường La", Kind: catalog.KindHopTacXa, Province: "son-la", Commune: "Xã Mường La",
		Description: "Khăn piêu thêu tay của chị em dân tộc Thái.", Phone: "0988111222", ShippingFeeVND: 30000,
	})
	if err != nil {
		t.Fatal(err)
	}

	login(t, ctx, a, "0900000003", "a[href='/quan-tri/hop-tac-xa']")
	sel := fmt.Sprintf("li[data-coop=%q]", co.Slug)
	run(t, ctx, "open the pending applications",
		chromedp.Click(chromedp.CSS("a[href='/quan-tri/hop-tac-xa']")),
		chromedp.WaitVisible(chromedp.CSS(sel)),
		chromedp.ScrollIntoView(chromedp.CSS(sel)),
		shot("journey3-1-pending"),
	)
	noHorizontalScroll(t, ctx, "the staff console")
	run(t, ctx, "approve",
		chromedp.Click(chromedp.CSS(sel+" button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		shot("journey3-2-approved"),
	)
	if flash := value(t, ctx, "read the message", chromedp.Text(chromedp.CSS(".flash"))); !strings.Contains(flash, "Đã duyệt") {
		t.Errorf("flash after approving: %q", flash)
	}
	got, err := a.Catalog.Coop(bg, kernel.Anonymous, co.Slug)
	if err != nil || got.Status != catalog.CoopApproved {
		t.Fatalf("the coop after approval: %+v, %v", got, err)
	}
	run(t, ctx, "the shop is public now",
		chromedp.Navigate(a.URL+"/hop-tac-xa/"+co.Slug),
		chromedp.WaitVisible(chromedp.CSS("h1")),
		shot("journey3-3-public"),
	)
}
