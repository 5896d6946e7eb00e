package media

import (
	"errors"
	"net/http"
	"strings"
)

// ServeHTTP serves the processed images of a DiskStore, so the API can mount
// the store under DiskURLPath (e.g. through Fiber's net/http adaptor) without
// knowing its layout. It serves only img/ keys (direct uploads awaiting
// processing stay private), handles Range and conditional requests through
// http.ServeContent, and sends the same headers an object store would.
func (s *DiskStore) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	key, ok := strings.CutPrefix(r.URL.Path, DiskURLPath)
	if !ok || !strings.HasPrefix(key, imagePrefix) || ValidateKey(key) != nil {
		http.NotFound(w, r)
		return
	}
	obj, info, err := s.Get(r.Context(), key)
	if errors.Is(err, ErrNotFound) {
		http.NotFound(w, r)
		return
	} else if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer obj.Close()
	h := w.Header()
	h.Set("Content-Type", info.ContentType)
	h.Set("Cache-Control", info.CacheControl)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	// The key names the content, so it is a strong validator.
	h.Set("ETag", `"`+strings.ReplaceAll(key, "/", ":")+`"`)
	http.ServeContent(w, r, "", info.ModTime, obj)
}
