package api

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/orders"
	"github.com/gofiber/fiber/v2"
)

// headerIdempotencyKey is the header of draft-ietf-httpapi-idempotency-key-header.
const headerIdempotencyKey = "Idempotency-Key"

func (s *server) quote(c *fiber.Ctx) error {
	var in orders.QuoteInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	q, err := s.orders.Quote(c.UserContext(), httpx.Actor(c), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, q)
}

// checkout places the orders of a cart. The key is checked before the body
// so a client that forgot it learns that first. The answer is sent as the
// service stored it: a retry gets the same status and the same bytes.
func (s *server) checkout(c *fiber.Ctx) error {
	key := strings.Clone(c.Get(headerIdempotencyKey))
	if key == "" {
		return orders.ErrKeyMissing()
	}
	var in orders.CheckoutInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	res, err := s.orders.Checkout(c.UserContext(), httpx.Actor(c), orders.CheckoutRequest{
		Key: key, Input: in, Refusal: storedProblem(strings.Clone(c.OriginalURL())),
	})
	if err != nil {
		return err
	}
	contentType := fiber.MIMEApplicationJSON
	if res.Status >= 400 {
		contentType = "application/problem+json"
	}
	if res.Replayed {
		c.Set("Idempotent-Replayed", "true")
	}
	c.Set(fiber.HeaderContentType, contentType)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(res.Status).Send(res.Body)
}

// storedProblem renders a refused checkout as the problem the client gets,
// without the per-request id, so the stored copy a retry receives is the
// same bytes as the first answer.
func storedProblem(instance string) func(error) (int, []byte) {
	return func(err error) (int, []byte) {
		e := apperr.As(err)
		status := httpx.Status(e.Kind)
		p := Problem{
			Type: problemTypeBase + e.Code, Title: http.StatusText(status), Status: status,
			Code: e.Code, Detail: e.Message, Instance: instance, Errors: e.Fields,
		}
		body, merr := json.Marshal(p)
		if merr != nil {
			return http.StatusConflict, []byte(`{"type":"about:blank","status":409,"code":"` + e.Code + `"}`)
		}
		return status, body
	}
}
