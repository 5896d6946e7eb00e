package orders

import (
	"encoding/base64"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/safetext"
)

// Lists answer catalog.Page and take catalog.PageRequest, the one list
// shape of the API: limit defaults to 20 and is capped at 100; the cursor is
// opaque and continues after the id of the last item shown (ids are UUIDv7,
// so newest first is id descending).

const cursorPrefix = "o1:"

func limitOf(pr catalog.PageRequest) int {
	switch {
	case pr.Limit <= 0:
		return catalog.DefaultLimit
	case pr.Limit > catalog.MaxLimit:
		return catalog.MaxLimit
	}
	return pr.Limit
}

// afterID decodes the cursor into the id to continue after, "" for the
// first page.
func afterID(pr catalog.PageRequest) (string, error) {
	if pr.Cursor == "" {
		return "", nil
	}
	// What a cursor decodes to reaches the database: the edge checked the
	// cursor's text, not the bytes inside it.
	raw, err := base64.RawURLEncoding.DecodeString(pr.Cursor)
	if err != nil || !strings.HasPrefix(string(raw), cursorPrefix) || len(raw) == len(cursorPrefix) || !safetext.ValidBytes(raw) {
		return "", apperr.Field("cursor", "Con trỏ phân trang không hợp lệ.")
	}
	return string(raw[len(cursorPrefix):]), nil
}

// newPage makes a page of items; more says whether rows follow lastID.
func newPage[T any](items []T, more bool, lastID string) catalog.Page[T] {
	p := catalog.Page[T]{Items: items}
	if p.Items == nil {
		p.Items = []T{}
	}
	if more {
		c := base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + lastID))
		p.NextCursor = &c
	}
	return p
}
