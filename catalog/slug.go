package catalog

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"

	"github.com/ganh-market/ganh/textfold"
	"gorm.io/gorm"
)

const maxSlugLen = 80

// Slugify turns a Vietnamese name into a URL slug: "Hợp tác xã Cói Kim Sơn"
// becomes "hop-tac-xa-coi-kim-son". Text pasted in decomposed form (NFD, as
// phones often send it) gives the same result as precomposed text, and đ
// becomes d.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(s) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= maxSlugLen {
				break
			}
			continue
		}
		dash = true
	}
	return strings.TrimRight(b.String(), "-")
}

// Fold lowercases s and removes Vietnamese diacritics (textfold.Fold), so
// that what shoppers type without marks ("coi kim son") matches names
// written with them.
func Fold(s string) string { return textfold.Fold(s) }

// uniqueSlug returns base, or base-2, base-3 … whichever is free in table.
// table is always a constant of this package, never caller input. Two
// concurrent writers may still pick the same slug: the UNIQUE constraint
// catches that and the caller retries (insertWithSlug).
func uniqueSlug(tx *gorm.DB, table, base string) (string, error) {
	var taken []string
	if err := tx.Table(table).Where("(slug = ? OR slug LIKE ?)", base, base+"-%").Pluck("slug", &taken).Error; err != nil {
		return "", err
	}
	used := make(map[string]bool, len(taken))
	for _, s := range taken {
		used[s] = true
	}
	if !used[base] {
		return base, nil
	}
	for n := 2; ; n++ {
		if s := fmt.Sprintf("%s-%d", base, n); !used[s] {
			return s, nil
		}
	}
}

// insertWithSlug picks a free slug from name, calls setSlug and create, and
// retries with the next free slug when a concurrent insert took it first.
// Each attempt runs in a savepoint so a failed insert does not abort tx.
// A writer that loses a race waits for the winner's commit, so the retries
// cost no busy looping.
func insertWithSlug(tx *gorm.DB, table, name, fallback string, setSlug func(string), create func(*gorm.DB) error) error {
	base := Slugify(name)
	if base == "" {
		base = fallback
	}
	var err error
	for attempt := range 10 {
		var slug string
		if slug, err = uniqueSlug(tx, table, base); err != nil {
			return err
		}
		if attempt >= 5 {
			// Many writers race for the same name: stop queueing behind
			// each other's uncommitted rows and take a random suffix.
			slug = fmt.Sprintf("%s-%04x", base, rand.IntN(1<<16))
		}
		setSlug(slug)
		err = tx.Transaction(func(sp *gorm.DB) error { return create(sp) })
		if err == nil || !isDuplicate(err) {
			return err
		}
	}
	return err
}
