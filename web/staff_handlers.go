package web

import (
	"cmp"
	"net/http"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/kernel"
	"github.com/gofiber/fiber/v2"
)

// staffHomeData is the console's front page.
type staffHomeData struct {
	Pending []catalog.Coop
	Counts  []facet
	// Q and Finds are the desk's search by name (staff_desk.go).
	Q     string
	Finds *catalog.DeskFinds
}

// coopStatuses are the tabs of the cooperative list.
var coopStatuses = []catalog.CoopStatus{catalog.CoopPending, catalog.CoopApproved, catalog.CoopRejected, catalog.CoopSuspended}

// staffHome shows what waits for the Hội: applications to decide.
func (w *Web) staffHome(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	page, err := w.d.Catalog.AdminCoops(c.UserContext(), httpx.Actor(c), catalog.CoopFilter{Status: catalog.CoopPending}, kernel.PageRequest{Limit: 10})
	if err != nil {
		return err
	}
	d := staffHomeData{Pending: page.Items}
	if err := w.staffHomeDesk(c, &d); err != nil {
		return err
	}
	return w.render(c, http.StatusOK, "staff_home", &view{Title: tr("staff.title"), Form: map[string]string{"q": d.Q}, D: d})
}

// staffCoopsData is the cooperative list of one status.
type staffCoopsData struct {
	Coops   []catalog.Coop
	Tabs    []facet
	Status  catalog.CoopStatus
	NextURL string
	// PlaceReview is the tab of coops whose commune is not one of the
	// 2025 list (?dia-danh=xem-lai), of any status.
	PlaceReview bool
}

// staffCoops lists cooperatives by status (pending first) with the actions
// each status allows.
func (w *Web) staffCoops(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	st := catalog.CoopStatus(strings.Clone(c.Query("trang-thai", string(catalog.CoopPending))))
	if !st.Valid() {
		st = catalog.CoopPending
	}
	f := catalog.CoopFilter{Status: st, Q: c.Query("q")}
	base := pathStaff + "/hop-tac-xa?trang-thai=" + string(st)
	review := c.Query("dia-danh") == "xem-lai"
	if review {
		f = catalog.CoopFilter{PlaceReview: true}
		base = pathStaff + "/hop-tac-xa?dia-danh=xem-lai"
	}
	page, err := w.d.Catalog.AdminCoops(c.UserContext(), httpx.Actor(c), f, kernel.PageRequest{Limit: 30, Cursor: c.Query("sau")})
	if err != nil {
		return err
	}
	d := staffCoopsData{Coops: page.Items, Status: st, PlaceReview: review}
	for _, s := range coopStatuses {
		d.Tabs = append(d.Tabs, facet{Value: string(s), Label: tr("coop.status." + string(s)), Selected: s == st && !review, URL: pathStaff + "/hop-tac-xa?trang-thai=" + string(s)})
	}
	d.Tabs = append(d.Tabs, facet{Value: "xem-lai", Label: tr("staff.coops.places"), Selected: review, URL: pathStaff + "/hop-tac-xa?dia-danh=xem-lai"})
	if page.NextCursor != nil {
		d.NextURL = base + "&sau=" + *page.NextCursor
	}
	return w.render(c, http.StatusOK, "staff_coops", &view{Title: tr("staff.coops.title"), D: d})
}

// staffCoopAction approves, rejects or suspends a cooperative; rejecting
// and suspending need a reason the owner will read.
func (w *Web) staffCoopAction(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	id, reason := strings.Clone(c.Params("id")), strings.TrimSpace(strings.Clone(c.FormValue("reason")))
	ctx, a := c.UserContext(), httpx.Actor(c)
	var (
		co  *catalog.Coop
		err error
	)
	switch c.Params("action") {
	case "duyet":
		co, err = w.d.Catalog.ApproveCoop(ctx, a, id, reason)
	case "tu-choi":
		co, err = w.d.Catalog.RejectCoop(ctx, a, id, reason)
	case "tam-ngung":
		co, err = w.d.Catalog.SuspendCoop(ctx, a, id, reason)
	default:
		return fiber.ErrNotFound
	}
	if err != nil {
		return w.moderationFailed(c, err)
	}
	w.setFlash(c, "flash.coop."+string(co.Status))
	return seeOther(c, cmp.Or(safeNext(c.FormValue("back")), pathStaff+"/hop-tac-xa"))
}

// moderationFailed answers a moderation the catalog refused: a refusal of
// the input can only be a missing reason, so the page asks for one; any
// other error goes to the error pages.
func (w *Web) moderationFailed(c *fiber.Ctx, err error) error {
	if e := apperr.As(err); e != nil && e.Kind == apperr.KindInvalid {
		return w.messagePage(c, http.StatusUnprocessableEntity, "error.invalid.title", tr("staff.reason.required"))
	}
	return err
}

// staffProductAction hides a product that breaks the rules (with a reason
// the seller reads) or puts it back.
func (w *Web) staffProductAction(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	id := strings.Clone(c.Params("id"))
	var err error
	switch c.Params("action") {
	case "an":
		_, err = w.d.Catalog.HideProduct(c.UserContext(), httpx.Actor(c), id, strings.Clone(c.FormValue("reason")))
	case "hien":
		_, err = w.d.Catalog.UnhideProduct(c.UserContext(), httpx.Actor(c), id)
	default:
		return fiber.ErrNotFound
	}
	if err != nil {
		return w.moderationFailed(c, err)
	}
	w.setFlash(c, "flash.saved")
	return seeOther(c, cmp.Or(safeNext(c.FormValue("back")), pathStaff+"/san-pham"))
}
