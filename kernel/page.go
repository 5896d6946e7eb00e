package kernel

import (
	"encoding/base64"
	"strings"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/safetext"
)

// Page is one page of a cursor list, the shape every list of the API answers.
type Page[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// PageRequest asks for a page: Limit defaults to 20 and is capped at 100;
// Cursor is the next_cursor of the previous page, or empty for the first.
type PageRequest struct {
	Limit  int
	Cursor string
}

// Limit bounds of every list.
const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// Size is the number of items the page holds at most.
func (p PageRequest) Size() int {
	switch {
	case p.Limit <= 0:
		return DefaultLimit
	case p.Limit > MaxLimit:
		return MaxLimit
	}
	return p.Limit
}

// Cursor is the prefix of one family of cursors ("c1:" for the catalogue,
// "o1:" for orders): a cursor of one list is refused by another. Cursors
// are opaque to clients and continue after the id of the last item shown;
// ids are UUIDv7, so newest first is id descending.
type Cursor string

// After decodes the request's cursor into the id to continue after ("" for
// the first page).
func (k Cursor) After(p PageRequest) (string, error) {
	if p.Cursor == "" {
		return "", nil
	}
	// What a cursor decodes to reaches the database: the edge checked the
	// cursor's text, not the bytes inside it.
	raw, err := base64.RawURLEncoding.DecodeString(p.Cursor)
	prefix := string(k)
	if err != nil || !strings.HasPrefix(string(raw), prefix) || len(raw) == len(prefix) || !safetext.ValidBytes(raw) {
		return "", apperr.Field("cursor", "Con trỏ phân trang không hợp lệ.")
	}
	return string(raw[len(prefix):]), nil
}

// Next is the cursor that continues after lastID.
func (k Cursor) Next(lastID string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(string(k) + lastID))
}

// NewPage makes a page of items; more says whether rows follow lastID, the
// id of the last item.
func NewPage[T any](items []T, more bool, k Cursor, lastID string) Page[T] {
	p := Page[T]{Items: items}
	if p.Items == nil {
		p.Items = []T{}
	}
	if more && len(items) > 0 {
		c := k.Next(lastID)
		p.NextCursor = &c
	}
	return p
}

// PageOf trims the limit+1 rows a query fetched to a page and sets the
// cursor from the last item shown.
func PageOf[T any](items []T, limit int, k Cursor, idOf func(T) string) Page[T] {
	more := len(items) > limit
	if more {
		items = items[:limit]
	}
	last := ""
	if len(items) > 0 {
		last = idOf(items[len(items)-1])
	}
	return NewPage(items, more, k, last)
}
