// Package pushtest plays a subscribed browser for Web Push tests and the
// notify benchmark: it makes the keys a browser makes when it subscribes and
// opens what a push service delivers, as the browser would.
package pushtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/ganh-market/ganh/notify"
)

// Browser is a browser's subscription keys: a P-256 key pair and a 16-byte
// auth secret.
type Browser struct {
	priv *ecdh.PrivateKey
	auth []byte
}

// NewBrowser makes fresh subscription keys.
func NewBrowser() (Browser, error) {
	priv, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		return Browser{}, err
	}
	auth := make([]byte, 16)
	if _, err := rand.Read(auth); err != nil {
		return Browser{}, err
	}
	return Browser{priv: priv, auth: auth}, nil
}

// Subscription is the PushSubscription the browser would hand the page for
// a push service at endpoint.
func (b Browser) Subscription(endpoint string) notify.Subscription {
	var s notify.Subscription
	s.Endpoint = endpoint
	s.Keys.P256dh = base64.RawURLEncoding.EncodeToString(b.priv.PublicKey().Bytes())
	s.Keys.Auth = base64.RawURLEncoding.EncodeToString(b.auth)
	return s
}

// Decrypt opens an aes128gcm body of one record (RFC 8188 framing, RFC 8291
// keys) with the browser's private key and auth secret.
func (b Browser) Decrypt(body []byte) ([]byte, error) {
	if len(body) < 21 {
		return nil, fmt.Errorf("body of %d bytes", len(body))
	}
	salt, rs, idlen := body[:16], binary.BigEndian.Uint32(body[16:20]), int(body[20])
	if len(body) < 21+idlen {
		return nil, errors.New("short header")
	}
	asPublic, ciphertext := body[21:21+idlen], body[21+idlen:]
	if uint32(len(ciphertext)) > rs {
		return nil, errors.New("more than one record")
	}
	asKey, err := ecdh.P256().NewPublicKey(asPublic)
	if err != nil {
		return nil, err
	}
	secret, err := b.priv.ECDH(asKey)
	if err != nil {
		return nil, err
	}
	ikm := hmacSHA256(hmacSHA256(b.auth, secret), []byte("WebPush: info\x00"), b.priv.PublicKey().Bytes(), asPublic, []byte{1})
	prk := hmacSHA256(salt, ikm)
	cek := hmacSHA256(prk, []byte("Content-Encoding: aes128gcm\x00"), []byte{1})[:16]
	nonce := hmacSHA256(prk, []byte("Content-Encoding: nonce\x00"), []byte{1})[:12]
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	plain, err := gcm.Open(nil, nonce, ciphertext, nil)
	if err != nil {
		return nil, err
	}
	// The last record ends with 0x02 then zero padding.
	end := bytes.LastIndexByte(plain, 2)
	if end < 0 || len(bytes.Trim(plain[end+1:], "\x00")) != 0 {
		return nil, errors.New("bad padding")
	}
	return plain[:end], nil
}

func hmacSHA256(key []byte, parts ...[]byte) []byte {
	h := hmac.New(sha256.New, key)
	for _, p := range parts {
		h.Write(p)
	}
	return h.Sum(nil)
}
