package web

import (
	"net/http"
	"strings"

	"github.com/ganh-market/ganh/banks"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"github.com/gofiber/fiber/v2"
)

// The staff desk (issue 16): finding coops and products by name, the
// hidden products with their reasons, and an applicant's whole file. What
// a province's staff may see is the catalog's answer (policy.Oversees):
// another province's coop is not found here either.

// deskQuery is the desk's search text from ?q=, bounded.
func deskQuery(c *fiber.Ctx) string { return queryText(c, "q") }

// queryText is the search text of the query parameter name, trimmed and
// bounded to 100 characters.
func queryText(c *fiber.Ctx, name string) string {
	q := strings.TrimSpace(strings.Clone(c.Query(name)))
	if r := []rune(q); len(r) > 100 {
		q = string(r[:100])
	}
	return q
}

// staffProducts lists products for moderation: found by name (?q=), the
// hidden ones with their reasons (?an=1), or else the newest of those the
// staff member oversees; each with hide or unhide.
func (w *Web) staffProducts(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	ctx, a := c.UserContext(), httpx.Actor(c)
	q, hidden := deskQuery(c), c.Query("an") == "1"
	d := staffProductsData{Q: q, Hidden: hidden}
	switch {
	case q != "":
		finds, err := w.d.Catalog.StaffSearch(ctx, a, q)
		if err != nil {
			return err
		}
		d.Products = finds.Products
	case hidden:
		page, err := w.d.Catalog.HiddenProducts(ctx, a, kernel.PageRequest{Limit: 30, Cursor: c.Query("sau")})
		if err != nil {
			return err
		}
		d.Products = page.Items
		if page.NextCursor != nil {
			d.NextURL = pathStaff + "/san-pham?an=1&sau=" + *page.NextCursor
		}
	default:
		o, _ := policy.Oversees(a) // RequireStaff let her in
		page, err := w.d.Catalog.Products(ctx, a, catalog.ProductFilter{Province: o.Province}, kernel.PageRequest{Limit: 30, Cursor: c.Query("sau")})
		if err != nil {
			return err
		}
		d.Products = page.Items
		if page.NextCursor != nil {
			d.NextURL = pathStaff + "/san-pham?sau=" + *page.NextCursor
		}
	}
	d.Back = pathStaff + "/san-pham"
	if hidden {
		d.Back += "?an=1"
	}
	return w.render(c, http.StatusOK, "staff_products", &view{Title: tr("staff.products.title"), Form: map[string]string{"q": q}, D: d})
}

// staffProductsData is the product moderation list.
type staffProductsData struct {
	Products []catalog.Product
	Q        string
	Hidden   bool
	Back     string
	NextURL  string
}

// applicantData is everything an applicant entered, and her history.
type applicantData struct {
	Coop     *catalog.Coop
	BankName string
	History  []catalog.StatusChange
	Members  []catalog.Member
}

// staffApplicant shows one coop's file as its owner entered it, with its
// status history and the moderation buttons its status allows.
func (w *Web) staffApplicant(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	ctx, a, id := c.UserContext(), httpx.Actor(c), strings.Clone(c.Params("id"))
	// The history is the staff read (ReadCoop): another province's coop is
	// not found, even when it is public.
	history, err := w.d.Catalog.CoopHistory(ctx, a, id)
	if err != nil {
		return err
	}
	co, err := w.d.Catalog.Coop(ctx, a, id)
	if err != nil {
		return err
	}
	members, err := w.d.Catalog.Members(ctx, a, id)
	if err != nil {
		return err
	}
	d := applicantData{Coop: co, History: history, Members: members}
	if co.Bank != nil {
		d.BankName = co.Bank.BIN
		if b, ok := banks.ByBIN(co.Bank.BIN); ok {
			d.BankName = b.ShortName + " — " + b.Name
		}
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return w.render(c, http.StatusOK, "staff_applicant", &view{Title: tr("staff.applicant.title", co.Name), D: d})
}

// staffHomeDesk fills the console's front page search (?q=).
func (w *Web) staffHomeDesk(c *fiber.Ctx, d *staffHomeData) error {
	d.Q = deskQuery(c)
	if d.Q == "" {
		return nil
	}
	finds, err := w.d.Catalog.StaffSearch(c.UserContext(), httpx.Actor(c), d.Q)
	if err != nil {
		return err
	}
	d.Finds = finds
	return nil
}
