package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/web/i18n"
	"github.com/gofiber/fiber/v2"
)

//go:embed templates/*.html
var templateFS embed.FS

// pages is every page's template in one set (loadPages): the layout, the
// partials, and each page's part under the page's name.
type pages struct {
	set   *template.Template
	names map[string]bool
}

// view is what every page template receives: the frame (user, CSRF token,
// cart count, flash, steward banner) and the page's own data in D.
type view struct {
	Title     string
	User      *accounts.User
	CSRF      string
	CartCount int
	// Unread is the bell's figure: the person's unread notifications.
	Unread int64
	Flash  string
	// Steward names the coop whose shop a Hội staff member is running; the
	// layout then shows "Bạn đang quản lý gian hàng của …".
	Steward string
	// StaffOf names whom a staff member acts for on the console's pages:
	// "Hội LHPN tỉnh Ninh Bình", or the national Hội (staff_province.go).
	StaffOf string
	// Share is a shareable page's Open Graph tags and share button
	// (share.go); nil on other pages.
	Share *sharePage
	Path  string
	Query string
	// Errors are validation messages by form field; ErrorList those that
	// name no field shown on the form. render turns both into the error
	// summary (Summary) and ties each field to its message (form_summary.go).
	Errors    map[string]string
	ErrorList []string
	Summary   []summaryItem
	// Form echoes what the person typed, so a failed form keeps it.
	Form map[string]string
	D    any
	// Content is the page's own part, rendered before the layout.
	Content template.HTML
	asset   func(string) string
}

// Asset is the versioned URL of an embedded asset, for the layout.
func (v *view) Asset(name string) string { return v.asset(name) }

// F returns the echoed value of a form field.
func (v *view) F(name string) string { return v.Form[name] }

// E returns the validation message of a form field.
func (v *view) E(name string) string { return v.Errors[name] }

// Val is the value a field shows: what was typed, when the form came back,
// or else stored (the value saved before).
func (v *view) Val(name string, stored any) string {
	if s, ok := v.Form[name]; ok {
		return s
	}
	return fmt.Sprint(stored)
}

// loadPages parses the layout and the partials once, and every page's file
// into the same set: a page's "content" (and "document") takes the page's
// name, its other definitions keep theirs and must not clash with another
// file's. One set holds one parsed (and, once used, escaped) copy of the
// layout and partials: a set per page held 42 copies, 8.7 MiB of parse
// trees against 1 MiB, and took four times as long to parse.
//
// The set's templates are then escaped, and their catalogue texts without
// arguments and the URLs of assets (assetURL) folded into template text
// (foldConstants).
func loadPages(fsys fs.FS, assetURL func(name string) (string, bool)) (*pages, error) {
	p, err := parsePages(fsys)
	if err != nil {
		return nil, err
	}
	if _, err := foldConstants(p.set, assetURL); err != nil {
		return nil, err
	}
	return p, nil
}

// parsePages is loadPages before the set is escaped and folded.
func parsePages(fsys fs.FS) (*pages, error) {
	set, err := template.New("layout").Funcs(funcs).ParseFS(fsys, "templates/layout.html", "templates/_*.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse the layout and partials: %w", err)
	}
	files, err := fs.Glob(fsys, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{set: set, names: map[string]bool{}}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "templates/"), ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue
		}
		file := path.Base(f)
		page, err := template.New(file).Funcs(funcs).ParseFS(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", f, err)
		}
		for _, t := range page.Templates() {
			if t.Name() == file {
				continue // the file's top level, outside its definitions
			}
			as := t.Name()
			switch as {
			case "content":
				as = name
			case "document":
				as = documentOf(name)
			}
			if set.Lookup(as) != nil {
				return nil, fmt.Errorf("web: %s defines %q, which another template file defines too", f, t.Name())
			}
			if _, err := set.AddParseTree(as, t.Tree); err != nil {
				return nil, fmt.Errorf("web: %s: %w", f, err)
			}
		}
		if set.Lookup(name) == nil {
			return nil, fmt.Errorf("web: %s defines no \"content\"", f)
		}
		p.names[name] = true
	}
	return p, nil
}

// documentOf names the whole-document template of a page in the set.
func documentOf(page string) string { return page + "/document" }

// render writes a page with status. v.Title is a catalogue key or text.
func (w *Web) render(c *fiber.Ctx, status int, name string, v *view) error {
	t, err := w.framed(c, name, v)
	if err != nil {
		return err
	}
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(buf)
	if err := t.ExecuteTemplate(buf, name, v); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	// The page's part is escaped by html/template; the layout shows it as is.
	content, summary := markInvalid(buf.String(), v.Errors, v.ErrorList)
	v.Content, v.Summary = template.HTML(content), summary
	buf.Reset()
	if err := t.ExecuteTemplate(buf, "layout", v); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	return w.sendPage(c, status, buf.Bytes())
}

// pageBuffers keep the buffers pages are rendered into: a product page is
// about 20 KB, and growing a fresh buffer to that on every request was a
// seventh of the page's CPU (zeroing new memory).
var pageBuffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 32<<10)) }}

// putPageBuffer returns buf to the pool unless one page made it very large.
func putPageBuffer(buf *bytes.Buffer) {
	if buf.Cap() > 1<<20 {
		return
	}
	buf.Reset()
	pageBuffers.Put(buf)
}

// renderDocument renders a page whose template is a whole document
// ("document") instead of a part of the layout, with the headers of render.
func (w *Web) renderDocument(c *fiber.Ctx, status int, name string, v *view) error {
	t, err := w.framed(c, name, v)
	if err != nil {
		return err
	}
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(buf)
	if err := t.ExecuteTemplate(buf, documentOf(name), v); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	return w.sendPage(c, status, buf.Bytes())
}

// framed is the set of page templates, with the view's common parts filled.
func (w *Web) framed(c *fiber.Ctx, name string, v *view) (*template.Template, error) {
	if !w.pages.names[name] {
		return nil, fmt.Errorf("web: no template %q", name)
	}
	w.frame(c, v)
	return w.pages.set, nil
}

// sendPage writes a rendered page with the headers every page carries.
func (w *Web) sendPage(c *fiber.Ctx, status int, page []byte) error {
	c.Status(status)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	c.Set("Content-Language", "vi")
	c.Set(fiber.HeaderContentSecurityPolicy, w.csp)
	// A copy: page may be a pooled buffer, reused once the handler returns
	// (Send would keep the slice itself as the body).
	c.Response().SetBody(page)
	return nil
}

// frame fills the parts of a view every page shows.
func (w *Web) frame(c *fiber.Ctx, v *view) {
	v.User = httpx.CurrentUser(c)
	v.CSRF = w.csrfToken(c)
	v.CartCount = readCart(c).count()
	v.Unread = w.unreadCount(c)
	v.Path = strings.Clone(c.Path())
	v.asset = w.assets.url
	if v.Flash == "" {
		v.Flash = takeFlash(c)
	}
	if v.Errors == nil {
		v.Errors = map[string]string{}
	}
	if v.Form == nil {
		v.Form = map[string]string{}
	}
	if s, ok := c.Locals(localSteward).(string); ok && v.Steward == "" {
		v.Steward = s
	}
	if v.User.IsStaff() && strings.HasPrefix(v.Path, pathStaff) {
		v.StaffOf = staffOf(v.User)
	}
}

// funcs are the helpers templates may call.
var funcs = template.FuncMap{
	"T":         i18n.T,
	"vnd":       formatVND,
	"count":     formatCount,
	"date":      formatDate,
	"datetime":  formatDateTime,
	"dateIn":    dateInput,
	"srcset":    srcset,
	"province":  provinceName,
	"stars":     func(n int) string { return strings.Repeat("★", n) },
	"add":       func(a, b int) int { return a + b },
	"sub":       func(a, b int) int { return a - b },
	"list":      func(v ...any) []any { return v },
	"sub64":     func(a, b int64) int64 { return a - b },
	"deref":     func(p *int64) int64 { return derefInt(p) },
	"deref1":    func(p *string) string { return derefString(p) },
	"itoa":      strconv.Itoa,
	"i64":       func(n int64) string { return strconv.FormatInt(n, 10) },
	"rating":    func(f float64) string { return strings.Replace(strconv.FormatFloat(f, 'f', 1, 64), ".", ",", 1) },
	"join":      strings.Join,
	"now":       time.Now,
	"provinces": catalog.Provinces,
	// privacyVersion is the privacy notice a registration accepts.
	"privacyVersion": func() string { return accounts.PrivacyNoticeVersion },
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
}

func derefString(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func derefInt(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// provinceName is the name of a province slug, or the slug itself.
func provinceName(slug string) string {
	if p, ok := catalog.ProvinceBySlug(slug); ok {
		return p.Name
	}
	return slug
}

// tr is the catalogue text of key, for handlers.
var tr = i18n.T
