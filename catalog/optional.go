package catalog

import (
	"bytes"
	"encoding/json"
)

// Nullable is a PATCH field that may be absent (leave as is), null (clear) or
// a value. A plain pointer cannot tell absent from null.
type Nullable[T any] struct {
	Set   bool // the field was in the body
	Null  bool // it was null
	Value T
}

// UnmarshalJSON records that the field was present, and whether it was null.
func (n *Nullable[T]) UnmarshalJSON(b []byte) error {
	n.Set = true
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		n.Null = true
		return nil
	}
	return json.Unmarshal(b, &n.Value)
}

// Some returns a Nullable that sets v.
func Some[T any](v T) Nullable[T] { return Nullable[T]{Set: true, Value: v} }

// Null returns a Nullable that clears the field.
func Null[T any]() Nullable[T] { return Nullable[T]{Set: true, Null: true} }

func (n Nullable[T]) ptr() *T {
	if n.Null {
		return nil
	}
	v := n.Value
	return &v
}
