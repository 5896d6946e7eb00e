package api

import (
	"github.com/ganh-market/ganh/httpbody"
	"github.com/gofiber/fiber/v2"
)

// routes lists every path of the service in one place.
func (s *server) routes(app *fiber.App) {
	app.Get("/healthz", s.healthz)
	app.Get("/readyz", s.readyz)
	app.Get("/metrics", s.metrics())

	v1 := app.Group("/api/v1", s.authenticate)
	v1.Get("/openapi.json", s.openapi)

	v1.Post("/auth/register", s.register)
	v1.Post("/auth/login", s.login)
	v1.Post("/auth/logout", requireUser, s.logout)
	v1.Get("/me", requireUser, s.me)

	// Cooperatives (catalog).
	v1.Post("/coops", requireUser, s.applyForCoop)
	v1.Get("/coops", s.publicCache.wrap(s.listCoops, coopListQuery...))
	v1.Get("/coops/:id", s.publicCache.wrap(s.getCoop))
	v1.Patch("/coops/:id", requireUser, s.updateCoop)
	v1.Get("/coops/:id/history", requireUser, s.coopHistory)
	v1.Get("/coops/:id/members", requireUser, s.listMembers)
	v1.Post("/coops/:id/members", requireUser, s.addMember)
	v1.Delete("/coops/:id/members/:user_id", requireUser, s.removeMember)
	v1.Get("/coops/:id/audit", requireUser, s.coopAudit)
	v1.Get("/admin/coops", requireStaff, s.adminListCoops)
	v1.Post("/admin/coops/:id/approve", requireStaff, coopAction(s.catalog.ApproveCoop))
	v1.Post("/admin/coops/:id/reject", requireStaff, coopAction(s.catalog.RejectCoop))
	v1.Post("/admin/coops/:id/suspend", requireStaff, coopAction(s.catalog.SuspendCoop))

	// Catalog: categories, products, featured lists.
	v1.Get("/categories", s.publicCache.wrap(s.listCategories))
	v1.Post("/admin/categories", requireStaff, s.createCategory)
	v1.Patch("/admin/categories/:id", requireStaff, s.renameCategory)
	v1.Post("/coops/:id/products", requireUser, s.createProduct)
	v1.Get("/coops/:id/products", s.publicCache.wrap(s.coopProducts, coopProductsQuery...))
	v1.Get("/products", s.publicCache.wrap(s.listProducts, productListQuery...))
	v1.Get("/products/:id", s.publicCache.wrap(s.getProduct))
	v1.Patch("/products/:id", requireUser, s.updateProduct)
	v1.Post("/products/:id/variants", requireUser, s.addVariant)
	v1.Patch("/products/:id/variants/:variant_id", requireUser, s.updateVariant)
	v1.Post("/admin/products/:id/hide", requireStaff, s.hideProduct)
	v1.Post("/admin/products/:id/unhide", requireStaff, s.unhideProduct)
	v1.Get("/featured", s.publicCache.wrap(s.featured))
	v1.Get("/admin/featured", requireStaff, s.featuredEntries)
	v1.Put("/admin/featured", requireStaff, s.setFeatured)

	// Search: public, the same answer for everyone (only purchasable products).
	v1.Get("/search", s.searchProducts)
	v1.Get("/search/suggest", s.suggestProducts)

	// Photos: uploads through the API, direct uploads to the object store,
	// coop logos and banners (catalog + media). Only the routes named
	// httpbody.PhotoRoute take a body larger than the small limit, and read
	// it only once they have checked the caller.
	v1.Post("/products/:id/images", requireUser, s.addProductImage).Name(httpbody.PhotoRoute)
	v1.Post("/products/:id/images/uploads", requireUser, s.startDirectUpload)
	v1.Post("/products/:id/images/uploads/:key/complete", requireUser, s.completeDirectUpload)
	v1.Delete("/products/:id/images/:image_id", requireUser, s.removeProductImage)
	v1.Post("/coops/:id/logo", requireUser, s.setCoopImage("logo")).Name(httpbody.PhotoRoute)
	v1.Delete("/coops/:id/logo", requireUser, s.clearCoopImage("logo"))
	v1.Post("/coops/:id/banner", requireUser, s.setCoopImage("banner")).Name(httpbody.PhotoRoute)
	v1.Delete("/coops/:id/banner", requireUser, s.clearCoopImage("banner"))

	// Checkout and orders. Guests reach their order with its code and ?phone=.
	v1.Post("/checkout/quote", s.quote)
	v1.Post("/checkout", s.checkout)
	v1.Get("/orders", requireUser, s.myOrders)
	v1.Get("/orders/:code", s.getOrder)
	v1.Post("/orders/:code/cancel", s.cancelOrder)
	v1.Post("/orders/:code/status", requireUser, s.setOrderStatus)
	v1.Post("/orders/:code/paid", requireUser, s.markOrderPaid)
	v1.Get("/orders/:code/vietqr", s.orderVietQR)
	v1.Post("/orders/:code/reviews", s.addReview)
	v1.Get("/products/:slug/reviews", s.productReviews)
	v1.Get("/coops/:id/orders", requireUser, s.coopOrders)

	// Notifications: the caller's inbox and channels; failed deliveries
	// for staff.
	v1.Get("/notifications", requireUser, s.listNotifications)
	v1.Get("/notifications/unread-count", requireUser, s.unreadNotifications)
	v1.Post("/notifications/read", requireUser, s.readNotifications)
	v1.Get("/me/notification-settings", requireUser, s.notificationSettings)
	v1.Put("/me/notification-settings", requireUser, s.setNotificationSettings)
	v1.Get("/admin/notifications/failed", requireStaff, s.failedNotifications)
	v1.Get("/push/vapid-public-key", s.vapidPublicKey)
	v1.Post("/push/subscriptions", requireUser, s.subscribePush)
	v1.Delete("/push/subscriptions", requireUser, s.unsubscribePush)

	// Reports: JSON, or CSV with Accept: text/csv or ?format=csv.
	v1.Get("/admin/reports/overview", requireStaff, s.reportOverview)
	v1.Get("/admin/reports/sales", requireStaff, s.reportSales)
	v1.Get("/coops/:id/reports/sales", requireUser, s.coopReportSales)

	v1.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
}
