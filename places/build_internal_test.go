package places

import "testing"

// BenchmarkBuild: parsing the embedded lists into their tables, the cost of
// the first use in a process.
func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if t := build(); len(t.byCode) != 3321 {
			b.Fatal(len(t.byCode))
		}
	}
}
