package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/gofiber/fiber/v2"
)

// maxJSONBody bounds JSON request bodies. The app's body limit is larger
// because photo uploads share it; no JSON request needs more than this.
const maxJSONBody = 1 << 20

// decodeJSON reads the request body into dst, which lists the only fields a
// caller may set: an unknown field is refused rather than ignored, so a body
// can never set `status`, `role` or an owner it was not meant to.
func decodeJSON(c *fiber.Ctx, dst any) error {
	mt, _, err := mime.ParseMediaType(c.Get(fiber.HeaderContentType))
	if err != nil || (mt != fiber.MIMEApplicationJSON && !strings.HasSuffix(mt, "+json")) {
		return apperr.New(apperr.KindUnsupportedMedia, apperr.CodeUnsupportedMedia, "Dữ liệu phải là JSON (Content-Type: application/json).")
	}
	body := c.Body()
	if len(body) > maxJSONBody {
		return apperr.New(apperr.KindTooLarge, apperr.CodeTooLarge, "Dữ liệu gửi lên quá lớn.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return badJSON()
	}
	return nil
}

func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return apperr.New(apperr.KindBadRequest, apperr.CodeBadRequest, "Dữ liệu phải là một đối tượng JSON.")
		}
		return apperr.Field(field, fmt.Sprintf("Kiểu dữ liệu không đúng (cần %s).", jsonKind(typeErr.Type.Kind().String())))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return apperr.Field(field, "Trường này không được phép gửi.")
	}
	return badJSON()
}

func badJSON() error {
	return apperr.New(apperr.KindBadRequest, apperr.CodeBadRequest, "Dữ liệu JSON không hợp lệ.")
}

// jsonKind names a Go kind the way a JSON client thinks of it.
func jsonKind(kind string) string {
	switch kind {
	case "string":
		return "chuỗi"
	case "bool":
		return "true/false"
	case "slice", "array":
		return "mảng"
	case "struct", "map":
		return "đối tượng"
	}
	return "số"
}
