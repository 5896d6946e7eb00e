package web

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/banks"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// profileFields are the inputs of the shop profile form: the application's
// own (applyFields), so a rejected applicant fixes any of them there.
var profileFields = applyFields

// bankOption is one bank of the picker: a plain <select> of every bank by
// name, which the page script filters as she types, by Terms (folded).
type bankOption struct {
	option
	Terms string
}

// profileData is what the shop profile page shows.
type profileData struct {
	Coop  *catalog.Coop
	Base  string
	Kinds []option
	Place placePicker
	Banks []bankOption
	// CanResubmit is set while the application waits for the Hội or was
	// turned down: the page then offers to send it again.
	CanResubmit bool
}

// bankOptions lists every VietQR bank by short name, selected the one of bin.
func bankOptions(bin string) []bankOption {
	all := banks.All()
	out := make([]bankOption, len(all))
	for i, b := range all {
		out[i] = bankOption{option: option{Value: b.BIN, Label: b.ShortName + " – " + b.Name, Selected: b.BIN == bin}, Terms: b.Terms()}
	}
	return out
}

// profileFormOf fills the profile form from the coop.
func profileFormOf(co *catalog.Coop) map[string]string {
	form := map[string]string{
		"name": co.Name, "kind": string(co.Kind), "description": co.Description, "province": co.Province,
		"commune": co.Commune, "address": co.Address, "phone": localPhone(co.Phone), "zalo": localPhone(co.Zalo),
		"shipping_fee_vnd": strconv.FormatInt(co.ShippingFeeVND, 10), "free_shipping_over_vnd": "",
	}
	if co.FreeShippingOverVND != nil {
		form["free_shipping_over_vnd"] = strconv.FormatInt(*co.FreeShippingOverVND, 10)
	}
	if b := co.Bank; b != nil {
		form["bank_bin"], form["bank_account_number"], form["bank_account_name"] = b.BIN, b.AccountNumber, b.AccountName
	}
	return form
}

// shopProfilePage shows the shop's own details for its owner to edit.
func (w *Web) shopProfilePage(c *fiber.Ctx) error {
	co, err := w.coopFor(c)
	if err != nil {
		return err
	}
	return w.renderProfile(c, http.StatusOK, co, &view{Form: profileFormOf(co)})
}

func (w *Web) renderProfile(c *fiber.Ctx, status int, co *catalog.Coop, v *view) error {
	d := profileData{
		Coop: co, Base: pathSeller + "/" + co.Slug, Place: placePickerFor(v.Form["province"], v.Form["commune"]),
		Banks:       bankOptions(v.Form["bank_bin"]),
		CanResubmit: co.Status == catalog.CoopRejected || co.Status == catalog.CoopPending,
	}
	for _, k := range []catalog.Kind{catalog.KindHopTacXa, catalog.KindToHopTac, catalog.KindHoKinhDoanh, catalog.KindDoanhNghiep} {
		d.Kinds = append(d.Kinds, option{Value: string(k), Label: tr("coop.kind." + string(k)), Selected: v.Form["kind"] == string(k)})
	}
	v.Title, v.D = tr("profile.title"), d
	return w.render(c, status, "seller_profile", v)
}

// shopProfileSave writes the whole form as one coop update (one audit
// entry naming every field that changed). The catalog decides who may:
// the owner, or Hội staff of the province.
func (w *Web) shopProfileSave(c *fiber.Ctx) error {
	co, err := w.coopFor(c)
	if err != nil {
		return err
	}
	form := formValues(c, profileFields...)
	if placeRefresh(c) {
		return w.renderProfile(c, http.StatusOK, co, &view{Form: form})
	}
	errs := map[string]string{}
	nums := numberFields(form, errs, "shipping_fee_vnd", "free_shipping_over_vnd")
	if len(errs) > 0 {
		return w.renderProfile(c, http.StatusUnprocessableEntity, co, &view{Form: form, Errors: errs})
	}
	kind := catalog.Kind(form["kind"])
	fee := nums["shipping_fee_vnd"]
	patch := catalog.CoopPatch{
		Name: ptrOf(form["name"]), Kind: &kind, Description: ptrOf(form["description"]), Province: ptrOf(form["province"]),
		Commune: ptrOf(form["commune"]), Address: ptrOf(form["address"]), Phone: ptrOf(form["phone"]), Zalo: ptrOf(form["zalo"]),
		ShippingFeeVND: &fee, FreeShippingOverVND: catalog.Nullable[int64]{Set: true, Null: nums["free_shipping_over_vnd"] == 0, Value: nums["free_shipping_over_vnd"]},
		Bank: catalog.Nullable[catalog.Bank]{Set: true, Null: true},
	}
	if form["bank_bin"] != "" || form["bank_account_number"] != "" || form["bank_account_name"] != "" {
		patch.Bank = catalog.Some(catalog.Bank{BIN: form["bank_bin"], AccountNumber: form["bank_account_number"], AccountName: form["bank_account_name"]})
	}
	if _, err := w.d.Catalog.UpdateCoop(c.UserContext(), httpx.Actor(c), co.ID, patch); err != nil {
		byField, list, ok := formErrors(err, func(f string) string { return strings.ReplaceAll(f, ".", "_") })
		if !ok {
			return err
		}
		return w.renderProfile(c, http.StatusUnprocessableEntity, co, &view{Form: form, Errors: byField, ErrorList: list})
	}
	w.setFlash(c, "flash.saved")
	return seeOther(c, pathSeller+"/"+co.Slug+"/ho-so")
}

func ptrOf(s string) *string { return &s }

// shopResubmit sends the edited application back to the Hội.
func (w *Web) shopResubmit(c *fiber.Ctx) error {
	co, err := w.coopFor(c)
	if err != nil {
		return err
	}
	if _, err := w.d.Catalog.ResubmitCoop(c.UserContext(), httpx.Actor(c), co.ID); err != nil {
		return err
	}
	w.setFlash(c, "flash.coop.resubmitted")
	return seeOther(c, pathSeller+"/"+co.Slug)
}

// coopPhotoKinds maps the path word of the logo and banner forms to the
// catalog's name for them.
var coopPhotoKinds = map[string]string{"logo": "logo", "anh-bia": "banner"}

// shopPhoto sets the logo or banner through the photo flow of product
// photos (rules checked before the file is read, metadata stripped).
func (w *Web) shopPhoto(c *fiber.Ctx) error {
	co, err := w.coopFor(c)
	if err != nil {
		return err
	}
	which, ok := coopPhotoKinds[c.Params("which")]
	if !ok {
		return apperr.NotFoundf("%s", tr("error.notfound.text"))
	}
	file, ok := photoFile(c)
	if !ok {
		return w.renderProfile(c, http.StatusUnprocessableEntity, co, &view{Form: profileFormOf(co), Errors: map[string]string{which: tr("photo.required")}})
	}
	_, err = w.photos.SetCoopPhoto(c.UserContext(), httpx.Actor(c), co.ID, which, func() (io.Reader, error) { return file, nil })
	if err != nil {
		status, msg, internal := photoRefusal(err)
		if internal != nil {
			return internal
		}
		return w.renderProfile(c, status, co, &view{Form: profileFormOf(co), Errors: map[string]string{which: msg}})
	}
	w.setFlash(c, "flash.photo.added")
	return seeOther(c, pathSeller+"/"+co.Slug+"/ho-so")
}
