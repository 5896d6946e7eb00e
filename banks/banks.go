// Package banks is the list of Vietnamese banks that take part in NAPAS
// VietQR, embedded in the binary: a seller picks her bank by name (never by
// typing its 6-digit BIN), and a VietQR block names the bank the shopper
// pays into. The list (banks.json) comes from the MIT-licensed npm package
// vietnam-qr-pay@1.5.1; its "note" field says so.
package banks

import (
	_ "embed"
	"encoding/json"
	"slices"
	"strings"

	"github.com/ganh-market/ganh/textfold"
)

// Bank is one bank: BIN is the 6-digit id inside a VietQR payload,
// ShortName what people call it ("Vietcombank"), Name its registered name.
// Transfer is false for banks whose app can receive a VietQR transfer but
// not pay one.
type Bank struct {
	BIN       string `json:"bin"`
	ShortName string `json:"short_name"`
	Name      string `json:"name"`
	Code      string `json:"code"`
	Transfer  bool   `json:"transfer"`
	folded    string // everything a search matches, folded
}

//go:embed banks.json
var raw []byte

// renamed are the entries of banks.json whose BIN a later bank now uses
// (DongA Bank became Vikki Bank, LienVietPostBank became LPBank, Ocean Bank
// became MBV). The old name stays searchable and leads to the new bank.
var renamed = map[string]bool{"DongA Bank": true, "LienVietPostBank": true, "Ocean Bank": true}

var (
	list  []Bank          // one per BIN, by ShortName
	byBIN map[string]Bank // the same, by BIN
)

func init() {
	var doc struct {
		Banks []struct {
			BIN       string `json:"bin"`
			ShortName string `json:"short_name"`
			Name      string `json:"name"`
			Code      string `json:"code"`
			VietQR    string `json:"vietqr"`
			Keywords  string `json:"keywords"`
		} `json:"banks"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		panic("banks: banks.json: " + err.Error())
	}
	formerly := map[string][]string{}
	for _, b := range doc.Banks {
		if renamed[b.ShortName] {
			formerly[b.BIN] = append(formerly[b.BIN], b.ShortName, b.Name, b.Keywords)
		}
	}
	byBIN = make(map[string]Bank, len(doc.Banks))
	for _, b := range doc.Banks {
		if renamed[b.ShortName] {
			continue
		}
		if _, dup := byBIN[b.BIN]; dup {
			panic("banks: two current banks share BIN " + b.BIN)
		}
		words := append([]string{b.ShortName, b.Name, b.Code, b.Keywords}, formerly[b.BIN]...)
		bank := Bank{BIN: b.BIN, ShortName: b.ShortName, Name: b.Name, Code: b.Code,
			Transfer: b.VietQR == "transfer", folded: textfold.Fold(strings.Join(words, " "))}
		byBIN[b.BIN] = bank
		list = append(list, bank)
	}
	slices.SortFunc(list, func(a, b Bank) int {
		return strings.Compare(textfold.Fold(a.ShortName), textfold.Fold(b.ShortName))
	})
}

// All is every bank, one per BIN, ordered by short name. The slice is a
// copy: callers may keep or change it.
func All() []Bank { return slices.Clone(list) }

// ByBIN is the bank with that BIN.
func ByBIN(bin string) (Bank, bool) {
	b, ok := byBIN[bin]
	return b, ok
}

// Search is the banks whose short name, registered name, code or keywords
// contain every word of q, without regard to diacritics or case
// ("vietcom", "ngoai thuong", "agri"); an empty q is every bank.
func Search(q string) []Bank {
	words := strings.Fields(textfold.Fold(q))
	var out []Bank
	for _, b := range list {
		if matchesAll(b.folded, words) {
			out = append(out, b)
		}
	}
	return out
}

func matchesAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// Terms is everything a search of this bank matches, folded (textfold):
// its names, code, keywords and former names. Pages hand it to the
// browser so the bank list filters as she types with the same rule as
// Search.
func (b Bank) Terms() string { return b.folded }
