package web

import (
	"net/http"
	"net/url"
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

// featuredData is the curation form of one province's lists ("" for the
// national ones), with the desk's search results to add from.
type featuredData struct {
	Coops    []featuredRow
	Products []featuredRow
	Province string
	// ListName is the lists' name: a province's, or the national one.
	ListName string
	// National says whether the viewer may open every province's lists.
	National bool
	Q        string
	Finds    *catalog.DeskFinds
}

// staffFeatured shows both curated lists of a province (?tinh=; a scoped
// staff member's own by default, the national ones for the others) with
// their order and dates, and what ?tim= finds to add.
func (w *Web) staffFeatured(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	return w.renderFeatured(c, http.StatusOK, &view{}, featuredProvince(c, c.Query("tinh")))
}

// featuredProvince is the province whose lists the page edits: the one
// asked for, or the staff member's own ("" for staff of every province).
// Whether she may is the catalog's answer.
func featuredProvince(c *fiber.Ctx, asked string) string {
	if asked = strings.TrimSpace(strings.Clone(asked)); asked != "" {
		return asked
	}
	return httpx.Actor(c).Province
}

// featuredPath is the editor's address for province's lists.
func featuredPath(province string) string {
	if province == "" {
		return pathStaff + "/noi-bat"
	}
	return pathStaff + "/noi-bat?tinh=" + url.QueryEscape(province)
}

func (w *Web) renderFeatured(c *fiber.Ctx, status int, v *view, province string) error {
	ctx, a := c.UserContext(), httpx.Actor(c)
	in, err := w.d.Catalog.FeaturedEntries(ctx, a, province)
	if err != nil {
		return err
	}
	d := featuredData{Province: province, ListName: tr("staff.featured.list.national"), National: a.Province == "", Q: queryText(c, "tim")}
	if province != "" {
		d.ListName = provinceName(province)
	}
	if d.Q != "" {
		if d.Finds, err = w.d.Catalog.StaffSearch(ctx, a, d.Q); err != nil {
			return err
		}
	}
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
	if v.Form == nil {
		v.Form = map[string]string{"tim": d.Q}
	}
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

// staffFeaturedSave replaces both curated lists of the form's province
// from the form: positions give the order, a ticked box removes an entry.
// Entries are added from the search results (staffFeaturedAdd).
func (w *Web) staffFeaturedSave(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	ctx, a := c.UserContext(), httpx.Actor(c)
	province := featuredProvince(c, c.FormValue("tinh"))
	var problems []string
	in := catalog.FeaturedInput{Coops: []catalog.FeaturedCoop{}, Products: []catalog.FeaturedProduct{}}
	for _, e := range readEntries(c, "c", &problems) {
		in.Coops = append(in.Coops, catalog.FeaturedCoop{CoopID: e.id, StartsAt: e.starts, EndsAt: e.ends, Note: e.note})
	}
	for _, e := range readEntries(c, "p", &problems) {
		in.Products = append(in.Products, catalog.FeaturedProduct{ProductID: e.id, StartsAt: e.starts, EndsAt: e.ends, Note: e.note})
	}
	if len(problems) > 0 {
		return w.renderFeatured(c, http.StatusUnprocessableEntity, &view{ErrorList: problems}, province)
	}
	if _, err := w.d.Catalog.SetFeatured(ctx, a, province, in); err != nil {
		return w.featuredRefused(c, err, province)
	}
	w.setFlash(c, "flash.saved")
	return seeOther(c, featuredPath(province))
}

// featuredRefused shows the form again with what the catalog refused in
// the input; any other error goes to the error pages (404 for another
// province's list).
func (w *Web) featuredRefused(c *fiber.Ctx, err error, province string) error {
	e := apperr.As(err)
	if e == nil || (e.Kind != apperr.KindInvalid && e.Kind != apperr.KindConflict) {
		return err
	}
	list := []string{e.Message}
	for _, f := range e.Fields {
		list = append(list, f.Message)
	}
	return w.renderFeatured(c, http.StatusUnprocessableEntity, &view{ErrorList: list}, province)
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
