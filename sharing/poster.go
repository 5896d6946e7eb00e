package sharing

import (
	"bytes"
	_ "embed"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/ganh-market/ganh/money"
	_ "image/png"

	_ "golang.org/x/image/webp" // product photos are stored as WebP
)

// notoSans is Noto Sans Regular (SIL Open Font License 1.1, fonts/OFL.txt):
// it has every Vietnamese letter with its marks, which the PDF core fonts
// lack. fpdf embeds only the glyphs a poster uses.
//
//go:embed fonts/NotoSans-Regular.ttf
var notoSans []byte

// MaxPosterProducts is how many products a poster shows.
const MaxPosterProducts = 4

// Poster is what an A5 poster prints.
type Poster struct {
	Name     string // the coop's name
	Province string // its province, in Vietnamese
	Products []PosterProduct
	// Link is the page the QR code opens (with ?ref= when shared by a
	// referrer); it is printed under the code too.
	Link string
	// Made is the document's creation date (the coop's last change), not
	// the time of the request.
	Made time.Time
}

// PosterProduct is one product on the poster; Photo is its image file
// (JPEG, PNG or WebP), or nil.
type PosterProduct struct {
	Name     string
	PriceVND int64
	Photo    []byte
}

// A5 in millimetres, with the margin kept clear for home printers.
const (
	pageW, pageH = 148.0, 210.0
	margin       = 10.0
	// qrSide is the printed QR code's side: about 4 cm scans from a metre.
	qrSide = 42.0
	// qrTop is where the QR block (code and two lines under it) starts.
	qrTop = pageH - margin - qrSide - 12
)

// WritePoster renders p as a one-page A5 PDF.
func WritePoster(w io.Writer, p Poster) error {
	pdf := fpdf.New("P", "mm", "A5", "")
	pdf.SetCreationDate(p.Made)
	pdf.SetModificationDate(p.Made)
	pdf.SetTitle(p.Name, true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(margin, margin, margin)
	pdf.AddUTF8FontFromBytes("noto", "", notoSans)
	pdf.AddPage()
	inner := pageW - 2*margin

	// The coop's name and province, large, in the marketplace's red.
	pdf.SetTextColor(143, 42, 23)
	pdf.SetFont("noto", "", 22)
	pdf.SetXY(margin, margin)
	pdf.MultiCell(inner, 9, p.Name, "", "C", false)
	pdf.SetTextColor(60, 60, 60)
	pdf.SetFont("noto", "", 12)
	pdf.MultiCell(inner, 6, p.Province, "", "C", false)
	top := pdf.GetY() + 4

	// Up to four products in a 2 × 2 grid: photo, name, price.
	// The grid takes what the title leaves above the QR block.
	const gap = 6.0
	cellW := (inner - gap) / 2
	cellH := (qrTop - 4 - top - gap/2) / 2
	photoH := cellH - 16
	for i, prod := range p.Products {
		if i == MaxPosterProducts {
			break
		}
		x := margin + float64(i%2)*(cellW+gap)
		y := top + float64(i/2)*(cellH+gap/2)
		if err := placePhoto(pdf, "p"+strconv.Itoa(i), prod.Photo, x, y, cellW, photoH); err != nil {
			return err
		}
		pdf.SetTextColor(30, 30, 30)
		pdf.SetFont("noto", "", 10)
		pdf.SetXY(x, y+photoH+1)
		name := pdf.SplitText(prod.Name, cellW)
		if len(name) > 2 {
			name = name[:2]
		}
		for _, line := range name {
			pdf.CellFormat(cellW, 4.5, line, "", 2, "L", false, 0, "")
		}
		pdf.SetTextColor(143, 42, 23)
		pdf.SetFont("noto", "", 11)
		pdf.CellFormat(cellW, 5, "Giá từ "+money.VND(prod.PriceVND), "", 2, "L", false, 0, "")
	}

	// The QR code, bottom centre, with the address under it.
	png, err := QRPNG(p.Link, QRSize)
	if err != nil {
		return fmt.Errorf("poster qr: %w", err)
	}
	pdf.RegisterImageOptionsReader("qr", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	qy := qrTop
	pdf.ImageOptions("qr", (pageW-qrSide)/2, qy, qrSide, qrSide, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	pdf.SetTextColor(30, 30, 30)
	pdf.SetFont("noto", "", 10)
	pdf.SetXY(margin, qy+qrSide+1)
	pdf.CellFormat(inner, 5, "Quét mã để xem và đặt hàng trên Gánh", "", 2, "C", false, 0, "")
	pdf.SetFont("noto", "", 7)
	pdf.CellFormat(inner, 4, p.Link, "", 2, "C", false, 0, "")
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("poster: %w", err)
	}
	return pdf.Output(w)
}

// placePhoto draws a product photo fitted into the box (x, y, w, h),
// centred, or a grey box when there is none or it cannot be read. Photos
// are decoded and passed on as JPEG, which fpdf embeds as is.
func placePhoto(pdf *fpdf.Fpdf, name string, photo []byte, x, y, w, h float64) error {
	var img image.Image
	if len(photo) > 0 {
		img, _, _ = image.Decode(bytes.NewReader(photo))
	}
	if img == nil {
		pdf.SetFillColor(235, 230, 225)
		pdf.Rect(x, y, w, h, "F")
		return nil
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		return fmt.Errorf("poster photo: %w", err)
	}
	pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, &buf)
	b := img.Bounds()
	iw, ih := float64(b.Dx()), float64(b.Dy())
	dw, dh := w, w*ih/iw
	if dh > h {
		dw, dh = h*iw/ih, h
	}
	pdf.ImageOptions(name, x+(w-dw)/2, y+(h-dh)/2, dw, dh, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
	return nil
}
