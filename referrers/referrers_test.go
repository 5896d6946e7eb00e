package referrers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/referrers"
	"gorm.io/gorm"
)

var (
	national = kernel.Caller{UserID: "staff-1", Role: kernel.RoleStaff}
	ninhBinh = kernel.Caller{UserID: "staff-2", Role: kernel.RoleStaff, Province: "ninh-binh"}
)

// TestReferrerCodesAndScope: codes are 6 characters of the unambiguous
// alphabet, found again typed in lower case; a member joins her chapter
// (and its commune); provincial staff create and list only their own
// province's; shoppers none.
func TestReferrerCodesAndScope(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := referrers.NewService(db, nil)
		ch, err := s.Create(ctx, ninhBinh, referrers.Input{Name: "Chi hội Phụ nữ xã Gia Viễn", Kind: referrers.Chapter, Province: "ninh-binh", Commune: "Gia Viễn"})
		if err != nil {
			t.Fatal(err)
		}
		if len(ch.Code) != referrers.CodeLen || strings.ContainsAny(ch.Code, "0O1IL") || referrers.NormalizeCode(ch.Code) != ch.Code {
			t.Fatalf("code %q", ch.Code)
		}
		m, err := s.Create(ctx, national, referrers.Input{Name: "Phạm Thị Hoa", Kind: referrers.Member, Province: "ninh-binh", ChapterCode: strings.ToLower(ch.Code)})
		if err != nil {
			t.Fatal(err)
		}
		if m.ChapterID == nil || *m.ChapterID != ch.ID || m.Commune != "Gia Viễn" {
			t.Fatalf("member %+v", m)
		}
		if _, err := s.Create(ctx, national, referrers.Input{Name: "Chi hội Mộc Châu", Kind: referrers.Chapter, Province: "son-la"}); err != nil {
			t.Fatal(err)
		}
		_, err = s.Create(ctx, ninhBinh, referrers.Input{Name: "Chi hội Mộc Châu", Kind: referrers.Chapter, Province: "son-la"})
		if apperr.KindOf(err) != apperr.KindNotFound { // another province is not hers to see
			t.Fatalf("Ninh Bình staff creating in Sơn La: %v", err)
		}
		_, err = s.Create(ctx, national, referrers.Input{Name: " ", Kind: "friend", Province: "atlantis"})
		if e := apperr.As(err); e == nil || len(e.Fields) != 3 {
			t.Fatalf("invalid input: %v", err)
		}
		_, err = s.Create(ctx, kernel.Caller{UserID: "u", Role: kernel.RoleShopper}, referrers.Input{Name: "X", Kind: referrers.Chapter, Province: "ninh-binh"})
		if apperr.KindOf(err) != apperr.KindForbidden {
			t.Fatalf("shopper: %v", err)
		}
		all, _ := s.List(ctx, national)
		mine, _ := s.List(ctx, ninhBinh)
		if len(all) != 3 || len(mine) != 2 {
			t.Fatalf("national sees %d, Ninh Bình %d", len(all), len(mine))
		}
		got, err := s.ByCode(ctx, " "+strings.ToLower(m.Code)+" ")
		if err != nil || got == nil || got.ID != m.ID {
			t.Fatalf("ByCode = %+v, %v", got, err)
		}
		for _, code := range []string{"", "ZZZZZZ", "ABC", "O0O0O0", "'; --"} {
			if r, err := referrers.Lookup(db, code); r != nil || err != nil {
				t.Errorf("Lookup(%q) = %+v, %v", code, r, err)
			}
		}
	})
}
