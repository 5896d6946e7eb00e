package httpbodytest

import (
	"bytes"
	"mime/multipart"
	"testing"
)

// MultipartForm encodes fields, then (when fileField is not empty) file
// under fileField with filename, as multipart/form-data, the way a browser
// or an app posts a photo form; it returns the body and its Content-Type.
func MultipartForm(t testing.TB, fields map[string]string, fileField, filename string, file []byte) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if fileField != "" {
		fw, err := mw.CreateFormFile(fileField, filename)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(file); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), mw.FormDataContentType()
}
