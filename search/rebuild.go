package search

import (
	"context"
	"errors"
)

// Rebuild builds a complete new index and swaps it in. load writes every
// document through w (page through the database, then replay the outbox
// changes made since loading began); if load or the swap fails, the new
// index is thrown away and the live one keeps serving.
func Rebuild(ctx context.Context, r Rebuilder, load func(ctx context.Context, w Writer) error) error {
	b, err := r.BeginRebuild(ctx)
	if err != nil {
		return err
	}
	if err := load(ctx, b); err != nil {
		return errors.Join(err, b.Abort(context.WithoutCancel(ctx)))
	}
	if err := b.Commit(ctx); err != nil {
		return errors.Join(err, b.Abort(context.WithoutCancel(ctx)))
	}
	return nil
}
