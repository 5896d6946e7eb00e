package web

import (
	"net/url"
	"strings"

	"github.com/ganh-market/ganh/config"
)

// contentPolicy is the Content-Security-Policy of every page: scripts,
// styles, fetches and forms only from this site, no inline script or style
// attribute anywhere (the page script adds its behaviour to data-*
// attributes), no plugins, no <base>, no framing. Images may also be
// data: and blob: URLs (the preview of a photo before it is sent) and come
// from the media origin: MinIO/S3's public URL when photos are stored
// there, else the public URL the disk store builds its links from.
func contentPolicy(cfg config.Config) string {
	img := []string{"'self'", "data:", "blob:"}
	media := cfg.PublicURL
	if cfg.UsesS3() {
		media = cfg.S3PublicURL
	}
	if o := origin(media); o != "" {
		img = append(img, o)
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src 'self'",
		"img-src " + strings.Join(img, " "),
		"object-src 'none'",
		"base-uri 'self'",
		"frame-ancestors 'none'",
		"form-action 'self'",
	}, "; ")
}

// origin is the scheme and host of an absolute http(s) URL, or "".
func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || !plainText(u.Host) || strings.ContainsAny(u.Host, " ;,'\"") {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
