// Package sharing is what makes a page of the marketplace travel: its
// absolute address with the sharer's referrer code, the QR code of that
// address, and the A5 poster a cooperative prints for markets and Hội
// meetings. It knows no HTTP; the API and the pages call it.
package sharing

import (
	"context"
	"net/url"
	"strings"

	"github.com/ganh-market/ganh/media"
	"github.com/skip2/go-qrcode"
)

// The public pages a link, a QR code or a poster points to.
const (
	ProductPath = "/san-pham/"
	CoopPath    = "/hop-tac-xa/"
)

// Base is the site's address for absolute links: GANH_PUBLIC_URL when set,
// else the address the request came in on (media.WithSite), else "".
func Base(ctx context.Context, publicURL string) string {
	if publicURL != "" {
		return strings.TrimRight(publicURL, "/")
	}
	return media.SiteOf(ctx)
}

// PageURL is base + path with ?ref=code when code is not empty: the
// canonical address of a page, as shared. The slug is escaped as a path
// segment.
func PageURL(base, prefix, slug, code string) string {
	u := base + prefix + url.PathEscape(slug)
	if code != "" {
		u += "?ref=" + url.QueryEscape(code)
	}
	return u
}

// QRSize is the side of a QR code image in pixels: big enough to print on
// an A5 poster and to scan from a phone screen.
const QRSize = 512

// QRPNG is a QR code of link as a PNG image, at medium error correction
// (15 %), which survives a poster folded or a little dirty.
func QRPNG(link string, size int) ([]byte, error) {
	return qrcode.Encode(link, qrcode.Medium, size)
}
