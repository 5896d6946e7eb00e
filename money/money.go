// Package money is the arithmetic of amounts in whole đồng (int64): sums and
// products that say when they do not fit instead of wrapping. Orders and
// the sales rollups add money with it, so a total can be refused but never
// silently wrong.
package money

import "math"

// Add returns a+b, and false when the sum does not fit an int64.
func Add(a, b int64) (int64, bool) {
	s := a + b
	return s, (s > a) == (b > 0)
}

// Mul returns amount×n (a unit price times a quantity), and false when the
// product does not fit an int64 or either factor is negative.
func Mul(amount int64, n int) (int64, bool) {
	m := int64(n)
	if amount < 0 || m < 0 {
		return 0, false
	}
	if amount != 0 && m > math.MaxInt64/amount {
		return 0, false
	}
	return amount * m, true
}

// Sum adds amounts in order, and false as soon as the total does not fit.
func Sum(amounts ...int64) (int64, bool) {
	var t int64
	for _, a := range amounts {
		var ok bool
		if t, ok = Add(t, a); !ok {
			return 0, false
		}
	}
	return t, true
}
