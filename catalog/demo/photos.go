package demo

import (
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"math"
	"runtime"
	"sync"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/media"
	"github.com/schollz/progressbar/v3"
	"gorm.io/gorm"
)

// PhotoSide is the width and height, in pixels, of a generated demo photo.
// 640 px keeps the whole run to a few seconds per core while still filling
// the storefront's medium variant.
const PhotoSide = 640

// photoTarget is one demo product that has no photo yet.
type photoTarget struct {
	id, slug, category string
}

// AddPhotos gives every demo product that has no photo yet one generated
// picture, stored through proc like an upload and attached by the demo staff
// account. Run it after Seed; a product that already has a photo is left
// alone, so a second run adds nothing. It returns how many photos it added
// and draws a progress bar on progress (nil for none).
func AddPhotos(ctx context.Context, db *gorm.DB, cat *catalog.Service, proc *media.Processor, progress io.Writer) (int, error) {
	return addPhotos(ctx, db, cat, proc, progress, -1, PhotoSide)
}

// addPhotos is AddPhotos for the first limit demo products only (all when
// limit < 0), with side×side photos, so tests can stay quick.
func addPhotos(ctx context.Context, db *gorm.DB, cat *catalog.Service, proc *media.Processor, progress io.Writer, limit, side int) (int, error) {
	if progress == nil {
		progress = io.Discard
	}
	var staffIDs []string
	if err := db.WithContext(ctx).Table("users").Where("phone = ?", demoAccounts[2].Phone).Pluck("id", &staffIDs).Error; err != nil {
		return 0, err
	}
	if len(staffIDs) == 0 {
		return 0, fmt.Errorf("demo photos: no demo staff account %s; run the demo seed first", demoAccounts[2].Phone)
	}
	staff := kernel.Caller{UserID: staffIDs[0], Role: kernel.RoleStaff}
	targets, err := photoTargets(ctx, db, limit)
	if err != nil || len(targets) == 0 {
		return 0, err
	}

	bar := progressbar.NewOptions(len(targets), progressbar.OptionSetWriter(progress),
		progressbar.OptionSetDescription("Đang tạo ảnh sản phẩm"), progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30), progressbar.OptionOnCompletion(func() { fmt.Fprintln(progress) }))

	// Drawing and processing run on every core; attaching stays on this
	// goroutine so the database sees one writer.
	type result struct {
		t   photoTarget
		p   *media.Processed
		err error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan photoTarget)
	results := make(chan result)
	var wg sync.WaitGroup
	for range max(1, runtime.NumCPU()) {
		wg.Go(func() {
			for t := range jobs {
				var buf bytes.Buffer
				err := jpeg.Encode(&buf, demoPhoto(t.slug, t.category, side), &jpeg.Options{Quality: 85})
				var p *media.Processed
				if err == nil {
					p, err = proc.Process(ctx, &buf)
				}
				select {
				case results <- result{t, p, err}:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		defer close(jobs)
		for _, t := range targets {
			select {
			case jobs <- t:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	added := 0
	for r := range results {
		if r.err != nil {
			return added, fmt.Errorf("demo photo of %s: %w", r.t.slug, r.err)
		}
		in := catalog.NewImage{Hash: r.p.Hash, Width: r.p.Width, Height: r.p.Height}
		if _, err := cat.AddProductImage(ctx, staff, r.t.id, in); err != nil {
			return added, fmt.Errorf("attach demo photo of %s: %w", r.t.slug, err)
		}
		added++
		_ = bar.Add(1)
	}
	if err := ctx.Err(); err != nil {
		return added, err
	}
	_ = bar.Finish()
	return added, nil
}

// photoTargets lists the demo products without a photo, in seed order,
// among the first limit demo products (all when limit < 0).
func photoTargets(ctx context.Context, db *gorm.DB, limit int) ([]photoTarget, error) {
	var out []photoTarget
	seen := 0
	for _, spec := range coops {
		if limit >= 0 && seen >= limit {
			break
		}
		var coopIDs []string
		if err := db.WithContext(ctx).Table("coops").Where("slug = ?", catalog.Slugify(spec.name)).Pluck("id", &coopIDs).Error; err != nil {
			return nil, err
		}
		var rows []struct{ ID, Name, Slug string }
		if len(coopIDs) > 0 {
			err := db.WithContext(ctx).Table("products").Select("id, name, slug").
				Where("coop_id = ? AND NOT EXISTS (SELECT 1 FROM product_images WHERE product_images.product_id = products.id)", coopIDs[0]).
				Scan(&rows).Error
			if err != nil {
				return nil, err
			}
		}
		byName := make(map[string]int, len(rows))
		for i, r := range rows {
			byName[r.Name] = i
		}
		for _, f := range spec.families {
			for _, name := range f.names {
				if limit >= 0 && seen >= limit {
					break
				}
				seen++
				if i, ok := byName[name]; ok {
					out = append(out, photoTarget{id: rows[i].ID, slug: rows[i].Slug, category: f.category})
				}
			}
		}
	}
	return out, nil
}

// categoryHue is the background hue (degrees) of each demo category; others
// get one from their name.
var categoryHue = map[string]float64{
	"dac-san-kho": 38, "banh-keo": 20, "ca-phe": 25, "tra": 95, "mat-ong": 45,
	"gao-ngu-coc": 55, "hat-dinh-duong": 30, "mien-bun-pho": 60, "mam-gia-vi": 10,
	"thit-ca-che-bien": 5, "ruou": 280, "tinh-dau": 150, "coi-may-tre": 70,
	"theu-ren": 330, "gom-su": 200,
}

// demoPhoto draws a side×side picture for a product: a soft background whose
// colour comes from the category, and a pattern (rings like a jar seen from
// above, a woven mat, or scattered grains) chosen by the category with
// details from the slug, so the same product always gets the same bytes.
func demoPhoto(slug, category string, side int) *image.RGBA {
	hue, ok := categoryHue[category]
	if !ok {
		hue = float64(hash32(category) % 360)
	}
	h := hash32(slug)
	bg := hsl(hue, 0.35, 0.88)
	accent := hsl(math.Mod(hue+float64(h%60)-30+360, 360), 0.55, 0.45)
	second := hsl(math.Mod(hue+20+float64(h>>8%40), 360), 0.30, 0.74)
	img := image.NewRGBA(image.Rect(0, 0, side, side))
	s := float64(side)
	pattern := h >> 16 % 3
	switch category {
	case "coi-may-tre", "theu-ren":
		pattern = 1
	case "gom-su", "mat-ong", "ruou", "tinh-dau":
		pattern = 0
	case "gao-ngu-coc", "hat-dinh-duong", "ca-phe":
		pattern = 2
	}
	rings := 3 + float64(h>>4%5)
	strip := s / float64(8+h>>12%10)
	cell := s / float64(6+h>>20%6)
	cx, cy := s*(0.45+float64(h>>24%10)/100), s*(0.45+float64(h>>28%10)/100)
	for y := range side {
		for x := range side {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			c := bg
			switch pattern {
			case 0: // concentric rings within a disc
				d := math.Hypot(fx-cx, fy-cy) / (s * 0.38)
				if d < 1 {
					if int(d*rings*2)%2 == 0 {
						c = accent
					} else {
						c = second
					}
				}
			case 1: // a woven mat: over-under stripes with a border
				if fx > s*0.08 && fx < s*0.92 && fy > s*0.08 && fy < s*0.92 {
					i, j := int(fx/strip), int(fy/strip)
					if (i+j)%2 == 0 {
						c = accent
					} else {
						c = second
					}
					// The gap between strands.
					if math.Mod(fx, strip) < 2 || math.Mod(fy, strip) < 2 {
						c = bg
					}
				}
			default: // grains on a dish
				if math.Hypot(fx-cx, fy-cy) < s*0.42 {
					c = second
					gx, gy := math.Mod(fx, cell)-cell/2, math.Mod(fy, cell)-cell/2
					if (gx*gx)/(cell*cell*0.09)+(gy*gy)/(cell*cell*0.04) < 1 {
						c = accent
					}
				}
			}
			// A soft light from the top left.
			shade := 1.06 - 0.12*(fx+fy)/(2*s)
			i := img.PixOffset(x, y)
			img.Pix[i+0] = clamp8(float64(c.R) * shade)
			img.Pix[i+1] = clamp8(float64(c.G) * shade)
			img.Pix[i+2] = clamp8(float64(c.B) * shade)
			img.Pix[i+3] = 0xff
		}
	}
	return img
}

func hash32(s string) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(s))
	return h.Sum32()
}

func clamp8(v float64) uint8 { return uint8(min(255, max(0, math.Round(v)))) }

// hsl converts hue (degrees), saturation and lightness (0…1) to a colour.
func hsl(h, s, l float64) color.RGBA {
	c := (1 - math.Abs(2*l-1)) * s
	x := c * (1 - math.Abs(math.Mod(h/60, 2)-1))
	m := l - c/2
	var r, g, b float64
	switch {
	case h < 60:
		r, g = c, x
	case h < 120:
		r, g = x, c
	case h < 180:
		g, b = c, x
	case h < 240:
		g, b = x, c
	case h < 300:
		r, b = x, c
	default:
		r, b = c, x
	}
	return color.RGBA{clamp8((r + m) * 255), clamp8((g + m) * 255), clamp8((b + m) * 255), 0xff}
}
