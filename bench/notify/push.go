package main

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/ganh-market/ganh/notify"
)

// browser is a subscribed browser's keys (made here, as a browser makes
// them).
type browser struct {
	priv *ecdh.PrivateKey
	auth []byte
}

func newBrowser() (browser, error) {
	priv, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		return browser{}, err
	}
	auth := make([]byte, 16)
	_, _ = rand.Read(auth)
	return browser{priv: priv, auth: auth}, nil
}

func (b browser) subscription(endpoint string) notify.Subscription {
	var s notify.Subscription
	s.Endpoint = endpoint
	s.Keys.P256dh = base64.RawURLEncoding.EncodeToString(b.priv.PublicKey().Bytes())
	s.Keys.Auth = base64.RawURLEncoding.EncodeToString(b.auth)
	return s
}

func mac(key []byte, parts ...[]byte) []byte {
	h := hmac.New(sha256.New, key)
	for _, p := range parts {
		h.Write(p)
	}
	return h.Sum(nil)
}

// decrypt opens an aes128gcm push body (RFC 8188, RFC 8291) of one record.
func (b browser) decrypt(body []byte) ([]byte, error) {
	if len(body) < 21 || len(body) < 21+int(body[20]) {
		return nil, errors.New("short body")
	}
	salt, idlen := body[:16], int(body[20])
	asPublic, ciphertext := body[21:21+idlen], body[21+idlen:]
	as, err := ecdh.P256().NewPublicKey(asPublic)
	if err != nil {
		return nil, err
	}
	secret, err := b.priv.ECDH(as)
	if err != nil {
		return nil, err
	}
	ikm := mac(mac(b.auth, secret), []byte("WebPush: info\x00"), b.priv.PublicKey().Bytes(), asPublic, []byte{1})
	prk := mac(salt, ikm)
	block, err := aes.NewCipher(mac(prk, []byte("Content-Encoding: aes128gcm\x00"), []byte{1})[:16])
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	plain, err := gcm.Open(nil, mac(prk, []byte("Content-Encoding: nonce\x00"), []byte{1})[:12], ciphertext, nil)
	if err != nil {
		return nil, err
	}
	end := bytes.LastIndexByte(plain, 2)
	if end < 0 {
		return nil, errors.New("no padding delimiter")
	}
	return plain[:end], nil
}

// arrival is one push request as the push service received it.
type arrival struct {
	at   time.Time
	path string
	body []byte
}

// pushService is a push service on a local server: it answers 201 and
// keeps what arrived, to be decrypted after the run.
type pushService struct {
	*httptest.Server
	mu       sync.Mutex
	arrivals []arrival
}

func newPushService() *pushService {
	ps := &pushService{}
	ps.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		at := time.Now()
		b, _ := io.ReadAll(r.Body)
		ps.mu.Lock()
		ps.arrivals = append(ps.arrivals, arrival{at: at, path: r.URL.Path, body: b})
		ps.mu.Unlock()
		w.WriteHeader(http.StatusCreated)
	}))
	return ps
}

func (ps *pushService) take() []arrival {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	out := ps.arrivals
	ps.arrivals = nil
	return out
}

func (ps *pushService) count() int {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return len(ps.arrivals)
}
