package api

import (
	"github.com/ganh-market/ganh/httpbody"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

// routes lists every path of the service in one place.
func (s *server) routes(app *fiber.App) {
	app.Get("/healthz", s.healthz)
	app.Get("/readyz", s.readyz)
	app.Get("/metrics", s.metrics())

	// SePay's bank notices carry "Authorization: Apikey …", not a bearer
	// token: registered before the group's sign-in middleware, which would
	// refuse that header.
	app.Post("/api/v1/payments/sepay", s.sepayWebhook)

	v1 := app.Group("/api/v1", s.authenticate)
	v1.Get("/openapi.json", s.openapi)

	v1.Post("/auth/register", s.register)
	v1.Post("/auth/login", s.login)
	v1.Post("/auth/logout", httpx.SignedIn, s.logout)
	v1.Get("/me", httpx.SignedIn, s.me)

	// Accounts people can recover (issue 17).
	v1.Post("/auth/password", httpx.SignedIn, s.changePassword)
	v1.Post("/auth/reset", s.resetPassword)
	v1.Get("/admin/users", httpx.StaffOnly, s.adminFindUsers)
	v1.Post("/admin/users/:id/reset-code", httpx.StaffOnly, s.issueResetCode)
	v1.Get("/me/sessions", httpx.SignedIn, s.mySessions)
	v1.Delete("/me/sessions/:id", httpx.SignedIn, s.revokeMySession)

	// Personal data (Decree 13/2023): export and erasure (an owner's waits
	// for POST /coops/{id}/owner, with the coop routes).
	v1.Get("/me/export", httpx.SignedIn, s.exportMe)
	v1.Delete("/me", httpx.SignedIn, s.eraseMe)

	// Cooperatives (catalog).
	v1.Post("/coops", httpx.SignedIn, s.applyForCoop)
	v1.Get("/coops", s.publicCache.wrap(s.listCoops, coopListQuery...))
	v1.Get("/coops/:id", s.publicCache.wrap(s.getCoop))
	v1.Patch("/coops/:id", httpx.SignedIn, s.updateCoop)
	v1.Get("/coops/:id/history", httpx.SignedIn, s.coopHistory)
	v1.Get("/coops/:id/members", httpx.SignedIn, s.listMembers)
	v1.Post("/coops/:id/members", httpx.SignedIn, s.addMember)
	v1.Delete("/coops/:id/members/:user_id", httpx.SignedIn, s.removeMember)
	v1.Post("/coops/:id/owner", httpx.SignedIn, s.moveOwner)
	v1.Get("/coops/:id/audit", httpx.SignedIn, s.coopAudit)
	v1.Get("/admin/coops", httpx.StaffOnly, s.adminListCoops)
	v1.Post("/admin/coops/:id/approve", httpx.StaffOnly, coopAction(s.catalog.ApproveCoop))
	v1.Post("/admin/coops/:id/reject", httpx.StaffOnly, coopAction(s.catalog.RejectCoop))
	v1.Post("/admin/coops/:id/suspend", httpx.StaffOnly, coopAction(s.catalog.SuspendCoop))

	// Catalog: categories, products, featured lists.
	v1.Get("/categories", s.publicCache.wrap(s.listCategories))
	v1.Post("/admin/categories", httpx.StaffOnly, s.createCategory)
	v1.Patch("/admin/categories/:id", httpx.StaffOnly, s.renameCategory)
	v1.Post("/coops/:id/products", httpx.SignedIn, s.createProduct)
	v1.Get("/coops/:id/products", s.publicCache.wrap(s.coopProducts, coopProductsQuery...))
	v1.Get("/products", s.publicCache.wrap(s.listProducts, productListQuery...))
	v1.Get("/products/:id", s.publicCache.wrap(s.getProduct))
	v1.Patch("/products/:id", httpx.SignedIn, s.updateProduct)
	v1.Post("/products/:id/variants", httpx.SignedIn, s.addVariant)
	v1.Patch("/products/:id/variants/:variant_id", httpx.SignedIn, s.updateVariant)
	v1.Post("/admin/products/:id/hide", httpx.StaffOnly, s.hideProduct)
	v1.Post("/admin/products/:id/unhide", httpx.StaffOnly, s.unhideProduct)
	v1.Get("/featured", s.publicCache.wrap(s.featured, featuredQuery...))
	v1.Get("/admin/featured", httpx.StaffOnly, s.featuredEntries)
	v1.Put("/admin/featured", httpx.StaffOnly, s.setFeatured)

	// Search: public, the same answer for everyone (only purchasable products).
	v1.Get("/search", s.searchProducts)
	v1.Get("/search/suggest", s.suggestProducts)

	// Photos: uploads through the API, direct uploads to the object store,
	// coop logos and banners (catalog + media). Only the routes named
	// httpbody.PhotoRoute take a body larger than the small limit, and read
	// it only once they have checked the caller.
	v1.Post("/products/:id/images", httpx.SignedIn, s.addProductImage).Name(httpbody.PhotoRoute)
	v1.Post("/products/:id/images/uploads", httpx.SignedIn, s.startDirectUpload)
	v1.Post("/products/:id/images/uploads/:key/complete", httpx.SignedIn, s.completeDirectUpload)
	v1.Delete("/products/:id/images/:image_id", httpx.SignedIn, s.removeProductImage)
	v1.Post("/coops/:id/logo", httpx.SignedIn, s.setCoopImage("logo")).Name(httpbody.PhotoRoute)
	v1.Delete("/coops/:id/logo", httpx.SignedIn, s.clearCoopImage("logo"))
	v1.Post("/coops/:id/banner", httpx.SignedIn, s.setCoopImage("banner")).Name(httpbody.PhotoRoute)
	v1.Delete("/coops/:id/banner", httpx.SignedIn, s.clearCoopImage("banner"))

	// Checkout and orders. Guests reach their order with its code and ?phone=.
	v1.Post("/checkout/quote", s.quote)
	v1.Post("/checkout", s.checkout)
	v1.Get("/orders", httpx.SignedIn, s.myOrders)
	v1.Get("/orders/:code", s.getOrder)
	v1.Post("/orders/:code/cancel", s.cancelOrder)
	v1.Post("/orders/:code/status", httpx.SignedIn, s.setOrderStatus)
	v1.Post("/orders/:code/paid", httpx.SignedIn, s.markOrderPaid)
	v1.Get("/orders/:code/vietqr", s.orderVietQR)
	v1.Post("/orders/:code/reviews", s.addReview)
	v1.Get("/products/:slug/reviews", s.productReviews)
	v1.Get("/coops/:id/orders", httpx.SignedIn, s.coopOrders)

	// Notifications: the caller's inbox and channels; failed deliveries
	// for staff.
	v1.Get("/notifications", httpx.SignedIn, s.listNotifications)
	v1.Get("/notifications/unread-count", httpx.SignedIn, s.unreadNotifications)
	v1.Post("/notifications/read", httpx.SignedIn, s.readNotifications)
	v1.Get("/me/notification-settings", httpx.SignedIn, s.notificationSettings)
	v1.Put("/me/notification-settings", httpx.SignedIn, s.setNotificationSettings)
	v1.Get("/admin/notifications/failed", httpx.StaffOnly, s.failedNotifications)
	v1.Get("/push/vapid-public-key", s.vapidPublicKey)
	v1.Post("/push/subscriptions", httpx.SignedIn, s.subscribePush)
	v1.Delete("/push/subscriptions", httpx.SignedIn, s.unsubscribePush)

	// Reports: JSON, or CSV with Accept: text/csv or ?format=csv.
	v1.Get("/admin/reports/overview", httpx.StaffOnly, s.reportOverview)
	v1.Get("/admin/reports/sales", httpx.StaffOnly, s.reportSales)
	v1.Get("/coops/:id/reports/sales", httpx.SignedIn, s.coopReportSales)

	// The Hội's network, staff scoped to a province (issue 16): featured
	// lists per province are GET /featured?province= and /admin/featured?province= above.
	v1.Patch("/admin/users/:id", httpx.StaffOnly, s.setStaffProvince)

	// Places and saved addresses (issue 15): the two-tier list of 2025,
	// from the binary; a signed-in shopper's address book.
	v1.Get("/provinces", s.listProvinces)
	v1.Get("/provinces/:slug/communes", s.listCommunes)
	v1.Get("/me/addresses", httpx.SignedIn, s.myAddresses)
	v1.Post("/me/addresses", httpx.SignedIn, s.addAddress)
	v1.Patch("/me/addresses/:id", httpx.SignedIn, s.updateAddress)
	v1.Post("/me/addresses/:id/default", httpx.SignedIn, s.setDefaultAddress)
	v1.Delete("/me/addresses/:id", httpx.SignedIn, s.removeAddress)

	// Payments (issue 15): bank notices from SePay (above), unmatched money for staff, cash refused at the door, and a
	// coop's "tiền về".
	v1.Get("/admin/payments/unmatched", httpx.StaffOnly, s.unmatchedPayments)
	v1.Post("/admin/payments/:id/attach", httpx.StaffOnly, s.attachPayment)
	v1.Post("/orders/:code/cod-refused", httpx.SignedIn, s.codRefused)
	v1.Get("/coops/:id/payments", httpx.SignedIn, s.coopPayments)

	// Her shop, her way (issue 13): an application sent back after edits,
	// the VietQR banks to pick from, every variant of a product in one save.
	v1.Post("/coops/:id/resubmit", httpx.SignedIn, s.resubmitCoop)
	v1.Get("/banks", s.listBanks)
	v1.Patch("/products/:id/variants", httpx.SignedIn, s.updateVariants)

	// The Hội's network (issue 16): referrers, the chapters' leaderboard,
	// QR codes and posters of the public pages.
	v1.Post("/admin/referrers", httpx.StaffOnly, s.createReferrer)
	v1.Get("/admin/referrers", httpx.StaffOnly, s.listReferrers)
	v1.Get("/admin/reports/chapters", httpx.StaffOnly, s.chapterLeaderboard)
	v1.Get("/products/:slug/qr.png", s.productQR)
	v1.Get("/coops/:slug/qr.png", s.coopQR)
	v1.Get("/coops/:slug/poster.pdf", s.coopPoster)

	v1.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
}
