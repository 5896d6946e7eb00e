package reports_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/reports"
)

func TestSalesCSV(t *testing.T) {
	from, to := "2026-01-01", "2026-02-28"
	r := &reports.Sales{GroupBy: reports.ByMonth, From: &from, To: &to, Rows: []reports.Row{
		{Key: "2026-01", Label: "Tháng 1/2026", Orders: 2, Items: 4, GMVVND: 1330000},
		{Key: "2026-02", Label: "Tháng 2/2026", Orders: 12, Items: 40, GMVVND: 99815000},
	}}
	var b bytes.Buffer
	if err := r.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "\xEF\xBB\xBFTháng,Số đơn,Số sản phẩm,Doanh số (VND)\r\n" +
		"Tháng 1/2026,2,4,1330000\r\n" +
		"Tháng 2/2026,12,40,99815000\r\n"
	if b.String() != want {
		t.Errorf("csv\n%q\nwant\n%q", b.String(), want)
	}
	if got := r.Filename(); got != "doanh-so-theo-thang_2026-01-01_2026-02-28.csv" {
		t.Errorf("filename %q", got)
	}
}

// TestCSVCells covers quoting and formula injection: a product named by a
// seller must never run as a formula in a staff member's Excel.
func TestCSVCells(t *testing.T) {
	r := &reports.Sales{GroupBy: reports.ByProduct, Coop: &reports.CoopRef{Slug: "htx-hoa-sen"}, Rows: []reports.Row{
		{Label: "Bánh đa, loại 1", Orders: 1, Items: 1, GMVVND: 1},
		{Label: `Trà "shan tuyết"`, Orders: 1, Items: 1, GMVVND: 1},
		{Label: "=HYPERLINK(\"http://x\")", Orders: 1, Items: 1, GMVVND: 1},
		{Label: "-1+2", Orders: 1, Items: 1, GMVVND: 1},
		{Label: "@SUM(A1)", Orders: 1, Items: 1, GMVVND: 1},
	}}
	var b bytes.Buffer
	if err := r.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "\xEF\xBB\xBFSản phẩm,Số đơn,Số sản phẩm,Doanh số (VND)\r\n" +
		"\"Bánh đa, loại 1\",1,1,1\r\n" +
		"\"Trà \"\"shan tuyết\"\"\",1,1,1\r\n" +
		"\"'=HYPERLINK(\"\"http://x\"\")\",1,1,1\r\n" +
		"\"'-1+2\",1,1,1\r\n" +
		"\"'@SUM(A1)\",1,1,1\r\n"
	if b.String() != want {
		t.Errorf("csv\n%q\nwant\n%q", b.String(), want)
	}
	if got := r.Filename(); got != "doanh-so-htx-hoa-sen-theo-san-pham.csv" {
		t.Errorf("filename %q", got)
	}
}

func TestOverviewCSV(t *testing.T) {
	o := &reports.Overview{Coops: reports.CoopCounts{Pending: 1, Approved: 2, Rejected: 3, Suspended: 4},
		ProductsActive: 5, Orders: 6, DeliveredOrders: 7, GMVVND: 8000000}
	var b bytes.Buffer
	if err := o.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "\xEF\xBB\xBFChỉ số,Giá trị\r\n" +
		"Hợp tác xã chờ duyệt,1\r\nHợp tác xã đã duyệt,2\r\nHợp tác xã bị từ chối,3\r\nHợp tác xã bị tạm ngưng,4\r\n" +
		"Sản phẩm đang bán,5\r\nSố đơn đã đặt (trừ đơn huỷ),6\r\nSố đơn đã giao,7\r\nDoanh số (VND),8000000\r\n"
	if b.String() != want {
		t.Errorf("csv\n%q\nwant\n%q", b.String(), want)
	}
	if got := o.Filename(); got != "tong-quan.csv" {
		t.Errorf("filename %q", got)
	}
}

func TestMonthLabel(t *testing.T) {
	for key, want := range map[string]string{"2026-01": "Tháng 1/2026", "2025-12": "Tháng 12/2025", "x": "x"} {
		if got := reports.MonthLabel(key); got != want {
			t.Errorf("MonthLabel(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestCSVQuotesSeparatorsAndFormulas: Vietnamese Excel splits on ";" as
// well as ",", so a label holding any separator, a quote or a line break is
// quoted whole, and a formula trigger at the start of a cell, or after a
// separator, can never begin a cell of its own. Formula-looking cells get
// OWASP's leading apostrophe.
func TestCSVQuotesSeparatorsAndFormulas(t *testing.T) {
	for _, tc := range []struct{ label, want string }{
		{"Gạo tám thơm", "Gạo tám thơm"},
		{"Tháng 1/2026", "Tháng 1/2026"},
		{"Gạo;=1+1", `"Gạo;=1+1"`},
		{"Gạo,=1+1", `"Gạo,=1+1"`},
		{"Gạo\t=1+1", "\"Gạo\t=1+1\""},
		{"Gạo\r\n=1+1", "\"Gạo\r\n=1+1\""},
		{"Gạo\n@SUM(A1)", "\"Gạo\n@SUM(A1)\""},
		{"Gạo;-2+3", `"Gạo;-2+3"`},
		{"Gạo; +2", `"Gạo; +2"`},
		{`Trà "ngon"`, `"Trà ""ngon"""`},
		{"=1+1", `"'=1+1"`},
		{"+84912345678", `"'+84912345678"`},
		{"-5", `"'-5"`},
		{"@SUM(A1)", `"'@SUM(A1)"`},
		{"\t=1+1", "\"'\t=1+1\""},
		{"\r=1+1", "\"'\r=1+1\""},
		{" =1+1", `"' =1+1"`},
		{"=cmd|' /C calc'!A0;x", `"'=cmd|' /C calc'!A0;x"`},
		{"Bánh - loại 1", "Bánh - loại 1"},
		{"", ""},
	} {
		r := &reports.Sales{GroupBy: reports.ByProduct, Rows: []reports.Row{{Label: tc.label, Orders: 1, Items: 2, GMVVND: 3}}}
		var b bytes.Buffer
		if err := r.WriteCSV(&b); err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitN(b.String(), "\r\n", 2)
		want := tc.want + ",1,2,3\r\n"
		if len(lines) != 2 || lines[1] != want {
			t.Errorf("label %q:\n got  %q\n want %q", tc.label, lines[len(lines)-1], want)
		}
		// Read back, the label is one cell holding the name (guarded or not).
		recs, err := csv.NewReader(strings.NewReader(lines[1])).ReadAll()
		label := strings.ReplaceAll(tc.label, "\r\n", "\n")
		if err != nil || len(recs) != 1 || len(recs[0]) != 4 || (recs[0][0] != label && recs[0][0] != "'"+label) {
			t.Errorf("label %q reads back as %q %v", tc.label, recs, err)
		}
	}
}
