package media

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/disintegration/imaging"
	"github.com/gen2brain/webp"
)

// BenchmarkPipeline12MP pushes a 12-megapixel phone-sized JPEG (4000×3000,
// quality 90, ~5 MB, with EXIF orientation 6) through the whole pipeline into
// a disk store, once per iteration into a fresh store so nothing is reused.
// The budget is 1.5 s and 250 MB on one core:
//
//	go test -run x -bench Pipeline12MP -benchtime 3x -cpu 1 ./media/
//
// peak-RSS-MB is the process's resident high-water mark (VmHWM, reset before
// the timed loop), which counts everything the pipeline touched, including
// memory the Go runtime has not yet returned to the kernel; heap-sys-MB is
// what the Go heap has obtained from the kernel by the end.
func BenchmarkPipeline12MP(b *testing.B) {
	photo := withExif(b, encodeJPEG(b, noisePhoto(4000, 3000, 42), 90), 6)
	dir := b.TempDir()
	stores := make([]*DiskStore, b.N)
	for i := range stores {
		s, err := NewDiskStore(filepath.Join(dir, strconv.Itoa(i)), "http://localhost:8080")
		if err != nil {
			b.Fatal(err)
		}
		stores[i] = s
	}
	runtime.GC()
	debug.FreeOSMemory()
	resetPeakRSS()
	var outBytes int64

	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		out, err := NewProcessor(stores[i], ProcessorOptions{}).Process(context.Background(), bytes.NewReader(photo))
		if err != nil {
			b.Fatal(err)
		}
		if out.Width != 1536 || out.Height != 2048 {
			b.Fatalf("stored %d×%d", out.Width, out.Height)
		}
		for _, v := range out.Variants {
			outBytes += v.Bytes
		}
	}
	b.StopTimer()

	if hwm := peakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MB")
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heap-sys-MB")
	b.ReportMetric(float64(len(photo))/1e6, "input-MB")
	b.ReportMetric(float64(outBytes)/float64(b.N)/1e3, "variants-KB")
}

// BenchmarkPipelineSteps times the pipeline's costly steps on the same
// 12 MP photo, and the encoder settings that were weighed (see variants.go):
//
//	go test -run x -bench PipelineSteps -cpu 1 ./media/
func BenchmarkPipelineSteps(b *testing.B) {
	photo := encodeJPEG(b, noisePhoto(4000, 3000, 42), 90)
	src, err := jpeg.Decode(bytes.NewReader(photo))
	if err != nil {
		b.Fatal(err)
	}
	large := imaging.Resize(src, 2048, 1536, imaging.CatmullRom)
	medium := imaging.Resize(large, 1024, 768, imaging.CatmullRom)
	thumb := imaging.Resize(medium, 400, 300, imaging.CatmullRom)

	b.Run("DecodeJPEG", func(b *testing.B) {
		for range b.N {
			if _, err := jpeg.Decode(bytes.NewReader(photo)); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, f := range []struct {
		name   string
		filter imaging.ResampleFilter
	}{{"Lanczos", imaging.Lanczos}, {"CatmullRom", imaging.CatmullRom}, {"Linear", imaging.Linear}} {
		b.Run("ResizeTo2048/"+f.name, func(b *testing.B) {
			for range b.N {
				imaging.Resize(src, 2048, 1536, f.filter)
			}
		})
	}
	for _, img := range []struct {
		name string
		img  image.Image
	}{{"Large", large}, {"Medium", medium}, {"Thumb", thumb}} {
		for _, m := range []int{0, 2, 4} {
			b.Run(fmt.Sprintf("WebP%s/method%d", img.name, m), func(b *testing.B) {
				var out bytes.Buffer
				for range b.N {
					out.Reset()
					if err := webp.Encode(&out, img.img, webp.Options{Quality: webpQuality, Method: m}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(out.Len())/1e3, "KB")
			})
		}
		b.Run("JPEG"+img.name+"/q82", func(b *testing.B) {
			var out bytes.Buffer
			for range b.N {
				out.Reset()
				if err := jpeg.Encode(&out, img.img, &jpeg.Options{Quality: 82}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(out.Len())/1e3, "KB")
		})
	}
}

// resetPeakRSS resets the kernel's resident high-water mark (Linux ≥ 4.0).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS reads VmHWM in bytes, or 0 where /proc is missing.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
