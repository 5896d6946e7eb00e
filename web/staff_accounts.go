package web

import (
	"github.com/ganh-market/ganh/httpx"
	"net/http"
	"strings"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/kernel"
	"github.com/gofiber/fiber/v2"
)

// staffUsersData is the staff page to find a person and issue a code.
type staffUsersData struct {
	Query string
	Users []accounts.User
	// Admin says whether the viewer may set staff provinces (an admin of
	// every province; the service checks again).
	Admin bool
	// Issued is the code just issued, shown once.
	Issued *issuedCode
}

type issuedCode struct {
	Name, Code string
	ExpiresAt  time.Time
}

// staffUsers finds accounts by phone or name (a member calls her chapter).
func (w *Web) staffUsers(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	q := strings.TrimSpace(strings.Clone(c.Query("q")))
	u := httpx.CurrentUser(c)
	d := staffUsersData{Query: q, Admin: u.Role == kernel.RoleAdmin && u.Province == nil}
	v := &view{Title: tr("staff.users.title"), Form: map[string]string{"q": q}}
	if q != "" {
		users, err := w.d.Accounts.FindUsers(c.UserContext(), q)
		if err != nil {
			byField, list, ok := formErrors(err, nil)
			if !ok {
				return err
			}
			v.Errors, v.ErrorList = byField, list
		}
		d.Users = users
	}
	v.D = d
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return w.render(c, http.StatusOK, "staff_users", v)
}

// staffIssueCode issues a reset code and shows it once, to be read out
// over the phone. Notification channels (issue 14) would send it here.
func (w *Web) staffIssueCode(c *fiber.Ctx) error {
	if err := httpx.RequireStaff(c); err != nil {
		return err
	}
	id := strings.Clone(c.Params("id"))
	code, err := w.d.Accounts.IssueResetCode(c.UserContext(), httpx.CurrentUser(c), id, strings.Clone(c.IP()))
	if err != nil {
		return err
	}
	u, err := w.d.Accounts.UserByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return w.render(c, http.StatusOK, "staff_users", &view{Title: tr("staff.users.title"), Form: map[string]string{},
		D: staffUsersData{Issued: &issuedCode{Name: u.Name, Code: code.Code, ExpiresAt: code.ExpiresAt}}})
}
