// Package httpbody keeps request bodies small, and lets a photo upload's be
// large only once its route has checked who sends it. The server streams
// bodies (fasthttp's StreamRequestBody): nothing is read before Guard, which
// reads a small body into memory at once and refuses a larger one without
// reading it, while a photo route's body stays unread until its handler,
// having checked the caller and every cheap rule, streams it through
// ReadForm within the photo limit. The api and web packages share it.
package httpbody

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/gofiber/fiber/v2"
)

// PhotoRoute is the Fiber route name of a route that takes a photo, the only
// kind of route whose body may be larger than Limits.Small:
//
//	app.Post("/products/:id/images", h).Name(httpbody.PhotoRoute)
//
// Its handler must read the body only through ReadForm, after its checks.
const PhotoRoute = "photo-upload"

// Limits bound request bodies.
type Limits struct {
	// Small bounds every body but a photo upload's: JSON and forms.
	Small int64
	// Photo bounds a photo upload's whole body: the file and the form
	// fields around it.
	Photo int64
}

// drainAfterPhoto is how much of a photo body's end (the closing boundary,
// fields after the file) is read after the handler, so the connection can
// serve the next request; a longer rest closes it instead.
const drainAfterPhoto = 64 << 10

type guard struct {
	app    *fiber.App
	limits Limits
	once   sync.Once
	photo  []pattern
}

// Guard returns the middleware that must come before anything reads a body.
// A body of a non-photo route is read into memory if it is at most
// Limits.Small, and refused with 413 otherwise, unread if its length is
// declared; a body with a Content-Encoding is refused with 415 (decoding it
// would escape every limit). A photo route's body is left to its handler,
// and refused at once only if it declares more than Limits.Photo. When a
// refusal or a handler leaves a body unread, the connection is closed after
// the answer (see closeAfterAnswer): what follows on it is the rest of that
// body.
func Guard(app *fiber.App, l Limits) fiber.Handler {
	g := &guard{app: app, limits: l}
	return g.handle
}

func (g *guard) handle(c *fiber.Ctx) error {
	req := c.Request()
	if !req.IsBodyStream() {
		return c.Next()
	}
	if ce := req.Header.ContentEncoding(); len(ce) > 0 && !bytes.EqualFold(ce, []byte("identity")) {
		return refuse(c, apperr.New(apperr.KindUnsupportedMedia, apperr.CodeUnsupportedMedia,
			"Máy chủ không nhận dữ liệu nén (Content-Encoding)."))
	}
	declared := int64(req.Header.ContentLength()) // -1: chunked, length unknown
	if g.isPhotoRoute(c) {
		if declared > g.limits.Photo {
			return refuse(c, errTooLarge())
		}
		b := &body{r: req.BodyStream(), left: g.limits.Photo, small: g.limits.Small}
		c.Locals(bodyKey{}, b)
		err := c.Next()
		b.finish(c)
		return err
	}
	if declared > g.limits.Small {
		return refuse(c, errTooLarge())
	}
	data, err := io.ReadAll(io.LimitReader(req.BodyStream(), g.limits.Small+1))
	if err != nil {
		return refuse(c, apperr.New(apperr.KindBadRequest, apperr.CodeBadRequest, "Không đọc được dữ liệu gửi lên."))
	}
	if int64(len(data)) > g.limits.Small {
		return refuse(c, errTooLarge())
	}
	req.SetBodyRaw(data) // read to its end: handlers see it whole, the connection stays in step
	return c.Next()
}

// refuse answers err and closes the connection after the answer, since the
// body is not (all) read.
func refuse(c *fiber.Ctx, err error) error {
	closeAfterAnswer(c)
	return err
}

// lingerBeforeClose is how long a connection whose body was left unread
// stays open after the answer, reading nothing. Closing it at once, with
// the body still arriving, would reset it, and most clients then lose the
// answer too; net/http waits the same way.
const lingerBeforeClose = 500 * time.Millisecond

// closeAfterAnswer has the connection closed once the answer is written:
// what follows on it is the rest of an unread body. The answer carries
// Connection: close, so a client never sends its next request on this
// connection (without the header, a keep-alive client may put it back in
// its pool and lose the next request to the close). fasthttp's own
// Connection: close would close the socket at once, with the body still
// arriving, so the answer is written here instead: then the write side is
// shut (the client sees the end at once), and the connection is closed
// after lingerBeforeClose.
func closeAfterAnswer(c *fiber.Ctx) {
	ctx := c.Context()
	cw, ok := ctx.Conn().(interface{ CloseWrite() error })
	if !ok {
		// Not a socket (Fiber's app.Test pipe): nothing to reset, so
		// fasthttp may close it at once.
		ctx.Response.SetConnectionClose()
		return
	}
	ctx.HijackSetNoResponse(true)
	ctx.Hijack(func(conn net.Conn) {
		// ctx stays valid until this returns: fasthttp releases a hijacked
		// request's context only after its handler.
		ctx.Response.SetConnectionClose()
		w := bufio.NewWriter(conn)
		if ctx.Response.Write(w) != nil || w.Flush() != nil {
			return
		}
		_ = cw.CloseWrite()
		time.Sleep(lingerBeforeClose)
	})
}

func errTooLarge() error {
	return apperr.New(apperr.KindTooLarge, apperr.CodeTooLarge, "Dữ liệu gửi lên quá lớn.")
}

// isPhotoRoute says whether the request is for a route named PhotoRoute.
// The routes are read from the app at the first request, when every route
// is in place.
func (g *guard) isPhotoRoute(c *fiber.Ctx) bool {
	g.once.Do(func() {
		for _, r := range g.app.GetRoutes(true) {
			if r.Name == PhotoRoute {
				g.photo = append(g.photo, newPattern(r.Method, r.Path))
			}
		}
	})
	for _, p := range g.photo {
		if p.match(c.Method(), c.Path()) {
			return true
		}
	}
	return false
}

// pattern is a route path made of literal segments and :params, matched
// as Fiber matches it by default: literal segments case-insensitively, a
// trailing slash ignored, a :param standing for one non-empty segment.
type pattern struct {
	method string
	segs   []string
}

func newPattern(method, path string) pattern {
	if strings.ContainsAny(path, "*+?") {
		panic("httpbody: photo route " + path + " uses a wildcard or optional parameter, which PhotoRoute does not match")
	}
	return pattern{method: method, segs: strings.Split(strings.Trim(path, "/"), "/")}
}

func (p pattern) match(method, path string) bool {
	if method != p.method {
		return false
	}
	segs := strings.Split(strings.Trim(path, "/"), "/")
	if len(segs) != len(p.segs) {
		return false
	}
	for i, s := range p.segs {
		if strings.HasPrefix(s, ":") {
			if segs[i] == "" {
				return false
			}
		} else if !strings.EqualFold(s, segs[i]) {
			return false
		}
	}
	return true
}
