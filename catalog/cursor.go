package catalog

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

func (p PageRequest) limit() int {
	switch {
	case p.Limit <= 0:
		return DefaultLimit
	case p.Limit > MaxLimit:
		return MaxLimit
	}
	return p.Limit
}

const cursorPrefix = "c1:"

// after decodes the cursor into the id to continue after ("" for the first
// page). Lists are ordered by id, newest first: ids are UUIDv7, so time-ordered.
func (p PageRequest) after() (string, error) {
	if p.Cursor == "" {
		return "", nil
	}
	// What a cursor decodes to reaches the database: the edge checked the
	// cursor's text, not the bytes inside it.
	raw, err := base64.RawURLEncoding.DecodeString(p.Cursor)
	if err != nil || !strings.HasPrefix(string(raw), cursorPrefix) || len(raw) == len(cursorPrefix) || !safetext.ValidBytes(raw) {
		return "", apperr.Field("cursor", "Con trỏ phân trang không hợp lệ.")
	}
	return string(raw[len(cursorPrefix):]), nil
}

// pageOf trims the limit+1 rows a query fetched to a page and sets the cursor
// from the last item shown.
func pageOf[T any](items []T, limit int, idOf func(T) string) Page[T] {
	more := len(items) > limit
	if more {
		items = items[:limit]
	}
	return newPage(items, more, idOf)
}

// newPage makes a page of items; more says whether rows follow the last one.
func newPage[T any](items []T, more bool, idOf func(T) string) Page[T] {
	p := Page[T]{Items: items}
	if p.Items == nil {
		p.Items = []T{}
	}
	if more && len(items) > 0 {
		c := base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + idOf(items[len(items)-1])))
		p.NextCursor = &c
	}
	return p
}
