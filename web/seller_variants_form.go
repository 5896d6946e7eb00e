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

// The inputs of one variant in the product's variant form are named by
// field and variant id: vn-<id> name, vp-<id> price, vc-<id> "was" price,
// vs-<id> stock and ss-<id> the stock the form showed. Errors and what was
// typed go by the same names.
var variantInputs = []string{"vn-", "vp-", "vc-", "vs-", "ss-"}

// variantErrorInput maps the catalog's field of a variant to its input.
var variantErrorInput = map[string]string{
	"name": "vn-", "price_vnd": "vp-", "compare_at_vnd": "vc-", "stock": "vs-", "expected_stock": "vs-",
}

// variantsSave saves every variant of the product's form in one
// transaction, so a change to one is never lost to a save of another. A
// stock is sent only when she typed another figure than the one shown, and
// then only on condition that it is still that figure; when one moved (a
// sale meanwhile), nothing is saved and the form comes back with the
// current stock and everything else she typed.
func (w *Web) variantsSave(c *fiber.Ctx) error {
	co, p, err := w.productFor(c)
	if err != nil {
		return err
	}
	typed, errs := map[string]string{}, map[string]string{}
	var edits []catalog.VariantEdit
	for _, v := range p.Variants {
		id := v.ID
		for _, in := range variantInputs {
			typed[in+id] = strings.TrimSpace(strings.Clone(c.FormValue(in + id)))
		}
		if typed["ss-"+id] == "" {
			delete(typed, "ss-"+id) // a variant added since the page was opened: not on this form
			continue
		}
		edit, ok := variantEditOf(id, typed, errs)
		if ok {
			edits = append(edits, edit)
		}
	}
	fail := func(status int, p *catalog.Product, byField map[string]string, list []string) error {
		v := &view{Form: productFormOf(p), Errors: byField, ErrorList: list}
		for k, val := range typed {
			if _, kept := v.Form[k]; !kept {
				v.Form[k] = val
			}
		}
		return w.renderProductForm(c, status, co, p, v)
	}
	if len(errs) > 0 {
		return fail(http.StatusUnprocessableEntity, p, errs, nil)
	}
	if len(edits) == 0 {
		return fail(http.StatusUnprocessableEntity, p, errs, []string{tr("product.variant.stale")})
	}
	if _, err := w.d.Catalog.UpdateVariants(c.UserContext(), httpx.Actor(c), p.ID, edits); err != nil {
		if stocks, moved := movedStocks(err); moved {
			fresh, err := w.d.Catalog.ProductByID(c.UserContext(), httpx.Actor(c), p.ID)
			if err != nil {
				return err
			}
			for id, now := range stocks {
				typed["vs-"+id], typed["ss-"+id] = strconv.Itoa(now), strconv.Itoa(now)
				errs["vs-"+id] = tr("product.variant.moved", now)
			}
			return fail(http.StatusConflict, fresh, errs, nil)
		}
		byField, list, ok := formErrors(err, func(f string) string { return variantInputOf(f, edits) })
		if !ok {
			return err
		}
		return fail(http.StatusUnprocessableEntity, p, byField, list)
	}
	w.setFlash(c, "flash.saved")
	return seeOther(c, pathSeller+"/"+co.Slug+"/san-pham/"+p.ID)
}

// variantEditOf reads one variant's inputs into an edit; a figure that is
// not a number gets its message under its input and ok is false.
func variantEditOf(id string, typed, errs map[string]string) (catalog.VariantEdit, bool) {
	num := func(in string) int64 {
		n, ok := formInt(typed[in+id])
		if !ok {
			errs[in+id] = tr("form.number")
		}
		return n
	}
	price, cmp, stock, shown := num("vp-"), num("vc-"), num("vs-"), num("ss-")
	if _, bad := errs["ss-"+id]; bad {
		delete(errs, "ss-"+id)
		errs["vs-"+id] = tr("product.variant.stale")
	}
	if len(errs) > 0 {
		return catalog.VariantEdit{}, false
	}
	name := typed["vn-"+id]
	e := catalog.VariantEdit{ID: id, VariantPatch: catalog.VariantPatch{
		Name: &name, PriceVND: &price,
		CompareAtVND: catalog.Nullable[int64]{Set: true, Null: cmp == 0, Value: cmp},
	}}
	if s, seen := int(stock), int(shown); s != seen {
		e.Stock, e.ExpectedStock = &s, &seen
	}
	return e, true
}

// variantErrorField reads "variants[i].field" of the catalog's errors.
var variantErrorField = regexp.MustCompile(`^variants\[(\d+)\]\.(.+)$`)

// variantInputOf names the input of a catalog error on edits[i].field; ""
// (the list above the form) for what no input shows.
func variantInputOf(field string, edits []catalog.VariantEdit) string {
	m := variantErrorField.FindStringSubmatch(field)
	if m == nil {
		return ""
	}
	i, err := strconv.Atoi(m[1])
	if err != nil || i >= len(edits) {
		return ""
	}
	if in, ok := variantErrorInput[m[2]]; ok {
		return in + edits[i].ID
	}
	return ""
}

// movedStocks reads the current stocks by variant id out of the catalog's
// stock conflict.
func movedStocks(err error) (map[string]int, bool) {
	e := apperr.As(err)
	if e == nil || e.Kind != apperr.KindConflict {
		return nil, false
	}
	m, ok := e.Extra["stocks"].(map[string]int)
	return m, ok
}
