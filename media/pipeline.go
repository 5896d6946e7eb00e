package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ganh-market/ganh/apperr"
	xwebp "golang.org/x/image/webp"
)

// Processed is a stored, cleaned image: what the catalog keeps about it.
type Processed struct {
	// Hash is the sha256 of the uploaded bytes; every object of the image
	// lives under HashPrefix(Hash), and DeleteUnreferenced takes it.
	Hash string
	// Width and Height are the stored (large, upright) image's, in pixels.
	Width, Height int
	// Variants holds every variant by name.
	Variants map[Variant]StoredVariant
	// Reused is true when the same bytes had been processed before and
	// nothing new was stored.
	Reused bool
}

// StoredVariant is one stored variant of an image.
type StoredVariant struct {
	Key           string
	URL           string
	ContentType   string
	Width, Height int
	Bytes         int64
}

// ProcessorOptions tunes a Processor; the zero value is sensible.
type ProcessorOptions struct {
	// Concurrency is how many images are decoded at once; default NumCPU.
	Concurrency int
	// DecodeBudget is how many bytes the images being decoded may hold
	// together (see decodeCost); default DefaultDecodeBudget.
	DecodeBudget int64
	// Queue is how many more may wait for a turn; default 2×Concurrency.
	Queue int
}

// DefaultDecodeBudget lets about five 12 MP phone photos, or one 49 MP
// picture, be decoded at once.
const DefaultDecodeBudget = 512 << 20

// Processor turns uploads into stored variants: it checks size, type and
// pixel count before decoding, applies the EXIF orientation, drops all
// metadata by re-encoding, and stores the variants under content-addressed
// keys, once per distinct upload.
//
// Memory per image in flight: the upload (≤ 20 MB) plus the decoded pixels,
// which the 50 MP cap bounds: 1.5 B/px for a JPEG (YCbCr 4:2:0, ≤ 75 MB),
// 4 B/px for 8-bit PNG or WebP (≤ 200 MB; WebP decodes through a second
// buffer of the same size), 8 B/px for a 16-bit PNG (≤ 400 MB); then up to
// ~100 MB for resizing, turning and encoding the large variant. A 12 MP phone
// JPEG peaks at ~165 MB resident for the whole process
// (BenchmarkPipeline12MP). Each image's share is estimated from its header
// (decodeCost) before any pixel exists, and the images being decoded at once
// hold at most DecodeBudget together (an image costlier than the whole
// budget runs alone), and are at most Concurrency. Reading an upload happens
// before taking a turn (it is cheap, and most bad files fail there) and
// costs the upload's size.
type Processor struct {
	store   Store
	limiter *Limiter
	// sameImage gives uploads of the same bytes turns (see storeVariants).
	sameImage keyedMutex
	decodes   atomic.Int64
}

// NewProcessor makes a Processor that stores into store.
func NewProcessor(store Store, opts ProcessorOptions) *Processor {
	if opts.Concurrency <= 0 {
		opts.Concurrency = runtime.NumCPU()
	}
	if opts.Queue <= 0 {
		opts.Queue = 2 * opts.Concurrency
	}
	if opts.DecodeBudget <= 0 {
		opts.DecodeBudget = DefaultDecodeBudget
	}
	return &Processor{store: store, limiter: NewLimiter(opts.Concurrency, opts.Queue, opts.DecodeBudget)}
}

// Store is where the processor keeps the variants: the store to remove
// them from when nothing shows an image any more (DeleteUnreferenced).
func (p *Processor) Store() Store { return p.store }

// Decodes counts the uploads whose pixels this processor has decoded: what
// the checks before Process are meant to spare.
func (p *Processor) Decodes() int64 { return p.decodes.Load() }

// DecodeMemory reports the bytes granted to the images being decoded now
// and the most granted at once (see ProcessorOptions.DecodeBudget).
func (p *Processor) DecodeMemory() (inUse, peak int64) { return p.limiter.Stats() }

// Process reads an upload from r and stores its variants. Failures a person
// can fix are apperr errors: 413 too large, 415 not JPEG/PNG/WebP, 422
// (validation_failed on field "file") too many pixels or an unreadable file,
// 503 when too many uploads are waiting. Nothing is stored unless the upload
// is valid. If r can seek (a multipart file, a stored object), an oversized
// upload is refused before reading it.
func (p *Processor) Process(ctx context.Context, r io.Reader) (*Processed, error) {
	data, format, err := readUpload(r, MaxUploadBytes)
	if err != nil {
		return nil, err
	}
	cfg, err := decodeConfig(data, format)
	if err != nil {
		return nil, errUnreadable(err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, errUnreadable(fmt.Errorf("media: image is %d×%d", cfg.Width, cfg.Height))
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, errTooManyPixels(cfg.Width, cfg.Height)
	}
	hash := data.hash()
	// Uploads of the same bytes take turns, so one that fails can remove
	// what it stored without pulling it from under another (see storeVariants).
	defer p.sameImage.lock(hash)()

	stored, missing, err := p.existing(ctx, hash)
	if err != nil {
		return nil, err
	}
	if missing == 0 {
		if out, err := p.describe(ctx, hash); err == nil {
			return out, nil
		}
		// A variant that cannot be read back is made and stored again.
		clear(stored)
	}

	cost := decodeCost(data.size, format, cfg, format == "png" && pngInterlaced(data.head(sniffLen)))
	vs, err := p.renderLimited(ctx, data, format, cost)
	if err != nil {
		return nil, err
	}
	if err := p.storeVariants(ctx, hash, vs, stored); err != nil {
		return nil, err
	}
	out := &Processed{Hash: hash, Variants: make(map[Variant]StoredVariant, len(vs))}
	for _, r := range vs {
		key := VariantKey(hash, r.variant)
		out.Variants[r.variant] = StoredVariant{Key: key, URL: p.store.URL(key), ContentType: variantContentType,
			Width: r.width, Height: r.height, Bytes: int64(len(r.data))}
	}
	out.Width, out.Height = out.Variants[Large].Width, out.Variants[Large].Height
	return out, nil
}

// storeCleanupTimeout bounds the removal of a failed upload's objects,
// which runs even when the request's own deadline is what failed it.
const storeCleanupTimeout = 30 * time.Second

// storeVariants puts the rendered variants that are not stored already. Objects are
// stored only after every variant rendered, so a bad file leaves nothing
// behind; if a Put fails (a full or read-only disk, the object store down),
// the variants this upload wrote are removed at once rather than left for
// the sweeper. The caller holds the image's turn (sameImage), so no other
// upload of the same bytes counts on them meanwhile.
func (p *Processor) storeVariants(ctx context.Context, hash string, vs []rendered, stored map[Variant]bool) error {
	var written []string
	for _, r := range vs {
		if stored[r.variant] {
			continue
		}
		key := VariantKey(hash, r.variant)
		if err := p.store.Put(ctx, key, bytes.NewReader(r.data), int64(len(r.data)), variantContentType); err != nil {
			p.remove(ctx, written)
			return errStore(err)
		}
		written = append(written, key)
	}
	return nil
}

// remove deletes keys, even once ctx has ended. A failure here leaves the
// objects to the sweeper, which removes unreferenced images after a day.
func (p *Processor) remove(ctx context.Context, keys []string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storeCleanupTimeout)
	defer cancel()
	for _, k := range keys {
		_ = p.store.Delete(ctx, k)
	}
}

// existing says which variants of hash are stored already.
func (p *Processor) existing(ctx context.Context, hash string) (map[Variant]bool, int, error) {
	stored := make(map[Variant]bool, 3)
	missing := 0
	for _, v := range allVariants() {
		ok, err := Exists(ctx, p.store, VariantKey(hash, v))
		if err != nil {
			return nil, 0, errStore(err)
		}
		stored[v] = ok
		if !ok {
			missing++
		}
	}
	return stored, missing, nil
}

// describe builds the answer for an image stored before, reading each
// variant's size from its header instead of decoding the upload again.
func (p *Processor) describe(ctx context.Context, hash string) (*Processed, error) {
	out := &Processed{Hash: hash, Variants: make(map[Variant]StoredVariant, 3), Reused: true}
	for _, v := range allVariants() {
		key := VariantKey(hash, v)
		obj, info, err := p.store.Get(ctx, key)
		if err != nil {
			return nil, err
		}
		cfg, err := xwebp.DecodeConfig(io.LimitReader(obj, 4096))
		obj.Close()
		if err != nil {
			return nil, err
		}
		out.Variants[v] = StoredVariant{Key: key, URL: p.store.URL(key), ContentType: info.ContentType,
			Width: cfg.Width, Height: cfg.Height, Bytes: info.Size}
	}
	out.Width, out.Height = out.Variants[Large].Width, out.Variants[Large].Height
	return out, nil
}

// renderLimited decodes and renders while holding a turn of the limiter for
// cost bytes; the turn is given back before the (slow, but light) uploads to
// the store.
func (p *Processor) renderLimited(ctx context.Context, data *uploadBuf, format string, cost int64) ([]rendered, error) {
	release, err := p.limiter.Acquire(ctx, cost)
	if err != nil {
		return nil, err
	}
	defer release()
	p.decodes.Add(1)
	o := exifOrientation(data, format)
	img, err := decode(data, format)
	if err != nil {
		return nil, errUnreadable(err)
	}
	if err := ctx.Err(); err != nil {
		return nil, errBusy(err)
	}
	vs, err := render(img, o)
	if err != nil {
		return nil, apperr.Wrap(err, "media: encode variants")
	}
	return vs, nil
}

// ProcessStored processes a browser's direct upload (see Store.PresignUpload)
// waiting under an incoming/ key, then removes it. The upload is checked
// exactly as Process checks a posted file. It is kept only when processing
// failed for a reason a retry may cure (busy, store trouble); Sweep removes
// it later otherwise.
func (p *Processor) ProcessStored(ctx context.Context, key string) (*Processed, error) {
	if !strings.HasPrefix(key, incomingPrefix) || ValidateKey(key) != nil {
		return nil, apperr.Field("key", "Mã tệp tải lên không hợp lệ.")
	}
	obj, _, err := p.store.Get(ctx, key)
	if errors.Is(err, ErrNotFound) {
		return nil, apperr.NotFoundf("Không tìm thấy ảnh đã tải lên; xin tải lại.")
	} else if err != nil {
		return nil, apperr.Wrap(err, "media: open upload")
	}
	out, err := p.Process(ctx, obj)
	obj.Close()
	if k := apperr.KindOf(err); err != nil && (k == apperr.KindInternal || k == apperr.KindUnavailable) {
		return nil, err
	}
	// Done with it, or it can never succeed: remove it even if ctx ended.
	if derr := p.store.Delete(context.WithoutCancel(ctx), key); derr != nil && err == nil {
		return nil, apperr.Wrap(derr, "media: remove processed upload")
	}
	return out, err
}
