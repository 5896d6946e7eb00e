package web

import (
	"testing"
	"time"
)

func TestFormatVND(t *testing.T) {
	cases := map[int64]string{
		0:          "0\u00a0₫",
		999:        "999\u00a0₫",
		1000:       "1.000\u00a0₫",
		125000:     "125.000\u00a0₫",
		1234567890: "1.234.567.890\u00a0₫",
		-25000:     "-25.000\u00a0₫",
	}
	for in, want := range cases {
		if got := formatVND(in); got != want {
			t.Errorf("formatVND(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatCount(t *testing.T) {
	for in, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1.000", 12345: "12.345", 1234567: "1.234.567", -4500: "-4.500"} {
		if got := formatCount(in); got != want {
			t.Errorf("formatCount(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatDateInVietnam(t *testing.T) {
	// 20:30 UTC on 26 November is already 27 November in Viet Nam.
	at := time.Date(2026, 11, 26, 20, 30, 0, 0, time.UTC)
	if got, want := formatDate(at), "27 tháng 11, 2026"; got != want {
		t.Errorf("formatDate = %q, want %q", got, want)
	}
	if got, want := formatDateTime(at), "03:30, 27/11/2026"; got != want {
		t.Errorf("formatDateTime = %q, want %q", got, want)
	}
	d, err := parseDateInput("2026-11-27")
	if err != nil || d.Format(time.RFC3339) != "2026-11-26T17:00:00Z" {
		t.Errorf("parseDateInput = %v, %v", d, err)
	}
	if got := dateInput(d); got != "2026-11-27" {
		t.Errorf("dateInput = %q", got)
	}
}
