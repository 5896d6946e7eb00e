package web

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// productFields are the inputs of the product form; variant_* describe the
// first variant when creating.
var productFields = []string{"name", "description", "category", "unit", "ocop_stars", "ocop_cert_no", "tags", "status",
	"variant_name", "variant_price_vnd", "variant_compare_at_vnd", "variant_stock", "variant_weight_grams"}

// productFormData is what the product form offers.
type productFormData struct {
	Coop       *catalog.Coop
	Base       string
	P          *catalog.Product
	Categories []option
	Statuses   []option
	OCOP       []option
	// Resumable says the photo may go ahead in the background (upload.js).
	Resumable bool
}

// productNewPage shows the form for a new product, photo included.
func (w *Web) productNewPage(c *fiber.Ctx) error {
	co, err := w.coopFor(c)
	if err != nil {
		return err
	}
	form := map[string]string{"unit": "gói", "status": string(catalog.ProductActive), "variant_name": tr("product.variant.default"), "variant_stock": "10"}
	return w.renderProductForm(c, http.StatusOK, co, nil, &view{Form: form})
}

func (w *Web) renderProductForm(c *fiber.Ctx, status int, co *catalog.Coop, p *catalog.Product, v *view) error {
	cats, err := w.d.Catalog.Categories(c.UserContext())
	if err != nil {
		return err
	}
	d := productFormData{Coop: co, Base: pathSeller + "/" + co.Slug, P: p, Categories: categoryOptions(cats, v.Form["category"]),
		Resumable: w.d.Uploads != nil}
	statuses := []catalog.ProductStatus{catalog.ProductDraft, catalog.ProductActive}
	if p != nil {
		statuses = append(statuses, catalog.ProductArchived)
	}
	for _, s := range statuses {
		d.Statuses = append(d.Statuses, option{Value: string(s), Label: tr("product.status." + string(s)), Selected: v.Form["status"] == string(s)})
	}
	for _, s := range []string{"0", "3", "4", "5"} {
		d.OCOP = append(d.OCOP, option{Value: s, Label: tr("product.ocop." + s), Selected: v.Form["ocop_stars"] == s})
	}
	v.D = d
	if p == nil {
		v.Title = tr("product.new.title")
		return w.render(c, status, "product_new", v)
	}
	v.Title = tr("product.edit.title", p.Name)
	return w.render(c, status, "product_edit", v)
}

// variantField reads the variants[i].x fields of the catalog's errors.
var variantField = regexp.MustCompile(`^variants\[\d+\]\.`)

// productField maps the catalog's field names to the product form's.
func productField(f string) string {
	switch {
	case variantField.MatchString(f):
		return "variant_" + variantField.ReplaceAllString(f, "")
	case f == "variants":
		return "variant_price_vnd"
	case strings.HasPrefix(f, "tags"):
		return "tags"
	}
	return f
}

// splitTags reads tags typed with commas.
func splitTags(s string) []string {
	out := []string{}
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// productCreate adds a product with its first variant, then its photo if
// one was taken: a photo that fails leaves the product in place and says so
// on its edit page.
func (w *Web) productCreate(c *fiber.Ctx) error {
	co, err := w.coopFor(c)
	if err != nil {
		return err
	}
	form := formValues(c, productFields...)
	errs := map[string]string{}
	nums := numberFields(form, errs, "ocop_stars", "variant_price_vnd", "variant_compare_at_vnd", "variant_stock", "variant_weight_grams")
	if len(errs) > 0 {
		return w.renderProductForm(c, http.StatusUnprocessableEntity, co, nil, &view{Form: form, Errors: errs})
	}
	vi := catalog.VariantInput{Name: form["variant_name"], PriceVND: nums["variant_price_vnd"], Stock: int(nums["variant_stock"]), WeightGrams: int(nums["variant_weight_grams"])}
	if n := nums["variant_compare_at_vnd"]; n > 0 {
		vi.CompareAtVND = &n
	}
	in := catalog.ProductInput{
		Name: form["name"], Description: form["description"], Category: form["category"], Unit: form["unit"],
		OCOPStars: int(nums["ocop_stars"]), OCOPCertNo: form["ocop_cert_no"], Tags: splitTags(form["tags"]),
		Status: catalog.ProductStatus(form["status"]), Variants: []catalog.VariantInput{vi},
	}
	p, err := w.d.Catalog.CreateProduct(c.UserContext(), httpx.Actor(c), co.ID, in)
	if err != nil {
		byField, list, ok := formErrors(err, productField)
		if !ok {
			return err
		}
		return w.renderProductForm(c, http.StatusUnprocessableEntity, co, nil, &view{Form: form, Errors: byField, ErrorList: list})
	}
	flash := "flash.product.created"
	if _, err := w.formPhoto(c, co.ID, p.ID); err != nil {
		if k := apperr.KindOf(err); k == apperr.KindInternal {
			return err
		}
		flash = "flash.product.created_photo_failed"
	}
	w.setFlash(c, flash)
	return seeOther(c, pathSeller+"/"+co.Slug+"/san-pham/"+p.ID)
}

// productFor loads a product of the coop in the path. A product of any
// other coop is not found, even when it is public: this is the seller's
// edit page, not the shop window.
func (w *Web) productFor(c *fiber.Ctx) (*catalog.Coop, *catalog.Product, error) {
	co, err := w.coopFor(c)
	if err != nil {
		return nil, nil, err
	}
	id := strings.Clone(c.Params("id"))
	if !validID(id) {
		return nil, nil, apperr.NotFoundf("%s", tr("error.notfound.text"))
	}
	p, err := w.d.Catalog.ProductByID(c.UserContext(), httpx.Actor(c), id)
	if err != nil {
		return nil, nil, err
	}
	if p.Coop.ID != co.ID {
		return nil, nil, apperr.NotFoundf("%s", tr("error.notfound.text"))
	}
	return co, p, nil
}

// productFormOf fills the edit form from a product.
func productFormOf(p *catalog.Product) map[string]string {
	return map[string]string{
		"name": p.Name, "description": p.Description, "category": p.Category.Slug, "unit": p.Unit,
		"ocop_stars": strconv.Itoa(p.OCOPStars), "ocop_cert_no": p.OCOPCertNo, "tags": strings.Join(p.Tags, ", "),
		"status": string(p.Status),
	}
}

// productEditPage shows a product's form, variants and photos.
func (w *Web) productEditPage(c *fiber.Ctx) error {
	co, p, err := w.productFor(c)
	if err != nil {
		return err
	}
	return w.renderProductForm(c, http.StatusOK, co, p, &view{Form: productFormOf(p)})
}

// productUpdate saves the product form, or only its status (the archive
// and publish buttons).
func (w *Web) productUpdate(c *fiber.Ctx) error {
	co, p, err := w.productFor(c)
	if err != nil {
		return err
	}
	var patch catalog.ProductPatch
	form := formValues(c, productFields...)
	st := catalog.ProductStatus(form["status"])
	if c.FormValue("only") == "status" {
		patch.Status = &st
		form = productFormOf(p)
	} else {
		errs := map[string]string{}
		nums := numberFields(form, errs, "ocop_stars")
		if len(errs) > 0 {
			return w.renderProductForm(c, http.StatusUnprocessableEntity, co, p, &view{Form: form, Errors: errs})
		}
		stars, tags := int(nums["ocop_stars"]), splitTags(form["tags"])
		name, desc, cat, unit, cert := form["name"], form["description"], form["category"], form["unit"], form["ocop_cert_no"]
		patch = catalog.ProductPatch{Name: &name, Description: &desc, Category: &cat, Unit: &unit, OCOPStars: &stars, OCOPCertNo: &cert, Tags: &tags, Status: &st}
	}
	if _, err := w.d.Catalog.UpdateProduct(c.UserContext(), httpx.Actor(c), p.ID, patch); err != nil {
		byField, list, ok := formErrors(err, productField)
		if !ok {
			return err
		}
		return w.renderProductForm(c, http.StatusUnprocessableEntity, co, p, &view{Form: form, Errors: byField, ErrorList: list})
	}
	w.setFlash(c, "flash.saved")
	return seeOther(c, pathSeller+"/"+co.Slug+"/san-pham/"+p.ID)
}

// productPhoto adds a photo taken with the phone's camera.
func (w *Web) productPhoto(c *fiber.Ctx) error {
	co, p, err := w.productFor(c)
	if err != nil {
		return err
	}
	ok, err := w.formPhoto(c, co.ID, p.ID)
	if !ok {
		return w.renderProductForm(c, http.StatusUnprocessableEntity, co, p, &view{Form: productFormOf(p), Errors: map[string]string{"file": tr("photo.required")}})
	}
	if err != nil {
		status, msg, internal := photoRefusal(err)
		if internal != nil {
			return internal
		}
		return w.renderProductForm(c, status, co, p, &view{Form: productFormOf(p), Errors: map[string]string{"file": msg}})
	}
	w.setFlash(c, "flash.photo.added")
	return seeOther(c, pathSeller+"/"+co.Slug+"/san-pham/"+p.ID)
}

// productPhotoDelete takes a photo off the product once the seller
// confirmed it: "Xoá ảnh" only opens the question, whose second button
// sends xac-nhan=1. A removal without it (a stale page, a stray tap) keeps
// the photo and asks. The stored variants stay until the media sweeper
// finds them unreferenced.
func (w *Web) productPhotoDelete(c *fiber.Ctx) error {
	co, p, err := w.productFor(c)
	if err != nil {
		return err
	}
	image := strings.Clone(c.Params("image"))
	if c.FormValue("xac-nhan") != "1" {
		form := productFormOf(p)
		form["xoa-anh"] = image
		return w.renderProductForm(c, http.StatusOK, co, p, &view{Form: form})
	}
	if _, _, err := w.d.Catalog.RemoveProductImage(c.UserContext(), httpx.Actor(c), p.ID, image); err != nil {
		return err
	}
	w.setFlash(c, "flash.photo.removed")
	return seeOther(c, pathSeller+"/"+co.Slug+"/san-pham/"+p.ID)
}

// variantAdd adds a size or packaging to a product.
func (w *Web) variantAdd(c *fiber.Ctx) error {
	co, p, err := w.productFor(c)
	if err != nil {
		return err
	}
	form := formValues(c, "name", "price_vnd", "stock", "weight_grams")
	errs := map[string]string{}
	nums := numberFields(form, errs, "price_vnd", "stock", "weight_grams")
	in := catalog.VariantInput{Name: form["name"], PriceVND: nums["price_vnd"], Stock: int(nums["stock"]), WeightGrams: int(nums["weight_grams"])}
	if len(errs) == 0 {
		if _, err = w.d.Catalog.AddVariant(c.UserContext(), httpx.Actor(c), p.ID, in); err != nil {
			byField, list, ok := formErrors(err, nil)
			if !ok {
				return err
			}
			errs, form = byField, mergeForm(productFormOf(p), form)
			return w.renderProductForm(c, http.StatusUnprocessableEntity, co, p, &view{Form: form, Errors: prefixKeys("new_", errs), ErrorList: list})
		}
	} else {
		return w.renderProductForm(c, http.StatusUnprocessableEntity, co, p, &view{Form: mergeForm(productFormOf(p), form), Errors: prefixKeys("new_", errs)})
	}
	w.setFlash(c, "flash.saved")
	return seeOther(c, pathSeller+"/"+co.Slug+"/san-pham/"+p.ID)
}

func prefixKeys(prefix string, m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[prefix+k] = v
	}
	return out
}

func mergeForm(base, extra map[string]string) map[string]string {
	for k, v := range extra {
		base["new_"+k] = v
	}
	return base
}

// photoRefusal is how a photo form shows a refused photo: the status and the
// message of the refusal (its last field's, when it names one), or, for a
// fault of ours, the error itself.
func photoRefusal(err error) (status int, msg string, internal error) {
	e := apperr.As(err)
	if e == nil || e.Kind == apperr.KindInternal {
		return 0, "", err
	}
	msg = e.Message
	for _, f := range e.Fields {
		msg = f.Message
	}
	return httpx.Status(e.Kind), msg, nil
}
