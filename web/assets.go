package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sync"

	"github.com/gofiber/fiber/v2"
)

//go:embed assets
var assetFS embed.FS

// asset is one embedded file with the version its URL carries.
type asset struct {
	body        []byte
	contentType string
	version     string
}

// assetTypes are the content types of the embedded assets, by extension:
// a fixed table rather than the host's (mime.TypeByExtension reads
// /etc/mime.types on first use, differs between systems, and keeps
// 400 KB of tables for the life of the process).
var assetTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".png": "image/png",
	".ico": "image/x-icon",
}

// assetSet is every embedded asset by file name.
type assetSet struct{ byName map[string]asset }

func loadAssets() (*assetSet, error) {
	s := &assetSet{byName: map[string]asset{}}
	entries, err := fs.ReadDir(assetFS, "assets")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		b, err := assetFS.ReadFile("assets/" + e.Name())
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		ct, ok := assetTypes[path.Ext(e.Name())]
		if !ok {
			return nil, fmt.Errorf("web: asset %s: no content type for its extension in assetTypes", e.Name())
		}
		s.byName[e.Name()] = asset{body: b, contentType: ct, version: hex.EncodeToString(sum[:6])}
	}
	return s, nil
}

// url is the versioned URL of an asset: it changes whenever the file does,
// so browsers may keep it for a year.
func (s *assetSet) url(name string) string {
	return "/static/" + name + "?v=" + s.byName[name].version
}

// known is url for an asset that is embedded, false for any other name.
func (s *assetSet) known(name string) (string, bool) {
	if _, ok := s.byName[name]; !ok {
		return "", false
	}
	return s.url(name), true
}

// embeddedAssets are the binary's assets, read and hashed once per process
// and shared by every Web it makes, as embeddedPages are.
var embeddedAssets = sync.OnceValues(loadAssets)

// asset serves an embedded file.
func (w *Web) asset(c *fiber.Ctx) error {
	a, ok := w.assets.byName[c.Params("name")]
	if !ok {
		return w.notFound(c)
	}
	c.Set(fiber.HeaderContentType, a.contentType)
	if c.Query("v") == a.version {
		c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	} else {
		c.Set(fiber.HeaderCacheControl, "public, max-age=300")
	}
	return c.SendStream(bytes.NewReader(a.body), len(a.body))
}

// favicon answers /favicon.ico, which browsers ask for on their own: the
// embedded icon (a gánh, yellow on the header's red), kept for a month
// since its address carries no version (pages link the versioned one).
func (w *Web) favicon(c *fiber.Ctx) error {
	a := w.assets.byName["favicon.ico"]
	c.Set(fiber.HeaderContentType, a.contentType)
	c.Set(fiber.HeaderCacheControl, "public, max-age=2592000")
	return c.Send(a.body)
}
