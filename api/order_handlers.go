package api

import (
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/orders/vietqr"
	"github.com/gofiber/fiber/v2"
)

// caller is who asks about an order: the signed-in user, the phone a guest
// gives with the order code (?phone=), and the client address orders
// counts a guest's failed lookups against.
func caller(c *fiber.Ctx) orders.Caller {
	return orders.Caller{Actor: httpx.Actor(c), Phone: query(c, "phone"), ClientIP: strings.Clone(c.IP())}
}

func (s *server) myOrders(c *fiber.Ctx) error {
	pr, err := pageRequest(c)
	if err != nil {
		return err
	}
	page, err := s.orders.BuyerOrders(c.UserContext(), httpx.Actor(c), pr)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, page)
}

func (s *server) coopOrders(c *fiber.Ctx) error {
	pr, err := pageRequest(c)
	if err != nil {
		return err
	}
	page, err := s.orders.CoopOrders(c.UserContext(), httpx.Actor(c), param(c, "id"), orders.Status(query(c, "status")), pr)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, page)
}

func (s *server) getOrder(c *fiber.Ctx) error {
	o, err := s.orders.Order(c.UserContext(), caller(c), param(c, "code"))
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, o)
}

func (s *server) cancelOrder(c *fiber.Ctx) error {
	var in cancelRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	o, err := s.orders.Cancel(c.UserContext(), caller(c), param(c, "code"), in.Reason)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, o)
}

func (s *server) setOrderStatus(c *fiber.Ctx) error {
	var in orders.StatusInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	o, err := s.orders.SetStatus(c.UserContext(), caller(c), param(c, "code"), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, o)
}

func (s *server) markOrderPaid(c *fiber.Ctx) error {
	o, err := s.orders.MarkPaid(c.UserContext(), caller(c), param(c, "code"))
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, o)
}

// defaultQRSize is the side of the QR image in pixels: sharp on a phone
// screen, small to send.
const defaultQRSize = 512

// orderVietQR answers the payment code as JSON, or with ?format=png as the
// image itself.
func (s *server) orderVietQR(c *fiber.Ctx) error {
	format := query(c, "format")
	size := defaultQRSize
	if v := c.Query("size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < vietqr.MinPNGSize || n > vietqr.MaxPNGSize {
			return apperr.Field("size", "Kích thước ảnh QR phải từ 128 đến 1024 điểm ảnh.")
		}
		size = n
	}
	if format != "" && format != "json" && format != "png" {
		return apperr.Field("format", "format phải là json hoặc png.")
	}
	q, err := s.orders.VietQR(c.UserContext(), caller(c), param(c, "code"))
	if err != nil {
		return err
	}
	if format != "png" {
		return sendPrivate(c, fiber.StatusOK, q)
	}
	img, err := vietqr.PNG(q.Payload, size)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	c.Set(fiber.HeaderContentType, "image/png")
	return c.Send(img)
}

func (s *server) addReview(c *fiber.Ctx) error {
	var in orders.ReviewInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	r, err := s.orders.AddReview(c.UserContext(), caller(c), param(c, "code"), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusCreated, r)
}

func (s *server) productReviews(c *fiber.Ctx) error {
	pr, err := pageRequest(c)
	if err != nil {
		return err
	}
	page, err := s.orders.ProductReviews(c.UserContext(), httpx.Actor(c), param(c, "slug"), pr)
	if err != nil {
		return err
	}
	return sendPublic(c, page)
}

// cancelRequest is the body of POST /orders/{code}/cancel.
type cancelRequest struct {
	Reason string `json:"reason"`
}
