package web_test

import (
	"html"
	"net/url"
	"regexp"
	"strings"
)

var (
	formTag  = regexp.MustCompile(`(?s)<form\b[^>]*>.*?</form>`)
	inputTag = regexp.MustCompile(`<input\b[^>]*>`)
	attrPat  = regexp.MustCompile(`([a-z-]+)(?:="([^"]*)")?`)
)

// attrs reads the attributes of one tag.
func attrs(tag string) map[string]string {
	m := map[string]string{}
	for _, a := range attrPat.FindAllStringSubmatch(strings.TrimSuffix(strings.TrimPrefix(tag, "<input"), ">"), -1) {
		m[a[1]] = html.UnescapeString(a[2])
	}
	return m
}

// formFields is what a browser would send from the first form of body
// whose action is action, as the page shows it: every input with a name,
// unticked boxes left out (selects and textareas are not read).
func formFields(body, action string) url.Values {
	out := url.Values{}
	for _, f := range formTag.FindAllString(body, -1) {
		open := f[:strings.Index(f, ">")]
		if !strings.Contains(open, `action="`+action+`"`) {
			continue
		}
		for _, tag := range inputTag.FindAllString(f, -1) {
			a := attrs(tag)
			if a["name"] == "" || a["type"] == "file" {
				continue
			}
			if _, checked := a["checked"]; (a["type"] == "checkbox" || a["type"] == "radio") && !checked {
				continue
			}
			out.Add(a["name"], a["value"])
		}
		return out
	}
	return nil
}
