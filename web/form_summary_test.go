package web

import (
	"strings"
	"testing"
)

func TestMarkInvalidTiesFieldsToMessages(t *testing.T) {
	page := `<form><label for="b">Giá bán (₫)</label><input id="b" name="b" aria-describedby="b-help">` +
		`<p id="b-help">…</p><p class="ferr" id="err-b">Sai giá.</p>` +
		`<label for="a">Tỉnh</label><select id="a" name="a"><option>x</option></select>` +
		`<input id="c" name="c" value="a&gt;b" /><label for="d">Giá bán (₫)</label><input id="d"></form>`
	out, items := markInvalid(page, map[string]string{"a": "Hãy chọn.", "b": "Sai giá.", "d": "Giá bán phải lớn hơn 0.", "c": "Sai.", "zz": "Không có ô này."}, []string{"Chung."})
	for _, want := range []string{
		`<input id="b" name="b" aria-describedby="b-help err-b" aria-invalid="true">`,
		`<select id="a" name="a" aria-describedby="err-a" aria-invalid="true"><option>x</option></select><p class="ferr" id="err-a">Hãy chọn.</p>`,
		`<input id="c" name="c" value="a&gt;b" aria-describedby="err-c" aria-invalid="true" /><p class="ferr" id="err-c">Sai.</p>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %s:\n%s", want, out)
		}
	}
	want := []summaryItem{{"Chung.", ""}, {"Giá bán (₫): Sai giá.", "b"}, {"Tỉnh: Hãy chọn.", "a"}, {"Sai.", "c"}, {"Giá bán phải lớn hơn 0.", "d"}, {"Không có ô này.", ""}}
	if len(items) != len(want) {
		t.Fatalf("summary %v, want %v", items, want)
	}
	for i := range want {
		if items[i] != want[i] {
			t.Errorf("summary line %d: %v, want %v", i, items[i], want[i])
		}
	}
}
