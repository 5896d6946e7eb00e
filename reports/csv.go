package reports

import (
	"io"
	"strconv"
	"strings"
)

// CSV files are UTF-8 with a byte-order mark, which is what makes Excel
// read them as UTF-8 rather than the system code page (and so show "Tháng",
// not "ThÃ¡ng"); CRLF line ends (RFC 4180); plain integers, no thousands
// separators, so Excel sees numbers.
const bom = "\uFEFF"

// CSV column titles.
var (
	groupTitle = map[GroupBy]string{
		ByMonth:    "Tháng",
		ByProvince: "Tỉnh/thành phố",
		ByCategory: "Danh mục",
		ByCoop:     "Hợp tác xã",
		ByProduct:  "Sản phẩm",
		// The Hội's network (referrer_sales.go).
		ByReferrer:       "Người giới thiệu",
		ByChapterCommune: "Xã của chi hội",
	}
	measureTitles = []string{"Số đơn", "Số sản phẩm", "Doanh số (VND)"}
)

// groupSlug names a grouping in file names.
var groupSlug = map[GroupBy]string{
	ByMonth:    "thang",
	ByProvince: "tinh",
	ByCategory: "danh-muc",
	ByCoop:     "hop-tac-xa",
	ByProduct:  "san-pham",
	// The Hội's network (referrer_sales.go).
	ByReferrer:       "nguoi-gioi-thieu",
	ByChapterCommune: "chi-hoi",
}

// WriteCSV writes the report as CSV: a header row (the grouping's title,
// then "Số đơn", "Số sản phẩm", "Doanh số (VND)") and one line per row with
// its label.
func (r *Sales) WriteCSV(w io.Writer) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	cw.row(append([]string{groupTitle[r.GroupBy]}, measureTitles...)...)
	for _, row := range r.Rows {
		cw.row(cell(row.Label), itoa(row.Orders), itoa(row.Items), itoa(row.GMVVND))
	}
	return cw.err
}

// Filename is the CSV's download name, ASCII only:
// doanh-so-theo-thang_2026-01-01_2026-03-31.csv, with the coop's slug for a
// cooperative's report.
func (r *Sales) Filename() string {
	name := "doanh-so"
	if r.Coop != nil {
		name += "-" + r.Coop.Slug
	}
	return name + "-theo-" + groupSlug[r.GroupBy] + periodSuffix(r.From, r.To) + ".csv"
}

// WriteCSV writes the overview as two columns, "Chỉ số" and "Giá trị".
func (o *Overview) WriteCSV(w io.Writer) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	cw.row("Chỉ số", "Giá trị")
	for _, kv := range []struct {
		name string
		v    int64
	}{
		{"Hợp tác xã chờ duyệt", o.Coops.Pending},
		{"Hợp tác xã đã duyệt", o.Coops.Approved},
		{"Hợp tác xã bị từ chối", o.Coops.Rejected},
		{"Hợp tác xã bị tạm ngưng", o.Coops.Suspended},
		{"Sản phẩm đang bán", o.ProductsActive},
		{"Số đơn đã đặt (trừ đơn huỷ)", o.Orders},
		{"Số đơn đã giao", o.DeliveredOrders},
		{"Doanh số (VND)", o.GMVVND},
	} {
		cw.row(kv.name, itoa(kv.v))
	}
	return cw.err
}

// Filename is the overview CSV's download name.
func (o *Overview) Filename() string { return "tong-quan" + periodSuffix(o.From, o.To) + ".csv" }

// csvWriter writes RFC 4180 rows with CRLF ends. It is not encoding/csv,
// which quotes only fields holding a comma, a quote or a line break: Excel
// set to Vietnamese (and many European locales) splits on ";" too, so a
// label "Gạo;=1+1" written bare would become two cells, the second a formula.
type csvWriter struct {
	w   io.Writer
	err error
}

func newCSV(w io.Writer) (*csvWriter, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, err
	}
	return &csvWriter{w: w}, nil
}

// row writes one line; after a failed write it does nothing, and err says why.
func (cw *csvWriter) row(fields ...string) {
	if cw.err != nil {
		return
	}
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		if needsQuotes(f) {
			b.WriteByte('"')
			b.WriteString(strings.ReplaceAll(f, `"`, `""`))
			b.WriteByte('"')
		} else {
			b.WriteString(f)
		}
	}
	b.WriteString("\r\n")
	_, cw.err = io.WriteString(cw.w, b.String())
}

// needsQuotes says whether a field must be quoted whole: it holds a
// separator Excel may split on (comma, semicolon, tab), a quote, a line
// break, starts or ends with a space, or starts with the apostrophe cell
// adds (so the guarded cell is plainly one string).
func needsQuotes(f string) bool {
	if f == "" {
		return false
	}
	return strings.ContainsAny(f, ",;\t\"\r\n") || f[0] == ' ' || f[len(f)-1] == ' ' || f[0] == '\''
}

func periodSuffix(from, to *string) string {
	if from == nil && to == nil {
		return ""
	}
	s := "_"
	if from != nil {
		s += *from
	}
	s += "_"
	if to != nil {
		s += *to
	}
	return s
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// cell guards a text cell against formula injection: sellers name their
// products and coops, and Excel would run a name starting with = + - or @
// (or a tab or carriage return before one) as a formula in the staff
// member's spreadsheet (OWASP "CSV Injection"). Such a cell, and one whose
// first character after leading spaces is a trigger, is prefixed with an
// apostrophe, which Excel shows as text; row then quotes it. A trigger
// later in the cell is harmless once the cell cannot be split: row quotes
// every cell holding a separator.
func cell(s string) string {
	t := strings.TrimLeft(s, " ")
	if s != "" && (isFormulaTrigger(s[0]) || (t != "" && isFormulaTrigger(t[0]))) {
		return "'" + s
	}
	return s
}

func isFormulaTrigger(c byte) bool { return strings.IndexByte("=+-@\t\r", c) >= 0 }
