package reports

import (
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
)

// Location is the time zone of every report: Viet Nam keeps UTC+7 all year
// (no daylight saving since 1975). A fixed zone needs no tzdata on the host.
var Location = time.FixedZone("ICT", 7*60*60)

// dateLayout is how dates travel: local calendar dates, YYYY-MM-DD.
const dateLayout = "2006-01-02"

// Range is the period of a report as the request gives it: local dates
// YYYY-MM-DD, both inclusive; an empty bound is open. Province (a slug)
// narrows a market report (overview, sales) to that province's coops; ""
// is every coop the caller oversees. A coop's own report ignores it.
type Range struct {
	From     string
	To       string
	Province string
}

// period is a checked Range.
type period struct {
	from, to time.Time // local midnights; zero when open
}

// parse checks the range: each bound a real date, from not after to.
func (r Range) parse() (period, error) {
	var p period
	var fields []apperr.FieldError
	bad := func(field string) {
		fields = append(fields, apperr.FieldError{Field: field, Message: "Ngày phải có dạng YYYY-MM-DD, ví dụ 2026-01-31."})
	}
	var err error
	if s := strings.TrimSpace(r.From); s != "" {
		if p.from, err = time.ParseInLocation(dateLayout, s, Location); err != nil {
			bad("from")
		}
	}
	if s := strings.TrimSpace(r.To); s != "" {
		if p.to, err = time.ParseInLocation(dateLayout, s, Location); err != nil {
			bad("to")
		}
	}
	if len(fields) == 0 && !p.from.IsZero() && !p.to.IsZero() && p.from.After(p.to) {
		fields = append(fields,
			apperr.FieldError{Field: "from", Message: "Ngày bắt đầu không được sau ngày kết thúc."},
			apperr.FieldError{Field: "to", Message: "Ngày kết thúc không được trước ngày bắt đầu."})
	}
	if len(fields) > 0 {
		return period{}, apperr.Invalid("Khoảng thời gian không hợp lệ.", fields...)
	}
	return p, nil
}

// bounds are the period's dates as the API shows them, nil when open.
func (p period) bounds() (from, to *string) {
	if !p.from.IsZero() {
		s := p.from.Format(dateLayout)
		from = &s
	}
	if !p.to.IsZero() {
		s := p.to.Format(dateLayout)
		to = &s
	}
	return from, to
}

// start is the first instant of the period, zero when open.
func (p period) start() time.Time {
	if p.from.IsZero() {
		return time.Time{}
	}
	return p.from.UTC()
}

// end is the first instant after the period (the local midnight after its
// last day), zero when open.
func (p period) end() time.Time {
	if p.to.IsZero() {
		return time.Time{}
	}
	return p.to.AddDate(0, 0, 1).UTC()
}

// LocalDay is the local date, YYYY-MM-DD, on which the instant t falls: the
// day an order placed at t counts on.
func LocalDay(t time.Time) string { return t.In(Location).Format(dateLayout) }
