package catalog

import (
	"encoding/json"
	"strconv"
	"strings"
)

// ProductInput creates a product (POST /coops/{id}/products). The coop comes
// from the path and the caller's membership, never from the body.
type ProductInput struct {
	Name        string         `json:"name"`
	Description string         `json:"description"`
	Category    string         `json:"category"`
	Unit        string         `json:"unit"`
	OCOPStars   int            `json:"ocop_stars"`
	OCOPCertNo  string         `json:"ocop_cert_no"`
	Tags        []string       `json:"tags"`
	Status      ProductStatus  `json:"status"`
	Variants    []VariantInput `json:"variants"`
}

// VariantInput is one variant of a new product, or a variant added later.
type VariantInput struct {
	Name         string `json:"name"`
	SKU          string `json:"sku"`
	PriceVND     int64  `json:"price_vnd"`
	CompareAtVND *int64 `json:"compare_at_vnd"`
	Stock        int    `json:"stock"`
	WeightGrams  int    `json:"weight_grams"`
}

// ProductPatch is a partial update of a product (PATCH /products/{id}).
// Status may move between draft, active and archived; hiding is staff's
// separate call. Variants change through their own calls.
type ProductPatch struct {
	Name        *string        `json:"name"`
	Description *string        `json:"description"`
	Category    *string        `json:"category"`
	Unit        *string        `json:"unit"`
	OCOPStars   *int           `json:"ocop_stars"`
	OCOPCertNo  *string        `json:"ocop_cert_no"`
	Tags        *[]string      `json:"tags"`
	Status      *ProductStatus `json:"status"`
}

// VariantPatch is a partial update of one variant. ExpectedStock is the
// stock the seller saw when she typed the new figures: when given, a stock
// that has moved since (a sale, a cancellation) refuses the whole patch with
// the current stock, so a sale is never undone by a stale form.
type VariantPatch struct {
	Name          *string         `json:"name"`
	SKU           *string         `json:"sku"`
	PriceVND      *int64          `json:"price_vnd"`
	CompareAtVND  Nullable[int64] `json:"compare_at_vnd"`
	Stock         *int            `json:"stock"`
	ExpectedStock *int            `json:"expected_stock"`
	WeightGrams   *int            `json:"weight_grams"`
}

// MaxPriceVND bounds every unit price (a variant's price and "was" price)
// and a coop's free-shipping threshold: far above anything a cooperative
// sells, and low enough that the largest cart (orders.MaxLines lines of
// orders.MaxQuantity units, under 5·10¹³ ₫) leaves sums of a hundred
// thousand such orders exact in an int64. Migration 00009 makes the
// database hold the same bound.
const MaxPriceVND int64 = 1_000_000_000

const (
	maxVariants = 50
	maxTags     = 20
	maxStock    = 1_000_000_000
	maxWeight   = 1_000_000
)

// apply validates the patch onto r (category is resolved by the service).
func (in *ProductPatch) apply(r *productRow, p *problems) {
	if in.Name != nil {
		r.Name = p.text("name", *in.Name, 1, 200)
		r.SearchName = Fold(r.Name)
	}
	if in.Description != nil {
		r.Description = p.text("description", *in.Description, 0, 10000)
	}
	if in.Unit != nil {
		r.Unit = p.text("unit", *in.Unit, 1, 30)
	}
	if in.OCOPStars != nil {
		r.OCOPStars = *in.OCOPStars
		if s := r.OCOPStars; s != 0 && s != 3 && s != 4 && s != 5 {
			p.add("ocop_stars", "Số sao OCOP chỉ có thể là 0, 3, 4 hoặc 5.")
		}
	}
	if in.OCOPCertNo != nil {
		r.OCOPCertNo = p.text("ocop_cert_no", *in.OCOPCertNo, 0, 60)
	}
	if in.Tags != nil {
		r.Tags = cleanTags(*in.Tags, p)
	}
	if in.Status != nil {
		if !in.Status.Valid() {
			p.add("status", "Trạng thái phải là draft, active hoặc archived.")
		}
		r.Status = *in.Status
	}
}

// cleanTags trims, de-duplicates and bounds tags, and returns them as JSON.
func cleanTags(tags []string, p *problems) string {
	out := []string{}
	seen := map[string]bool{}
	for i, t := range tags {
		t = p.text("tags["+strconv.Itoa(i)+"]", t, 1, 40)
		if k := strings.ToLower(t); t != "" && !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	if len(out) > maxTags {
		p.add("tags", "Tối đa "+strconv.Itoa(maxTags)+" thẻ.")
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// patch turns a creation into a patch that sets every field.
func (in *ProductInput) patch() *ProductPatch {
	tags := in.Tags
	if tags == nil {
		tags = []string{}
	}
	st := in.Status
	return &ProductPatch{
		Name: &in.Name, Description: &in.Description, Category: &in.Category, Unit: &in.Unit,
		OCOPStars: &in.OCOPStars, OCOPCertNo: &in.OCOPCertNo, Tags: &tags, Status: &st,
	}
}

// apply validates a variant patch onto v; field names are prefixed with at.
func (in *VariantPatch) apply(v *variantRow, at string, p *problems) {
	if in.Name != nil {
		v.Name = p.text(at+"name", *in.Name, 1, 100)
	}
	if in.SKU != nil {
		v.SKU = p.text(at+"sku", *in.SKU, 0, 64)
	}
	// Prices are checked on the result, not only on what the patch sends:
	// a variant priced before the bound existed must be fixed before any
	// other change is saved (the database refuses the row otherwise).
	if in.PriceVND != nil {
		v.PriceVND = *in.PriceVND
	}
	if v.PriceVND <= 0 || v.PriceVND > MaxPriceVND {
		p.add(at+"price_vnd", "Giá bán phải lớn hơn 0 ₫ và không quá 1.000.000.000 ₫.")
	}
	if in.CompareAtVND.Set {
		v.CompareAtVND = in.CompareAtVND.ptr()
	}
	switch c := v.CompareAtVND; {
	case c == nil:
	case *c > MaxPriceVND:
		p.add(at+"compare_at_vnd", "Giá gốc tối đa 1.000.000.000 ₫.")
	case *c <= v.PriceVND:
		p.add(at+"compare_at_vnd", "Giá gốc phải cao hơn giá bán.")
	}
	if in.Stock != nil {
		v.Stock = *in.Stock
		if v.Stock < 0 || v.Stock > maxStock {
			p.add(at+"stock", "Tồn kho phải từ 0 đến 1.000.000.000.")
		}
	}
	if e := in.ExpectedStock; e != nil && (*e < 0 || *e > maxStock) {
		p.add(at+"expected_stock", "Tồn kho đã thấy phải từ 0 đến 1.000.000.000.")
	}
	if in.WeightGrams != nil {
		v.WeightGrams = *in.WeightGrams
		if v.WeightGrams < 0 || v.WeightGrams > maxWeight {
			p.add(at+"weight_grams", "Khối lượng phải từ 0 đến 1.000.000 gam.")
		}
	}
}

// patch turns a new variant into a patch that sets every field.
func (in *VariantInput) patch() *VariantPatch {
	name := in.Name
	if strings.TrimSpace(name) == "" {
		name = "Tiêu chuẩn"
	}
	vp := &VariantPatch{Name: &name, SKU: &in.SKU, PriceVND: &in.PriceVND, Stock: &in.Stock, WeightGrams: &in.WeightGrams}
	if in.CompareAtVND != nil {
		vp.CompareAtVND = Some(*in.CompareAtVND)
	}
	return vp
}
