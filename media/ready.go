package media

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
)

// probeKey is where Ready writes: a direct-upload key (never served, swept
// if ever left behind) of its own per process, so instances sharing a store
// do not remove each other's probe.
var probeKey = func() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return incomingPrefix + "ready-probe-" + hex.EncodeToString(b[:])
}()

// Ready says whether s can take uploads now, for /readyz: the store answers
// (Ping, which for the disk store also checks free space), and it takes a
// write: a two-byte object is put and removed on every call. A cached answer
// would keep saying "ready" for a while after a disk filled up or went
// read-only; the probe costs one small write and one delete.
func Ready(ctx context.Context, s Store) error {
	if err := s.Ping(ctx); err != nil {
		return err
	}
	if err := s.Put(ctx, probeKey, strings.NewReader("ok"), 2, "text/plain"); err != nil {
		return fmt.Errorf("media: the store refuses writes: %w", err)
	}
	if err := s.Delete(ctx, probeKey); err != nil {
		return fmt.Errorf("media: the store refuses deletes: %w", err)
	}
	return nil
}
