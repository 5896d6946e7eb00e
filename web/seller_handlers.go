package web

import (
	"net/http"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"github.com/gofiber/fiber/v2"
)

// coopFor resolves the :coop of a seller path with policy's ReadCoop: the
// person must run the coop (owner, member or steward) or oversee it as Hội
// staff. To anyone else the shop does not exist (404), exactly as in the
// API. When a staff member acts for a coop that is not theirs to own, the
// layout shows whose shop this is.
func (w *Web) coopFor(c *fiber.Ctx) (*catalog.Coop, error) {
	if err := httpx.RequireUser(c); err != nil {
		return nil, err
	}
	u := httpx.CurrentUser(c)
	ctx := c.UserContext()
	slug := strings.Clone(c.Params("coop"))
	mine, err := w.d.Catalog.CoopsOfUser(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	var role kernel.MemberRole
	for _, m := range mine {
		if m.Slug == slug {
			role = m.MemberRole
		}
	}
	co, err := w.d.Catalog.Coop(ctx, httpx.Actor(c), slug)
	if err != nil {
		return nil, err
	}
	facts := policy.Facts{Member: role, Province: co.Province}
	if err := policy.Decide(httpx.Actor(c), policy.ReadCoop, facts).Err(apperr.NotFoundf("%s", tr("error.notfound.text"))); err != nil {
		return nil, err
	}
	if u.IsStaff() && (role == kernel.MemberNone || role == kernel.MemberSteward) {
		c.Locals(localSteward, co.Name)
	}
	return co, nil
}

// sellerHomeData lists the shops a person runs.
type sellerHomeData struct {
	Coops []catalog.MemberCoop
}

// sellerHome lists the person's shops; with exactly one it opens it.
func (w *Web) sellerHome(c *fiber.Ctx) error {
	if err := httpx.RequireUser(c); err != nil {
		return err
	}
	mine, err := w.d.Catalog.CoopsOfUser(c.UserContext(), httpx.CurrentUser(c).ID)
	if err != nil {
		return err
	}
	if len(mine) == 1 && c.Query("tat-ca") == "" {
		to := pathSeller + "/" + mine[0].Slug
		if c.Query("mo") == "don-hang" { // the installed app's start: her orders
			to += "/don-hang"
		}
		return seeOther(c, to)
	}
	return w.render(c, http.StatusOK, "seller_home", &view{Title: tr("seller.title"), D: sellerHomeData{Coops: mine}})
}

// applyFields are the inputs of the storefront application form.
var applyFields = []string{"name", "kind", "description", "province", "commune", "address", "phone", "zalo",
	"bank_bin", "bank_account_number", "bank_account_name", "shipping_fee_vnd", "free_shipping_over_vnd"}

// applyData is what the application form offers.
type applyData struct {
	Kinds []option
	Place placePicker
	Banks []bankOption
}

// applyPage shows the form to apply for a storefront.
func (w *Web) applyPage(c *fiber.Ctx) error {
	if err := httpx.RequireUser(c); err != nil {
		return err
	}
	if slug, err := w.openApplication(c); err != nil || slug != "" {
		if err != nil {
			return err
		}
		w.setFlash(c, "flash.coop.open")
		return seeOther(c, pathSeller+"/"+slug+"/ho-so")
	}
	u := httpx.CurrentUser(c)
	form := map[string]string{"phone": localPhone(u.Phone), "kind": string(catalog.KindHopTacXa), "shipping_fee_vnd": "30000"}
	return w.renderApply(c, http.StatusOK, &view{Form: form})
}

func (w *Web) renderApply(c *fiber.Ctx, status int, v *view) error {
	kinds := []catalog.Kind{catalog.KindHopTacXa, catalog.KindToHopTac, catalog.KindHoKinhDoanh, catalog.KindDoanhNghiep}
	d := applyData{Place: placePickerFor(v.Form["province"], v.Form["commune"]), Banks: bankOptions(v.Form["bank_bin"])}
	for _, k := range kinds {
		d.Kinds = append(d.Kinds, option{Value: string(k), Label: tr("coop.kind." + string(k)), Selected: v.Form["kind"] == string(k)})
	}
	v.Title, v.D = tr("apply.title"), d
	return w.render(c, status, "apply", v)
}

// applySubmit sends the application; the coop starts pending until the Hội
// approves it.
func (w *Web) applySubmit(c *fiber.Ctx) error {
	if err := httpx.RequireUser(c); err != nil {
		return err
	}
	form := formValues(c, applyFields...)
	if placeRefresh(c) {
		return w.renderApply(c, http.StatusOK, &view{Form: form})
	}
	errs := map[string]string{}
	nums := numberFields(form, errs, "shipping_fee_vnd", "free_shipping_over_vnd")
	in := catalog.CoopInput{
		Name: form["name"], Kind: catalog.Kind(form["kind"]), Description: form["description"],
		Province: form["province"], Commune: form["commune"], Address: form["address"],
		Phone: form["phone"], Zalo: form["zalo"], ShippingFeeVND: nums["shipping_fee_vnd"],
		Referrer: w.referrerCode(c),
	}
	if n := nums["free_shipping_over_vnd"]; n > 0 {
		in.FreeShippingOverVND = &n
	}
	if form["bank_bin"] != "" || form["bank_account_number"] != "" || form["bank_account_name"] != "" {
		in.Bank = &catalog.Bank{BIN: form["bank_bin"], AccountNumber: form["bank_account_number"], AccountName: form["bank_account_name"]}
	}
	if len(errs) > 0 {
		return w.renderApply(c, http.StatusUnprocessableEntity, &view{Form: form, Errors: errs})
	}
	co, err := w.d.Catalog.ApplyForCoop(c.UserContext(), httpx.Actor(c), in)
	if apperr.CodeOf(err) == catalog.CodeApplicationOpen {
		return w.applyPage(c) // leads her to the application she has
	}
	if err != nil {
		byField, list, ok := formErrors(err, func(f string) string { return strings.ReplaceAll(f, ".", "_") })
		if !ok {
			return err
		}
		return w.renderApply(c, http.StatusUnprocessableEntity, &view{Form: form, Errors: byField, ErrorList: list})
	}
	w.setFlash(c, "flash.coop.applied")
	return seeOther(c, pathSeller+"/"+co.Slug)
}

// sellerCoopData is a shop's dashboard.
type sellerCoopData struct {
	Coop     *catalog.Coop
	Products []catalog.Product
	NextURL  string
	Base     string
}

// sellerCoop is a shop's dashboard: its status with the Hội and its
// products in every state.
func (w *Web) sellerCoop(c *fiber.Ctx) error {
	co, err := w.coopFor(c)
	if err != nil {
		return err
	}
	page, err := w.d.Catalog.CoopProducts(c.UserContext(), httpx.Actor(c), co.ID, "", kernel.PageRequest{Limit: 50, Cursor: c.Query("sau")})
	if err != nil {
		return err
	}
	d := sellerCoopData{Coop: co, Products: page.Items, Base: pathSeller + "/" + co.Slug}
	if page.NextCursor != nil {
		d.NextURL = d.Base + "?sau=" + *page.NextCursor
	}
	return w.render(c, http.StatusOK, "seller_coop", &view{Title: co.Name, D: d})
}

// openApplication is the slug of the person's own application that is
// still pending or was rejected, or "": she edits and resubmits that one
// instead of opening a second shop (the catalog refuses a second).
func (w *Web) openApplication(c *fiber.Ctx) (string, error) {
	ctx, a := c.UserContext(), httpx.Actor(c)
	mine, err := w.d.Catalog.CoopsOfUser(ctx, a.UserID)
	if err != nil {
		return "", err
	}
	for _, m := range mine {
		if m.MemberRole != kernel.MemberOwner {
			continue
		}
		co, err := w.d.Catalog.Coop(ctx, a, m.ID)
		if err != nil {
			return "", err
		}
		if co.Status == catalog.CoopPending || co.Status == catalog.CoopRejected {
			return co.Slug, nil
		}
	}
	return "", nil
}
