package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/httpx"
	"github.com/ganh-market/ganh/kernel"
	"github.com/gofiber/fiber/v2"
)

// param copies a path parameter: Fiber reuses its buffers after the handler.
func param(c *fiber.Ctx, name string) string { return strings.Clone(c.Params(name)) }

// query copies a query parameter.
func query(c *fiber.Ctx, name string) string { return strings.Clone(c.Query(name)) }

// The query parameters each micro-cached list reads (pageRequest's and its
// filters): the cache key is made of these alone, so a parameter a handler
// starts reading must be added here (TestPublicCacheKeysDocumentedParameters
// checks them against openapi.yaml).
var (
	coopListQuery     = []string{"cursor", "limit", "province", "q"}
	coopProductsQuery = []string{"cursor", "limit", "status"}
	productListQuery  = []string{"category", "coop", "cursor", "limit", "province"}
)

// pageRequest reads ?limit=&cursor=; the catalog applies the default and cap.
func pageRequest(c *fiber.Ctx) (kernel.PageRequest, error) {
	pr := kernel.PageRequest{Cursor: query(c, "cursor")}
	if l := c.Query("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			return pr, apperr.Field("limit", "limit phải là số nguyên dương (tối đa 100).")
		}
		pr.Limit = n
	}
	return pr, nil
}

// sendPublic answers a public GET with a weak ETag of the body and the cache
// policy of the caller (publicCacheControl). A matching If-None-Match gets
// 304 and no body.
func sendPublic(c *fiber.Ctx, v any) error {
	body, err := c.App().Config().JSONEncoder(v)
	if err != nil {
		return err
	}
	return sendAnswer(c, body, etagOf(body))
}

// etagOf is the weak ETag of an answer's bytes.
func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `W/"` + hex.EncodeToString(sum[:12]) + `"`
}

// documentTag is the ETag of a public catalog answer read from the read
// model: its version, or the hash of its bytes when it was composed in Go
// (no version).
func documentTag(doc []byte, version string) string {
	if version == "" {
		return etagOf(doc)
	}
	return `W/"` + version + `"`
}

// sendAnswer writes a public answer with its ETag, or 304 when the caller
// already has it: when If-None-Match matches, or when body is nil (a read
// that compared the caller's version itself and found it current).
func sendAnswer(c *fiber.Ctx, body []byte, etag string) error {
	c.Set(fiber.HeaderETag, etag)
	c.Set(fiber.HeaderVary, "Authorization, Accept-Encoding")
	if httpx.CurrentUser(c) == nil {
		c.Set(fiber.HeaderCacheControl, publicCacheControl)
	} else {
		c.Set(fiber.HeaderCacheControl, "private, no-store")
	}
	if body == nil || etagMatches(c.Get(fiber.HeaderIfNoneMatch), etag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Send(body)
}

// publicCacheControl lets browsers and shared caches keep what anonymous
// callers see but makes them ask again (If-None-Match, 304 when unchanged)
// before each use: a shopper never sees stock already sold or a product
// already hidden. What a signed-in caller sees may include their drafts, so
// it is never stored.
const publicCacheControl = "public, max-age=0, must-revalidate"

// heldVersion is the version the caller's If-None-Match names, for reads
// that answer it from the database: the first entity tag, without W/ and
// quotes ("" for none). The string is Fiber's and lives as long as the
// request.
func heldVersion(c *fiber.Ctx) string {
	first, _, _ := strings.Cut(c.Get(fiber.HeaderIfNoneMatch), ",")
	return strings.Trim(strings.TrimPrefix(strings.TrimSpace(first), "W/"), `"`)
}

// etagMatches applies If-None-Match's weak comparison.
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}

// sendPrivate answers with data only its caller may see.
func sendPrivate(c *fiber.Ctx, status int, v any) error {
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Status(status).JSON(v)
}

// CatalogMemberCoops adapts catalog.Service.CoopsOfUser to Deps.MemberCoops.
func CatalogMemberCoops(svc *catalog.Service) func(ctx context.Context, userID string) ([]MemberCoop, error) {
	return func(ctx context.Context, userID string) ([]MemberCoop, error) {
		list, err := svc.CoopsOfUser(ctx, userID)
		if err != nil {
			return nil, err
		}
		out := make([]MemberCoop, len(list))
		for i, m := range list {
			out[i] = MemberCoop{ID: m.ID, Slug: m.Slug, Name: m.Name, MemberRole: string(m.MemberRole)}
		}
		return out, nil
	}
}
