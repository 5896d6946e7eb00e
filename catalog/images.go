package catalog

import "context"

// ImageURLs turns a media key into a URL a browser can load, for the
// request in ctx (which may carry the address the site was reached on).
// media.URLs implements it; the catalog only knows key shapes, and stores
// hashes, never URLs.
type ImageURLs interface {
	URL(ctx context.Context, key string) string
}

// Image variants and their longest side in pixels, as API.md fixes them.
const (
	VariantThumb  = "thumb"  // ≤ 400 px
	VariantMedium = "medium" // ≤ 1024 px
	VariantLarge  = "large"  // ≤ 2048 px
)

// ImageKey is the media key of one variant of an image: img/<hash>/<variant>.webp,
// the same shape media.VariantKey builds.
func ImageKey(hash, variant string) string { return "img/" + hash + "/" + variant + ".webp" }

// Image is a product photo as the API shows it.
type Image struct {
	ID       string        `json:"id"`
	URL      string        `json:"url"`
	Width    int           `json:"width"`
	Height   int           `json:"height"`
	Variants ImageVariants `json:"variants"`
	// Hash is the sha256 of the original, the media key prefix.
	Hash string `json:"-"`
}

// ImageVariants are the URLs of the sizes served to phones and screens.
type ImageVariants struct {
	Thumb  string `json:"thumb"`
	Medium string `json:"medium"`
	Large  string `json:"large"`
}

// imageOf builds the API image of a stored photo; ok is false when the
// service has no URL builder (no images are shown then).
func (s *Service) imageOf(ctx context.Context, id, hash string, w, h int) (Image, bool) {
	if s.images == nil || hash == "" {
		return Image{}, false
	}
	v := ImageVariants{
		Thumb:  s.images.URL(ctx, ImageKey(hash, VariantThumb)),
		Medium: s.images.URL(ctx, ImageKey(hash, VariantMedium)),
		Large:  s.images.URL(ctx, ImageKey(hash, VariantLarge)),
	}
	return Image{ID: id, URL: v.Large, Width: w, Height: h, Variants: v, Hash: hash}, true
}

// ImageURL is the URL of the media key for the request in ctx, or "" for no
// key or a service without a URL builder. Search results keep the key of a
// product's thumbnail; the API and the pages turn it into a URL with this.
func (s *Service) ImageURL(ctx context.Context, key string) string {
	if s.images == nil || key == "" {
		return ""
	}
	return s.images.URL(ctx, key)
}
