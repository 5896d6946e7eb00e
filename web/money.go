package web

import (
	"strconv"
	"time"

	"github.com/ganh-market/ganh/money"
)

// formatVND writes an amount of đồng the Vietnamese way: dots between
// thousands and the sign after a non-breaking space ("125.000 ₫").
func formatVND(v int64) string { return money.VND(v) }

// formatCount writes a whole number with dots between thousands, the way
// Vietnamese read them ("12.345").
func formatCount(v int64) string { return money.Dots(v) }

// vietnam is the time zone every date on a page is shown in.
var vietnam = loadVietnam()

func loadVietnam() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	// No tz database on the machine: Viet Nam has kept UTC+7 since 1975.
	return time.FixedZone("ICT", 7*3600)
}

// formatDate shows a day as "27 tháng 11, 2026" in Vietnam's time.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(vietnam)
	return strconv.Itoa(t.Day()) + " tháng " + strconv.Itoa(int(t.Month())) + ", " + strconv.Itoa(t.Year())
}

// formatDateTime shows a moment as "14:05, 27/11/2026" in Vietnam's time.
func formatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vietnam).Format("15:04, 02/01/2006")
}

// dateInput is the value of an <input type="date"> for t in Vietnam's time.
func dateInput(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.In(vietnam).Format("2006-01-02")
}

// parseDateInput reads an <input type="date"> value as the start of that
// day in Vietnam; empty gives nil.
func parseDateInput(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, vietnam)
	if err != nil {
		return nil, err
	}
	u := t.UTC()
	return &u, nil
}
