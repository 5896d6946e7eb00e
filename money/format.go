package money

import "strconv"

// Dots writes a whole number with dots between thousands, the way
// Vietnamese read them ("12.345"): the pages and the printed posters.
func Dots(v int64) string {
	neg := v < 0
	u := uint64(v)
	if neg {
		u = -u
	}
	s := strconv.FormatUint(u, 10)
	out := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		out = append(out, '-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// VND writes an amount of đồng: dots between thousands and the sign after
// a non-breaking space ("125.000 ₫"), which never breaks across two lines.
func VND(v int64) string { return Dots(v) + "\u00a0₫" }
