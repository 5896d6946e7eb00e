package api

import (
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/gofiber/fiber/v2"
)

func (s *server) createProduct(c *fiber.Ctx) error {
	var in catalog.ProductInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p, err := s.catalog.CreateProduct(c.UserContext(), httpx.Actor(c), param(c, "id"), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusCreated, p)
}

func (s *server) coopProducts(c *fiber.Ctx) error {
	pr, err := pageRequest(c)
	if err != nil {
		return err
	}
	st := catalog.ProductStatus(query(c, "status"))
	if httpx.CurrentUser(c) == nil { // the database composes the public's page
		doc, version, err := s.catalog.PublicCoopProductsJSON(c.UserContext(), param(c, "id"), st, pr)
		if err != nil {
			return err
		}
		return sendAnswer(c, doc, documentTag(doc, version))
	}
	page, err := s.catalog.CoopProducts(c.UserContext(), httpx.Actor(c), param(c, "id"), st, pr)
	if err != nil {
		return err
	}
	return sendPublic(c, page)
}

func (s *server) listProducts(c *fiber.Ctx) error {
	pr, err := pageRequest(c)
	if err != nil {
		return err
	}
	f := catalog.ProductFilter{Category: query(c, "category"), Province: query(c, "province"), Coop: query(c, "coop")}
	if httpx.CurrentUser(c) == nil { // the database composes the public's page
		doc, version, err := s.catalog.PublicProductsJSON(c.UserContext(), f, pr)
		if err != nil {
			return err
		}
		return sendAnswer(c, doc, documentTag(doc, version))
	}
	page, err := s.catalog.Products(c.UserContext(), httpx.Actor(c), f, pr)
	if err != nil {
		return err
	}
	return sendPublic(c, page)
}

// getProduct answers GET /products/{slug}; an id works too, so a client can
// follow up on what it just created. The public's answer is the product's
// stored document, read in one statement and sent as it comes. Its ETag
// is the version of that document, which every change to the product
// bumps in the change's own transaction: If-None-Match is answered 304 from
// the same statement (which then does not read the document) and can never
// outlive a change.
func (s *server) getProduct(c *fiber.Ctx) error {
	if httpx.CurrentUser(c) == nil {
		doc, version, err := s.catalog.PublicProductJSON(c.UserContext(), param(c, "id"), heldVersion(c))
		if err != nil {
			return err
		}
		return sendAnswer(c, doc, documentTag(doc, version))
	}
	key := param(c, "id")
	p, err := s.catalog.ProductBySlug(c.UserContext(), httpx.Actor(c), key)
	if apperr.KindOf(err) == apperr.KindNotFound {
		p, err = s.catalog.ProductByID(c.UserContext(), httpx.Actor(c), key)
	}
	if err != nil {
		return err
	}
	return sendPublic(c, p)
}

func (s *server) updateProduct(c *fiber.Ctx) error {
	var in catalog.ProductPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p, err := s.catalog.UpdateProduct(c.UserContext(), httpx.Actor(c), param(c, "id"), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, p)
}

func (s *server) addVariant(c *fiber.Ctx) error {
	var in catalog.VariantInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p, err := s.catalog.AddVariant(c.UserContext(), httpx.Actor(c), param(c, "id"), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusCreated, p)
}

func (s *server) updateVariant(c *fiber.Ctx) error {
	var in catalog.VariantPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p, err := s.catalog.UpdateVariant(c.UserContext(), httpx.Actor(c), param(c, "id"), param(c, "variant_id"), in)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, p)
}

func (s *server) hideProduct(c *fiber.Ctx) error {
	reason, err := decodeReason(c)
	if err != nil {
		return err
	}
	p, err := s.catalog.HideProduct(c.UserContext(), httpx.Actor(c), param(c, "id"), reason)
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, p)
}

func (s *server) unhideProduct(c *fiber.Ctx) error {
	if _, err := decodeReason(c); err != nil {
		return err
	}
	p, err := s.catalog.UnhideProduct(c.UserContext(), httpx.Actor(c), param(c, "id"))
	if err != nil {
		return err
	}
	return sendPrivate(c, fiber.StatusOK, p)
}
