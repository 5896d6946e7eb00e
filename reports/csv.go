package reports

import (
	"encoding/csv"
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
}

// WriteCSV writes the report as CSV: a header row (the grouping's title,
// then "Số đơn", "Số sản phẩm", "Doanh số (VND)") and one line per row with
// its label.
func (r *Sales) WriteCSV(w io.Writer) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	_ = cw.Write(append([]string{groupTitle[r.GroupBy]}, measureTitles...))
	for _, row := range r.Rows {
		_ = cw.Write([]string{cell(row.Label), itoa(row.Orders), itoa(row.Items), itoa(row.GMVVND)})
	}
	cw.Flush()
	return cw.Error()
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
	_ = cw.Write([]string{"Chỉ số", "Giá trị"})
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
		_ = cw.Write([]string{kv.name, itoa(kv.v)})
	}
	cw.Flush()
	return cw.Error()
}

// Filename is the overview CSV's download name.
func (o *Overview) Filename() string { return "tong-quan" + periodSuffix(o.From, o.To) + ".csv" }

func newCSV(w io.Writer) (*csv.Writer, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return cw, nil
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
// as a formula in the staff member's spreadsheet (OWASP "CSV Injection").
// Such a cell is prefixed with an apostrophe, which Excel shows as text.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
