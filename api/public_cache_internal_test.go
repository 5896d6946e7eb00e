package api

import (
	"slices"
	"testing"
)

// TestPublicCacheKeysDocumentedParameters: every query parameter
// openapi.yaml documents for a micro-cached GET is part of its cache key;
// one left out would let two different answers share an entry.
func TestPublicCacheKeysDocumentedParameters(t *testing.T) {
	doc, err := OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	for path, keyed := range map[string][]string{
		"/api/v1/coops":               coopListQuery,
		"/api/v1/coops/{id}":          nil,
		"/api/v1/categories":          nil,
		"/api/v1/coops/{id}/products": coopProductsQuery,
		"/api/v1/products":            productListQuery,
		"/api/v1/products/{id}":       nil,
		"/api/v1/featured":            nil,
	} {
		item := doc.Paths.Find(path)
		if item == nil || item.Get == nil {
			t.Fatalf("openapi.yaml has no GET %s", path)
		}
		var documented []string
		for _, p := range append(item.Parameters, item.Get.Parameters...) {
			if p.Value.In == "query" {
				documented = append(documented, p.Value.Name)
			}
		}
		slices.Sort(documented)
		if !slices.Equal(documented, keyed) {
			t.Errorf("GET %s documents query parameters %v; the cache keys on %v", path, documented, keyed)
		}
	}
}
