package media

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
)

// Chunk sizes of an upload buffer: small uploads stay small, large ones do
// not need thousands of chunks.
const (
	firstChunk = 64 << 10
	maxChunk   = 4 << 20
)

// uploadBuf holds an upload in chunks. Unlike a growing slice it never copies
// what it has read into a bigger buffer, so an upload costs its own size in
// memory and a refused one at most the limit plus one byte.
type uploadBuf struct {
	chunks [][]byte
	size   int64
}

// fill reads r into the buffer until EOF. It fails with errTooLarge as soon
// as more than limit bytes arrive, and calls check once with the first
// sniffLen bytes (or all, if fewer), so a wrong type fails before the rest is
// read. sizeHint, when known (≥ 0), sizes the buffer exactly.
func (u *uploadBuf) fill(r io.Reader, limit, sizeHint int64, check func(head []byte) error) error {
	next := int64(firstChunk)
	if sizeHint >= 0 {
		// +1 so the read that sees EOF needs no new chunk; at least sniffLen
		// so the head checked below is always in the first chunk.
		next = max(sizeHint+1, sniffLen)
	}
	checked := false
	for {
		room := limit + 1 - u.size
		if room <= 0 {
			return errTooLarge()
		}
		chunk := make([]byte, 0, min(next, room))
		next = min(next*2, maxChunk)
		for len(chunk) < cap(chunk) {
			n, err := r.Read(chunk[len(chunk):cap(chunk)])
			chunk = chunk[:len(chunk)+n]
			eof := errors.Is(err, io.EOF)
			if err != nil && !eof {
				return err
			}
			if !checked && (u.size+int64(len(chunk)) >= sniffLen || eof) {
				checked = true
				head := chunk[:min(len(chunk), sniffLen)] // the first chunk is ≥ sniffLen or all there is
				if err := check(head); err != nil {
					return err
				}
			}
			if eof {
				u.add(chunk)
				if u.size > limit { // the last read may bring the byte too many with EOF
					return errTooLarge()
				}
				return nil
			}
		}
		u.add(chunk)
		if u.size > limit {
			return errTooLarge()
		}
	}
}

func (u *uploadBuf) add(chunk []byte) {
	if len(chunk) > 0 {
		u.chunks = append(u.chunks, chunk)
		u.size += int64(len(chunk))
	}
}

// hash is the hex sha256 of the whole upload.
func (u *uploadBuf) hash() string {
	h := sha256.New()
	for _, c := range u.chunks {
		h.Write(c)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// head returns the first n bytes (fewer if the upload is shorter), copying
// only when they span chunks.
func (u *uploadBuf) head(n int) []byte {
	if len(u.chunks) > 0 && len(u.chunks[0]) >= n {
		return u.chunks[0][:n]
	}
	b := make([]byte, min(int64(n), u.size))
	_, _ = u.ReadAt(b, 0)
	return b
}

// ReadAt reads from the upload as if it were one slice.
func (u *uploadBuf) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("media: negative offset")
	}
	n := 0
	for _, c := range u.chunks {
		if n == len(p) {
			break
		}
		if off >= int64(len(c)) {
			off -= int64(len(c))
			continue
		}
		k := copy(p[n:], c[off:])
		n += k
		off = 0
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// reader reads the upload from the start. It is an io.ByteReader, which
// spares image/jpeg a bufio copy.
func (u *uploadBuf) reader() *chunkReader { return &chunkReader{chunks: u.chunks} }

type chunkReader struct {
	chunks [][]byte
	off    int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	for len(r.chunks) > 0 && r.off == len(r.chunks[0]) {
		r.chunks, r.off = r.chunks[1:], 0
	}
	if len(r.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.chunks[0][r.off:])
	r.off += n
	return n, nil
}

func (r *chunkReader) ReadByte() (byte, error) {
	for len(r.chunks) > 0 && r.off == len(r.chunks[0]) {
		r.chunks, r.off = r.chunks[1:], 0
	}
	if len(r.chunks) == 0 {
		return 0, io.EOF
	}
	b := r.chunks[0][r.off]
	r.off++
	return b, nil
}
