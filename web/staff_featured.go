package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// featuredRow is one curated entry as the form shows it.
type featuredRow struct {
	ID, Name, URL string
	Position      int
	Starts, Ends  string
	Note          string
	Status        string
}

// featuredData is the curation form.
type featuredData struct {
	Coops    []featuredRow
	Products []featuredRow
}

// staffFeatured shows both curated lists with their order and dates.
func (w *Web) staffFeatured(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	return w.renderFeatured(c, http.StatusOK, &view{})
}

func (w *Web) renderFeatured(c *fiber.Ctx, status int, v *view) error {
	ctx, a := c.UserContext(), httpx.Actor(c)
	in, err := w.d.Catalog.FeaturedEntries(ctx, a, "")
	if err != nil {
		return err
	}
	var d featuredData
	for i, e := range in.Coops {
		r := featuredRow{ID: e.CoopID, Position: i + 1, Starts: dateInput(e.StartsAt), Ends: lastDayInput(e.EndsAt), Note: e.Note, Name: e.CoopID}
		if co, err := w.d.Catalog.Coop(ctx, a, e.CoopID); err == nil {
			r.Name, r.URL, r.Status = co.Name, "/hop-tac-xa/"+co.Slug, tr("coop.status."+string(co.Status))
		}
		d.Coops = append(d.Coops, r)
	}
	for i, e := range in.Products {
		r := featuredRow{ID: e.ProductID, Position: i + 1, Starts: dateInput(e.StartsAt), Ends: lastDayInput(e.EndsAt), Note: e.Note, Name: e.ProductID}
		if p, err := w.d.Catalog.ProductByID(ctx, a, e.ProductID); err == nil {
			r.Name, r.URL, r.Status = p.Name+" — "+p.Coop.Name, "/san-pham/"+p.Slug, tr("product.status."+string(p.Status))
		}
		d.Products = append(d.Products, r)
	}
	v.Title, v.D = tr("staff.featured.title"), d
	return w.render(c, status, "staff_featured", v)
}

// postedEntry is one row of the posted curation form.
type postedEntry struct {
	id           string
	pos          int
	starts, ends *time.Time
	note         string
}

// readEntries reads the rows prefix_0_… to prefix_{n-1}_… of the form,
// leaving out those ticked for removal, in the order of their positions.
func readEntries(c *fiber.Ctx, prefix string, problems *[]string) []postedEntry {
	n, _ := strconv.Atoi(c.FormValue(prefix + "_n"))
	var out []postedEntry
	for i := range min(n, 300) {
		f := func(name string) string {
			return strings.TrimSpace(strings.Clone(c.FormValue(prefix + "_" + strconv.Itoa(i) + "_" + name)))
		}
		if f("remove") != "" || f("id") == "" {
			continue
		}
		e := postedEntry{id: f("id"), note: f("note")}
		e.pos, _ = strconv.Atoi(f("pos"))
		var err1, err2 error
		e.starts, err1 = parseDateInput(f("starts"))
		e.ends, err2 = endAfterLastDay(f("ends"))
		if err1 != nil || err2 != nil {
			*problems = append(*problems, tr("staff.featured.baddate"))
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out
}

// staffFeaturedSave replaces both curated lists from the form: positions
// give the order, a ticked box removes an entry, a slug adds one at the end.
func (w *Web) staffFeaturedSave(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	ctx, a := c.UserContext(), httpx.Actor(c)
	var problems []string
	in := catalog.FeaturedInput{Coops: []catalog.FeaturedCoop{}, Products: []catalog.FeaturedProduct{}}
	for _, e := range readEntries(c, "c", &problems) {
		in.Coops = append(in.Coops, catalog.FeaturedCoop{CoopID: e.id, StartsAt: e.starts, EndsAt: e.ends, Note: e.note})
	}
	for _, e := range readEntries(c, "p", &problems) {
		in.Products = append(in.Products, catalog.FeaturedProduct{ProductID: e.id, StartsAt: e.starts, EndsAt: e.ends, Note: e.note})
	}
	if slug := strings.TrimSpace(strings.Clone(c.FormValue("add_coop"))); slug != "" {
		co, err := w.d.Catalog.Coop(ctx, a, slug)
		if err != nil {
			problems = append(problems, tr("staff.featured.nocoop", slug))
		} else {
			in.Coops = append(in.Coops, catalog.FeaturedCoop{CoopID: co.ID})
		}
	}
	if slug := strings.TrimSpace(strings.Clone(c.FormValue("add_product"))); slug != "" {
		if i := strings.LastIndex(slug, "/san-pham/"); i >= 0 {
			slug = slug[i+len("/san-pham/"):]
		}
		p, err := w.d.Catalog.ProductBySlug(ctx, a, slug)
		if err != nil {
			problems = append(problems, tr("staff.featured.noproduct", slug))
		} else {
			in.Products = append(in.Products, catalog.FeaturedProduct{ProductID: p.ID})
		}
	}
	if len(problems) > 0 {
		return w.renderFeatured(c, http.StatusUnprocessableEntity, &view{ErrorList: problems})
	}
	if _, err := w.d.Catalog.SetFeatured(ctx, a, "", in); err != nil {
		e := apperr.As(err)
		if e == nil || (e.Kind != apperr.KindInvalid && e.Kind != apperr.KindConflict) {
			return err
		}
		list := []string{e.Message}
		for _, f := range e.Fields {
			list = append(list, f.Message)
		}
		return w.renderFeatured(c, http.StatusUnprocessableEntity, &view{ErrorList: list})
	}
	w.setFlash(c, "flash.saved")
	return seeOther(c, pathStaff+"/noi-bat")
}

// The catalog stores when a featured entry stops showing: the midnight
// after its last day, exclusive, so "ends_at > now" keeps it up all of that
// day. The form shows and takes the last day itself, as people say it.
// These two functions are the only conversions between the two, so a form
// saved unchanged keeps its dates.

// lastDayInput is the <input type="date"> value of the last day an entry
// that stops at ends is shown.
func lastDayInput(ends *time.Time) string {
	if ends == nil || ends.IsZero() {
		return ""
	}
	last := ends.Add(-time.Nanosecond)
	return dateInput(&last)
}

// endAfterLastDay reads the last day typed in the form as the moment the
// entry stops: the next midnight in Viet Nam. Empty gives nil.
func endAfterLastDay(s string) (*time.Time, error) {
	day, err := parseDateInput(s)
	if day == nil || err != nil {
		return day, err
	}
	end := day.In(vietnam).AddDate(0, 0, 1).UTC()
	return &end, nil
}
