package money_test

import (
	"math"
	"testing"

	"github.com/ganh-market/ganh/money"
)

func TestAddNeverWraps(t *testing.T) {
	for _, tc := range []struct {
		a, b, want int64
		ok         bool
	}{
		{1, 2, 3, true},
		{math.MaxInt64 - 1, 1, math.MaxInt64, true},
		{math.MaxInt64, 1, 0, false},
		{math.MaxInt64, math.MaxInt64, 0, false},
		{5, 0, 5, true},
		{-5, 3, -2, true},
		{math.MinInt64, -1, 0, false},
	} {
		got, ok := money.Add(tc.a, tc.b)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("Add(%d, %d) = %d, %v; want %d, %v", tc.a, tc.b, got, ok, tc.want, tc.ok)
		}
	}
}

func TestMulNeverWraps(t *testing.T) {
	for _, tc := range []struct {
		a    int64
		n    int
		want int64
		ok   bool
	}{
		{1_000_000_000, 999, 999_000_000_000, true},
		{0, 999, 0, true},
		{1_000_000_000_000, 999, 999_000_000_000_000, true},
		{math.MaxInt64 / 2, 2, math.MaxInt64 - 1, true},
		{math.MaxInt64/2 + 1, 2, 0, false},
		{-1, 2, 0, false},
		{1, -2, 0, false},
	} {
		got, ok := money.Mul(tc.a, tc.n)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("Mul(%d, %d) = %d, %v; want %d, %v", tc.a, tc.n, got, ok, tc.want, tc.ok)
		}
	}
	if _, ok := money.Sum(math.MaxInt64, 1, -1); ok {
		t.Error("Sum must refuse a running total that overflows")
	}
	if s, ok := money.Sum(1, 2, 3); !ok || s != 6 {
		t.Errorf("Sum = %d, %v", s, ok)
	}
}
