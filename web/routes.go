package web

import (
	"github.com/ganh-market/ganh/httpbody"
	"github.com/gofiber/fiber/v2"
)

// Paths of the pages, in Vietnamese without diacritics. Every link in a
// template is built from these or from the route list below.
const (
	pathHome     = "/"
	pathSearch   = "/tim-kiem"
	pathCart     = "/gio-hang"
	pathCheckout = "/thanh-toan"
	pathOrders   = "/don-hang"
	pathLogin    = "/dang-nhap"
	pathRegister = "/dang-ky"
	pathLogout   = "/dang-xuat"
	pathSeller   = "/ban-hang"
	pathStaff    = "/quan-tri"
)

// routes lists every page of the web app in one place. Each handler is
// wrapped by page, which resolves the session cookie, checks the CSRF token
// of every POST and turns errors into friendly pages; the two forms that
// carry a photo by photoPage, which does the same while streaming the body
// (they are the only routes whose body may be large: httpbody.PhotoRoute).
func (w *Web) routes(app *fiber.App) {
	app.Get("/static/:name", w.asset)
	app.Get("/favicon.ico", w.favicon)
	app.Use(w.recordReferrer)

	// Shoppers.
	app.Get(pathHome, w.page(w.home))
	app.Get(pathSearch, w.page(w.searchPage))
	app.Get(pathSearch+"/goi-y", w.page(w.suggest))
	app.Get("/san-pham/:slug", w.page(w.product))
	app.Get("/hop-tac-xa/:slug", w.page(w.coop))
	app.Get(pathCart, w.page(w.cartPage))
	app.Post(pathCart+"/them", w.page(w.cartAdd))
	app.Post(pathCart+"/cap-nhat", w.page(w.cartUpdate))
	app.Get(pathCheckout, w.page(w.checkoutPage))
	app.Post(pathCheckout, w.page(w.checkoutSubmit))
	app.Get(pathOrders, w.page(w.ordersPage))
	app.Get(pathOrders+"/:code", w.page(w.orderPage))
	app.Get(pathOrders+"/:code/vietqr.png", w.page(w.orderQR))
	app.Post(pathOrders+"/:code/huy", w.page(w.orderCancel))
	app.Post(pathOrders+"/:code/danh-gia", w.page(w.orderReview))

	// Accounts.
	app.Get(pathLogin, w.page(w.loginPage))
	app.Post(pathLogin, w.page(w.loginSubmit))
	app.Get(pathRegister, w.page(w.registerPage))
	app.Post(pathRegister, w.page(w.registerSubmit))
	app.Post(pathLogout, w.page(w.logout))
	app.Get(pathAccount, w.page(w.accountPage))
	app.Post(pathAccount+"/mat-khau", w.page(w.accountPassword))
	app.Post(pathAccount+"/phien/:id/dang-xuat", w.page(w.accountSessionRevoke))
	app.Get(pathAccount+"/du-lieu.json", w.page(w.accountExport))
	app.Post(pathAccount+"/xoa", w.page(w.accountErase))
	app.Get(pathAddresses, w.page(w.addressesPage))
	app.Post(pathAddresses, w.page(w.addressAdd))
	app.Post(pathAddresses+"/:id/mac-dinh", w.page(w.addressDefault))
	app.Post(pathAddresses+"/:id/xoa", w.page(w.addressDelete))
	app.Get(pathPrivacy, w.page(w.privacyPage))
	app.Get(pathReset, w.page(w.resetPage))
	app.Post(pathReset, w.page(w.resetSubmit))

	// Notifications of the signed-in person.
	app.Get(pathNotifications, w.page(w.notificationsPage))
	app.Post(pathNotifications+"/da-doc", w.page(w.notificationsReadAll))
	app.Get(pathNotifications+"/cai-dat", w.page(w.notificationSettingsPage))
	app.Post(pathNotifications+"/cai-dat", w.page(w.notificationSettingsSave))
	app.Get(pathNotifications+"/:id", w.page(w.notificationOpen))

	// Sellers (and stewards, and staff acting for a coop).
	app.Get(pathSeller, w.page(w.sellerHome))
	app.Get(pathSeller+"/mo-gian-hang", w.page(w.applyPage))
	app.Post(pathSeller+"/mo-gian-hang", w.page(w.applySubmit))
	app.Get(pathSeller+"/:coop", w.page(w.sellerCoop))
	app.Get(pathSeller+"/:coop/san-pham/moi", w.page(w.productNewPage))
	app.Post(pathSeller+"/:coop/san-pham/moi", w.photoPage(w.productCreate)).Name(httpbody.PhotoRoute)
	app.Get(pathSeller+"/:coop/san-pham/:id", w.page(w.productEditPage))
	app.Post(pathSeller+"/:coop/san-pham/:id", w.page(w.productUpdate))
	app.Post(pathSeller+"/:coop/san-pham/:id/anh", w.photoPage(w.productPhoto)).Name(httpbody.PhotoRoute)
	app.Post(pathSeller+"/:coop/san-pham/:id/anh/:image/xoa", w.page(w.productPhotoDelete))
	app.Post(pathSeller+"/:coop/san-pham/:id/loai", w.page(w.variantAdd))
	app.Get(pathSeller+"/:coop/don-hang", w.page(w.sellerOrders))
	app.Post(pathSeller+"/:coop/don-hang/:code/trang-thai", w.page(w.sellerOrderStatus))
	app.Post(pathSeller+"/:coop/don-hang/:code/da-thanh-toan", w.page(w.sellerOrderPaid))
	app.Get(pathSeller+"/:coop/bao-cao", w.page(w.sellerReport))
	app.Get(pathSeller+"/:coop/bao-cao.csv", w.page(w.sellerReportCSV))

	// Her shop, her way (issue 13): the shop profile (bank picked by name),
	// an application sent back, one order's page and its packing slip,
	// every variant of a product saved in one form.
	app.Get(pathSeller+"/:coop/ho-so", w.page(w.shopProfilePage))
	app.Post(pathSeller+"/:coop/ho-so", w.page(w.shopProfileSave))
	app.Post(pathSeller+"/:coop/ho-so/:which", w.photoPage(w.shopPhoto)).Name(httpbody.PhotoRoute)
	app.Post(pathSeller+"/:coop/gui-lai", w.page(w.shopResubmit))
	app.Get(pathSeller+"/:coop/don-hang/:code", w.page(w.sellerOrderPage))
	app.Get(pathSeller+"/:coop/don-hang/:code/phieu-giao", w.page(w.packingSlip))
	app.Post(pathSeller+"/:coop/san-pham/:id/cac-loai", w.page(w.variantsSave))

	// Hội staff.
	app.Get(pathStaff, w.page(w.staffHome))
	app.Get(pathStaff+"/hop-tac-xa", w.page(w.staffCoops))
	app.Post(pathStaff+"/hop-tac-xa/:id/:action", w.page(w.staffCoopAction))
	app.Get(pathStaff+"/san-pham", w.page(w.staffProducts))
	app.Post(pathStaff+"/san-pham/:id/:action", w.page(w.staffProductAction))
	app.Get(pathStaff+"/noi-bat", w.page(w.staffFeatured))
	app.Post(pathStaff+"/noi-bat", w.page(w.staffFeaturedSave))
	app.Get(pathStaff+"/thong-bao", w.page(w.staffNotifications))
	app.Get(pathStaff+"/tai-khoan", w.page(w.staffUsers))
	app.Post(pathStaff+"/tai-khoan/:id/ma-khoi-phuc", w.page(w.staffIssueCode))
	app.Get(pathStaff+"/bao-cao", w.page(w.staffReport))
	app.Get(pathStaff+"/bao-cao.csv", w.page(w.staffReportCSV))
	app.Get(pathStaff+"/bao-cao/tong-quan.csv", w.page(w.staffOverviewCSV))
	// The Hội's network (issue 16): a staff member's province, the desk's
	// applicant page, featured entries picked from search results.
	app.Post(pathStaff+"/tai-khoan/:id/tinh", w.page(w.staffSetProvince))
	app.Get(pathStaff+"/hop-tac-xa/:id", w.page(w.staffApplicant))
	app.Post(pathStaff+"/noi-bat/them", w.page(w.staffFeaturedAdd))

	// Payments (issue 15): cash refused at the door, the seller's "tiền
	// về", unmatched bank money for staff.
	app.Post(pathSeller+"/:coop/don-hang/:code/khong-thu-duoc-tien", w.page(w.sellerCODRefused))
	app.Get(pathSeller+"/:coop/tien-ve", w.page(w.sellerMoneyIn))
	app.Get(pathSeller+"/:coop/tien-ve.csv", w.page(w.sellerMoneyInCSV))
	app.Get(pathUnmatched, w.page(w.staffUnmatched))
	app.Post(pathUnmatched+"/:id/gan", w.page(w.staffAttach))

	// The Hội's network: chapters and members who share links, and the
	// chapters' leaderboard.
	app.Get(pathReferrers, w.page(w.staffReferrers))
	app.Post(pathReferrers, w.page(w.staffReferrerCreate))
	app.Get(pathReferrers+"/bang-xep-hang", w.page(w.staffLeaderboard))

	// Photos sent in the background by the product form (resumable), the
	// installable app (manifest, service worker, offline page).
	w.uploadRoutes(app)
	w.appRoutes(app)

	// Anything else that no later mount answers gets a friendly 404 page
	// (paths of the API keep their problem+json answers).
	app.Use(w.notFound)
}
