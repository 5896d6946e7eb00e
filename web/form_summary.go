package web

import (
	"html"
	"regexp"
	"sort"
	"strings"
)

// A form that fails validation comes back with the GOV.UK error summary at
// the top of the page (layout.html: a box with role="alert" that the page
// script focuses, "Xin kiểm tra lại:", a link to each field), what was
// typed (view.Form), and each field's own message under it, tied to the
// field with aria-describedby. render does it for every page from
// view.Errors and view.ErrorList, so no form can forget a part of it.

// summaryItem is one line of the error summary: a message, and the id of
// the field it is about ("" when the page has no such field).
type summaryItem struct {
	Message string
	Field   string
}

// fieldTag finds the form control with an id in a rendered page.
func fieldTag(content, id string) (start, end int, ok bool) {
	attr := ` id="` + html.EscapeString(id) + `"`
	for from := 0; ; {
		i := strings.Index(content[from:], attr)
		if i < 0 {
			return 0, 0, false
		}
		i += from
		start = strings.LastIndexByte(content[:i], '<')
		end = strings.IndexByte(content[i:], '>') // html/template escapes > in attribute values
		if start >= 0 && end >= 0 {
			tag := content[start:i]
			if !strings.ContainsAny(tag, ">") && (strings.HasPrefix(tag, "<input") || strings.HasPrefix(tag, "<select") || strings.HasPrefix(tag, "<textarea")) {
				return start, i + end, true
			}
		}
		from = i + len(attr)
	}
}

var (
	describedBy = regexp.MustCompile(` aria-describedby="([^"]*)"`)
	tagPattern  = regexp.MustCompile(`<[^>]*>`)
)

// markInvalid ties each field of errs found in the page's content to its
// message (aria-invalid="true", and err-<field> added to its
// aria-describedby: the ferr partial gives the message that id) and
// returns the page with the error summary's lines: the messages of list
// first, then each field's message, labelled, in the order the fields come
// on the page; a field the page does not show is listed without a link, so
// no message is lost.
func markInvalid(content string, errs map[string]string, list []string) (string, []summaryItem) {
	type found struct {
		field string
		at    int
	}
	var onPage []found
	var missing []string
	for f := range errs {
		if _, _, ok := fieldTag(content, f); ok {
			onPage = append(onPage, found{f, 0})
		} else {
			missing = append(missing, f)
		}
	}
	for i := range onPage {
		start, end, _ := fieldTag(content, onPage[i].field)
		tag := content[start:end]
		selfClosing := strings.HasSuffix(tag, "/") // <input … /> keeps its slash last
		tag = strings.TrimRight(strings.TrimSuffix(tag, "/"), " ")
		msgID := "err-" + html.EscapeString(onPage[i].field)
		switch m := describedBy.FindStringSubmatch(tag); {
		case m == nil:
			tag += ` aria-describedby="` + msgID + `"`
		case !strings.Contains(" "+m[1]+" ", " "+msgID+" "):
			tag = strings.Replace(tag, m[0], ` aria-describedby="`+strings.TrimSpace(m[1]+" "+msgID)+`"`, 1)
		}
		if !strings.Contains(tag, ` aria-invalid=`) {
			tag += ` aria-invalid="true"`
		}
		if selfClosing {
			tag += " /"
		}
		content = content[:start] + tag + content[end:]
		onPage[i].at = start
		if !strings.Contains(content, ` id="`+msgID+`"`) {
			content = withMessage(content, start, msgID, errs[onPage[i].field])
		}
	}
	sort.Slice(onPage, func(i, j int) bool { return onPage[i].at < onPage[j].at })
	sort.Strings(missing)

	items := make([]summaryItem, 0, len(list)+len(errs))
	for _, m := range list {
		items = append(items, summaryItem{Message: m})
	}
	for _, f := range onPage {
		items = append(items, summaryItem{Message: labelled(content, f.field, errs[f.field]), Field: f.field})
	}
	for _, f := range missing {
		items = append(items, summaryItem{Message: errs[f]})
	}
	return content, items
}

// labelled puts the text of the field's label before its message, unless
// the message names the field already, so each line of the summary says
// which field it is about.
func labelled(content, field, msg string) string {
	open := `<label for="` + html.EscapeString(field) + `"`
	i := strings.Index(content, open)
	if i < 0 {
		return msg
	}
	rest := content[i:]
	gt, end := strings.IndexByte(rest, '>'), strings.Index(rest, "</label>")
	if gt < 0 || end < gt {
		return msg
	}
	label := strings.TrimSpace(html.UnescapeString(tagPattern.ReplaceAllString(rest[gt+1:end], "")))
	label = strings.TrimSuffix(label, ":")
	name, _, _ := strings.Cut(label, " (") // "Giá bán (₫)" is about "Giá bán"
	if name == "" || strings.Contains(strings.ToLower(msg), strings.ToLower(name)) {
		return msg // "Mật khẩu cần ít nhất 8 ký tự." says which field already
	}
	return label + ": " + msg
}

// withMessage shows a field's message right after the control that starts
// at start, for a template that did not place the ferr partial itself.
func withMessage(content string, start int, msgID, msg string) string {
	end := start + strings.IndexByte(content[start:], '>') + 1
	for _, el := range []string{"select", "textarea"} {
		if strings.HasPrefix(content[start:], "<"+el) {
			if i := strings.Index(content[start:], "</"+el+">"); i >= 0 {
				end = start + i + len("</"+el+">")
			}
		}
	}
	p := `<p class="ferr" id="` + msgID + `">` + html.EscapeString(msg) + `</p>`
	return content[:end] + p + content[end:]
}
