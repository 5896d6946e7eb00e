// Package referrers is the Hội's network as a sales channel: its chapters
// (a commune's Women's Union) and members who share links, each with a
// short code. A link with ?ref=CODE records who brought a visitor; the
// orders she places and the coops she opens keep it. The package owns the
// referrers table; orders and catalog read it through Lookup in their own
// transactions.
package referrers

import (
	"crypto/rand"
	"strings"
	"time"
)

// Kind says whether a referrer is a chapter or one of its members.
type Kind string

// The kinds of API.md.
const (
	Chapter Kind = "chapter"
	Member  Kind = "member"
)

// Referrer is a chapter or member as the API shows it.
type Referrer struct {
	ID       string `json:"id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Kind     Kind   `json:"kind"`
	Province string `json:"province"`
	Commune  string `json:"commune"`
	// ChapterID is a member's chapter, if she has one.
	ChapterID *string `json:"chapter_id"`
	// UserID is a member's own account, whose share links carry her code.
	UserID    *string   `json:"user_id"`
	CreatedAt time.Time `json:"created_at"`
}

// Ref is how an order names its referrer.
type Ref struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// row is a row of referrers.
type row struct {
	ID        string `gorm:"primaryKey"`
	Code      string
	Name      string
	Kind      Kind
	Province  string
	Commune   string
	ChapterID *string
	UserID    *string
	CreatedBy string
	CreatedAt time.Time
}

func (row) TableName() string { return "referrers" }

func (r *row) view() Referrer {
	return Referrer{ID: r.ID, Code: r.Code, Name: r.Name, Kind: r.Kind, Province: r.Province, Commune: r.Commune,
		ChapterID: r.ChapterID, UserID: r.UserID, CreatedAt: r.CreatedAt.UTC()}
}

// CodeLen is the length of a code; alphabet leaves out 0/O and 1/I/L, which
// people misread on a printed poster or over the phone.
const (
	CodeLen  = 6
	alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
)

// newCode draws a code uniformly from the alphabet (31^6 ≈ 887 million).
func newCode() string {
	var b [CodeLen]byte
	out := make([]byte, CodeLen)
	for i := 0; i < CodeLen; {
		if _, err := rand.Read(b[:]); err != nil {
			panic("referrers: no randomness: " + err.Error())
		}
		for _, x := range b {
			// 248 = 8 × 31: bytes above it are dropped so each letter is
			// equally likely.
			if x < 248 && i < CodeLen {
				out[i] = alphabet[int(x)%len(alphabet)]
				i++
			}
		}
	}
	return string(out)
}

// NormalizeCode is code as stored (upper case, trimmed), or "" when it
// cannot be one: wrong length or a letter outside the alphabet. Lower case
// is accepted because people type codes from posters.
func NormalizeCode(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) != CodeLen {
		return ""
	}
	for i := 0; i < len(code); i++ {
		if strings.IndexByte(alphabet, code[i]) < 0 {
			return ""
		}
	}
	return code
}
