package orders

import (
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/money"
	"gorm.io/gorm"
)

// coopInfo is what pricing and payment need of a cooperative.
type coopInfo struct {
	ID                  string
	Slug                string
	Name                string
	Status              catalog.CoopStatus
	ShippingFeeVND      int64  `gorm:"column:shipping_fee_vnd"`
	FreeShippingOverVND *int64 `gorm:"column:free_shipping_over_vnd"`
	BankBIN             string `gorm:"column:bank_bin"`
	BankAccountNumber   string
	BankAccountName     string
}

func (c *coopInfo) ref() CoopRef { return CoopRef{ID: c.ID, Slug: c.Slug, Name: c.Name} }

// hasBank says whether a bank transfer can be paid to the coop.
func (c *coopInfo) hasBank() bool { return c.BankBIN != "" && c.BankAccountNumber != "" }

// shipping is the coop's flat fee, waived when the merchandise reaches its
// free-shipping threshold.
func (c *coopInfo) shipping(subtotal int64) int64 {
	if c.FreeShippingOverVND != nil && subtotal >= *c.FreeShippingOverVND {
		return 0
	}
	return c.ShippingFeeVND
}

// line is one cart line priced from the database.
type line struct {
	idx      int // position in the request, for error fields
	quantity int
	v        catalog.SaleVariant
	totalVND int64 // price × quantity, computed by cart.total
}

func (l *line) item() Item {
	return Item{
		ProductID: l.v.ProductID, VariantID: l.v.ID, ProductName: l.v.ProductName, VariantName: l.v.Name,
		UnitPriceVND: l.v.PriceVND, Quantity: l.quantity, LineTotalVND: l.totalVND,
	}
}

// group is one cooperative's share of a cart: it becomes one order.
type group struct {
	coop        *coopInfo
	lines       []*line
	subtotalVND int64
	shippingVND int64
	total       int64
}

func (g *group) totalVND() int64 { return g.total }

// cart is a priced cart, groups in the order their coop first appears.
type cart struct {
	groups []*group
	lines  []*line // in request order
	total  int64
	// sale is what the cart was priced from; in a checkout it holds the
	// sellers and takes the stock.
	sale *catalog.Sale
}

func (c *cart) totalVND() int64 { return c.total }

// sum computes every line total, subtotal, shipping fee and total of the
// cart with checked arithmetic: a cart whose value does not fit is refused
// (422), never wrapped. Within the bounds (catalog.MaxPriceVND, MaxLines,
// MaxQuantity) no cart comes near; this is the guard if a bound moves.
func (c *cart) sum() error {
	c.total = 0
	for _, g := range c.groups {
		g.subtotalVND = 0
		for _, l := range g.lines {
			t, ok := money.Mul(l.v.PriceVND, l.quantity)
			if !ok {
				return errCartTooLarge()
			}
			l.totalVND = t
			if g.subtotalVND, ok = money.Add(g.subtotalVND, t); !ok {
				return errCartTooLarge()
			}
		}
		g.shippingVND = g.coop.shipping(g.subtotalVND)
		var ok bool
		if g.total, ok = money.Sum(g.subtotalVND, g.shippingVND); !ok {
			return errCartTooLarge()
		}
		if c.total, ok = money.Add(c.total, g.total); !ok {
			return errCartTooLarge()
		}
	}
	return nil
}

func errCartTooLarge() error {
	return apperr.Field("items", "Giá trị giỏ hàng vượt quá giới hạn cho một lần đặt; hãy chia thành nhiều đơn.")
}

func variantIDs(in []LineInput) []string {
	ids := make([]string, len(in))
	for i, l := range in {
		ids[i] = l.VariantID
	}
	return ids
}

// priceCart prices validated lines from the database: an unknown variant is
// a validation failure naming its line, a product that cannot be bought
// (catalog's rule: active, not hidden, coop approved) is not_purchasable.
// A checkout gives its buyer: the lines are read with catalog.HoldSale, which
// holds the sellers for the rest of the transaction (the cart's sale can
// then take the stock) and says whether the buyer helps run them. A quote
// gives nil.
func priceCart(db *gorm.DB, in []LineInput, buyer *catalog.SaleBuyer) (*cart, error) {
	var (
		sale *catalog.Sale
		err  error
	)
	if buyer != nil {
		sale, err = catalog.HoldSale(db, variantIDs(in), *buyer)
	} else {
		sale, err = catalog.ReadSale(db, variantIDs(in))
	}
	if err != nil {
		return nil, err
	}
	variants := make(map[string]catalog.SaleVariant, len(sale.Variants))
	coops := make(map[string]*coopInfo)
	for _, v := range sale.Variants {
		variants[v.ID] = v
		if coops[v.CoopID] == nil {
			coops[v.CoopID] = &coopInfo{
				ID: v.CoopID, Slug: v.CoopSlug, Name: v.CoopName, Status: v.CoopStatus,
				ShippingFeeVND: v.ShippingFeeVND, FreeShippingOverVND: v.FreeShippingOverVND,
				BankBIN: v.BankBIN, BankAccountNumber: v.BankAccountNumber, BankAccountName: v.BankAccountName,
			}
		}
	}
	var unknown, blocked problems
	c := &cart{lines: make([]*line, 0, len(in)), sale: sale}
	byCoop := make(map[string]*group)
	for i, l := range in {
		v, ok := variants[l.VariantID]
		if !ok {
			unknown.add(itemField(i, "variant_id"), "Không tìm thấy loại hàng này.")
			continue
		}
		coop := coops[v.CoopID]
		if !catalog.Purchasable(v.ProductStatus, v.Hidden, coop.Status) {
			blocked.add(itemField(i, "variant_id"), "Sản phẩm «"+v.ProductName+"» hiện không bán.")
			continue
		}
		if v.PriceVND <= 0 || v.PriceVND > catalog.MaxPriceVND {
			// Priced before the bound existed: the seller must fix it first.
			blocked.add(itemField(i, "variant_id"), "Sản phẩm «"+v.ProductName+"» đang có giá không hợp lệ; người bán cần sửa giá.")
			continue
		}
		ln := &line{idx: i, quantity: l.Quantity, v: v}
		c.lines = append(c.lines, ln)
		g := byCoop[coop.ID]
		if g == nil {
			g = &group{coop: coop}
			byCoop[coop.ID] = g
			c.groups = append(c.groups, g)
		}
		g.lines = append(g.lines, ln)
	}
	if len(unknown) > 0 {
		return nil, unknown.err()
	}
	if len(blocked) > 0 {
		return nil, errNotPurchasable(blocked)
	}
	if err := c.sum(); err != nil {
		return nil, err
	}
	return c, nil
}

// Codes of checkout refusals, from API.md.
const (
	CodeOutOfStock             = "out_of_stock"
	CodeNotPurchasable         = "not_purchasable"
	CodeIdempotencyKeyMissing  = "idempotency_key_missing"
	CodeIdempotencyInProgress  = "idempotency_in_progress"
	CodeIdempotencyKeyMismatch = "idempotency_mismatch"
)

func errNotPurchasable(fields problems) error {
	e := apperr.Conflictf(CodeNotPurchasable, "Có sản phẩm trong giỏ hiện không bán; hãy bỏ chúng ra rồi đặt lại.")
	e.Fields = fields
	return e
}
