package httpbody

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/url"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/safetext"
	"github.com/gofiber/fiber/v2"
)

// bodyKey keeps a photo route's body in the request's locals.
type bodyKey struct{}

// body is a photo route's request body, read at most left bytes more.
type body struct {
	r     io.Reader
	left  int64
	small int64
	eof   bool
}

func (b *body) Read(p []byte) (int, error) {
	if b.eof {
		return 0, io.EOF
	}
	if b.left <= 0 {
		// At the limit: one more byte means the body is too large.
		var one [1]byte
		if n, _ := b.r.Read(one[:]); n > 0 {
			return 0, errTooLarge()
		}
		b.eof = true
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if errors.Is(err, io.EOF) {
		b.eof = true
	}
	return n, err
}

// finish reads what little is left after the handler (the closing boundary)
// so the connection can be used again, or closes it after the answer.
func (b *body) finish(c *fiber.Ctx) {
	if b.eof {
		return
	}
	if _, err := io.CopyN(io.Discard, b, drainAfterPhoto); err == nil || !b.eof {
		closeAfterAnswer(c)
	}
}

// Form is a multipart/form-data body read as far as its file: the fields
// sent before the file, and the file itself, still to be read.
type Form struct {
	// Values are the fields before the file, copied (they outlive the
	// request's buffers).
	Values map[string]string
	// File reads the file; it is empty when the form has no file field or
	// the field holds no file. It ends where the file ends, and fails with
	// 413 if the body goes beyond the photo limit.
	File io.Reader
	// HasFile says whether the form has the file field at all.
	HasFile bool
}

// Value is the field's value, or "".
func (f *Form) Value(name string) string { return f.Values[name] }

// ReadForm reads the multipart/form-data body of a photo route up to the
// part named fileField: the fields before it are kept (at most Limits.Small
// bytes of them together), the file is left to read from the body. A form
// sent url-encoded (without a file) is read whole, within Limits.Small. Call it
// only once the caller is known to be allowed to send a photo. On a route
// the guard did not treat as a photo route the body is already in memory,
// within Limits.Small, and is read from there.
func ReadForm(c *fiber.Ctx, fileField string) (*Form, error) {
	var src io.Reader
	small := int64(1 << 20)
	if b, ok := c.Locals(bodyKey{}).(*body); ok {
		src, small = b, b.small
	} else {
		src = bytes.NewReader(c.Body())
	}
	mt, params, err := mime.ParseMediaType(c.Get(fiber.HeaderContentType))
	if err == nil && mt == fiber.MIMEApplicationForm {
		return readURLEncoded(src, small)
	}
	if err != nil || mt != fiber.MIMEMultipartForm || params["boundary"] == "" {
		return nil, apperr.New(apperr.KindUnsupportedMedia, apperr.CodeUnsupportedMedia,
			"Ảnh phải được gửi dạng multipart/form-data, trong trường "+fileField+".")
	}
	mr := multipart.NewReader(src, params["boundary"])
	f := &Form{Values: map[string]string{}, File: eof{}}
	fieldBytes := int64(0)
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return f, nil
		}
		if err != nil {
			return nil, readError(err)
		}
		if part.FormName() == fileField {
			f.File, f.HasFile = fileReader{part}, true
			return f, nil
		}
		if part.FileName() != "" { // a file in another field: skipped, within the body's limit
			if _, err := io.Copy(io.Discard, part); err != nil {
				return nil, readError(err)
			}
			continue
		}
		v, err := io.ReadAll(io.LimitReader(part, small-fieldBytes+1))
		if err != nil {
			return nil, readError(err)
		}
		if fieldBytes += int64(len(v)); fieldBytes > small {
			return nil, errTooLarge()
		}
		name := part.FormName()
		if err := checkText(name, string(v)); err != nil {
			return nil, err
		}
		if _, seen := f.Values[name]; name != "" && !seen {
			f.Values[name] = string(v)
		}
	}
}

// readURLEncoded reads a form sent url-encoded, which holds no file: all of
// it, within small bytes.
func readURLEncoded(src io.Reader, small int64) (*Form, error) {
	data, err := io.ReadAll(io.LimitReader(src, small+1))
	if err != nil {
		return nil, readError(err)
	}
	if int64(len(data)) > small {
		return nil, errTooLarge()
	}
	q, err := url.ParseQuery(string(data))
	if err != nil {
		return nil, apperr.New(apperr.KindBadRequest, apperr.CodeBadRequest, "Dữ liệu biểu mẫu không hợp lệ.")
	}
	f := &Form{Values: make(map[string]string, len(q)), File: eof{}}
	for k, v := range q {
		if err := checkText(k, v[0]); err != nil {
			return nil, err
		}
		f.Values[k] = v[0]
	}
	return f, nil
}

// checkText refuses a field name or value that PostgreSQL could not store
// (safetext): the fields read here stream past the edge check of the rest of
// the body, which sees the whole body in memory.
func checkText(name, value string) error {
	switch {
	case !safetext.Valid(name):
		return safetext.Refuse("form")
	case !safetext.Valid(value):
		return safetext.Refuse(name)
	}
	return nil
}

// readError is a body that is too large (413) or not multipart (400).
func readError(err error) error {
	if e := apperr.As(err); e != nil {
		return e
	}
	return apperr.New(apperr.KindBadRequest, apperr.CodeBadRequest, "Dữ liệu multipart/form-data không hợp lệ.")
}

// fileReader reads a file part; a body that breaks off (the client went
// away, the closing boundary never came) is the sender's 400, not a server
// error.
type fileReader struct{ part *multipart.Part }

func (r fileReader) Read(p []byte) (int, error) {
	n, err := r.part.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && apperr.As(err) == nil {
		err = apperr.New(apperr.KindBadRequest, apperr.CodeBadRequest, "Ảnh gửi lên bị đứt giữa chừng, xin gửi lại.")
	}
	return n, err
}

// eof is an empty file.
type eof struct{}

func (eof) Read([]byte) (int, error) { return 0, io.EOF }

// NonEmpty returns a reader of the same file and whether it holds anything
// (a form sent without choosing a file has an empty file field).
func NonEmpty(r io.Reader) (io.Reader, bool) {
	br := bufio.NewReader(r)
	_, err := br.Peek(1)
	return br, err == nil
}

// Stream is the body of a photo route, for a handler that takes raw bytes
// rather than a form (a resumable upload's piece): read it only after the
// route's checks, as ReadForm. A body the server did not stream (small,
// read whole already) is given from memory.
func Stream(c *fiber.Ctx) io.Reader {
	if b, ok := c.Locals(bodyKey{}).(*body); ok {
		return b
	}
	return bytes.NewReader(c.Body())
}
