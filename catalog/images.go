package catalog

// ImageURLs turns a media key into a URL a browser can load. The media
// package (disk or MinIO) implements it; the catalog only knows key shapes.
type ImageURLs interface {
	URL(key string) string
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
func (s *Service) imageOf(id, hash string, w, h int) (Image, bool) {
	if s.images == nil || hash == "" {
		return Image{}, false
	}
	v := ImageVariants{
		Thumb:  s.images.URL(ImageKey(hash, VariantThumb)),
		Medium: s.images.URL(ImageKey(hash, VariantMedium)),
		Large:  s.images.URL(ImageKey(hash, VariantLarge)),
	}
	return Image{ID: id, URL: v.Large, Width: w, Height: h, Variants: v, Hash: hash}, true
}
