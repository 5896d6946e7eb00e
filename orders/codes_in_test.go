package orders_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/orders"
)

func TestCodesIn(t *testing.T) {
	for _, c := range []struct {
		note string
		want []string
	}{
		{"GN-7K3F9Q", []string{"GN-7K3F9Q"}},
		{"gn7k3f9q", []string{"GN-7K3F9Q"}},
		{"GN 7K3F9Q", []string{"GN-7K3F9Q"}},
		{"CK GN 7K3F9Q tu NGUYEN VAN A", []string{"GN-7K3F9Q"}},
		{"CKGN7K3F9QTU NGUYEN VAN A", []string{"GN-7K3F9Q"}},
		{"MBVCB.1234567.gn-7k3f9q.CT tu 0011001234567", []string{"GN-7K3F9Q"}},
		{"GN - 7K3F 9Q thanh toan", []string{"GN-7K3F9Q"}},
		{"Thanh toán đơn GN-7K3F9Q và GN-ABCDEF, lại GN7K3F9Q", []string{"GN-7K3F9Q", "GN-ABCDEF"}},
		{"GNGN7K3F9Q", []string{"GN-GN7K3F", "GN-7K3F9Q"}},
		{"GN-7K3F", nil},          // too short
		{"GN-7K3F0Q", nil},        // 0 is not in the alphabet
		{"GN -  7K3F9Q", nil},     // four separators: another word
		{"GN-7K  3F9Q", nil},      // a gap inside the code
		{"chuyen tien hang", nil}, // no code at all
		{"GN-7K3FđQ", nil},        // non-ASCII ends the candidate
		{"", nil},
	} {
		if got := orders.CodesIn(c.note); !slices.Equal(got, c.want) {
			t.Errorf("CodesIn(%q) = %q, want %q", c.note, got, c.want)
		}
	}
}

// FuzzCodesIn: whatever the note, every code found is a stored-form code
// that NormalizeCode keeps as it is, and it is written in the note.
func FuzzCodesIn(f *testing.F) {
	for _, s := range []string{"CK GN 7K3F9Q tu NGUYEN VAN A", "gn7k3f9q", "GNGNGN", "GN-\x00\xff", "Thanh toán GN.7K3F9Q"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, note string) {
		folded := strings.ToUpper(note)
		for _, code := range orders.CodesIn(note) {
			if orders.NormalizeCode(code) != code {
				t.Fatalf("CodesIn(%q) found %q, not a code", note, code)
			}
			compact := strings.NewReplacer("-", "", " ", "", ".", "", "_", "", "\t", "").Replace(folded)
			if !strings.Contains(compact, strings.ReplaceAll(code, "-", "")) {
				t.Fatalf("CodesIn(%q) found %q, which the note does not hold", note, code)
			}
		}
	})
}
