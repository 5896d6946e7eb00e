package web

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestFocusOutlineContrast computes, from the stylesheet's own colours,
// the contrast of the keyboard focus outline against the dark bands it is
// drawn on (the header and the footer): WCAG 1.4.11 asks at least 3:1.
func TestFocusOutlineContrast(t *testing.T) {
	css, err := assetFS.ReadFile("assets/app.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, band := range []string{".top", ".foot"} {
		bg := ruleColour(t, string(css), band, "background")
		outline, ok := cssColour(string(css), band+" :focus-visible", "outline")
		if !ok {
			outline = ruleColour(t, string(css), ":focus-visible", "outline")
		}
		r := contrast(bg, outline)
		t.Logf("%s: focus outline %s on %s: %.2f:1", band, outline, bg, r)
		if r < 3 {
			t.Errorf("the focus outline %s on %s's %s is %.2f:1, under 3:1", outline, band, bg, r)
		}
	}
	if r := contrast("#1c1917", "#fee2e2"); r < 3 {
		t.Errorf("the error summary's focus outline: %.2f:1", r)
	}
}

// cssColour reads the first #rrggbb of property in the rule whose selector
// list holds selector exactly.
func cssColour(css, selector, property string) (string, bool) {
	rule := regexp.MustCompile(`(?:^|[}\n,])` + regexp.QuoteMeta(selector) + `(?:,[^{]*)?\{([^}]*)\}`)
	for _, m := range rule.FindAllStringSubmatch(css, -1) {
		for _, decl := range strings.Split(m[1], ";") {
			name, val, _ := strings.Cut(decl, ":")
			if strings.TrimSpace(name) != property && strings.TrimSpace(name) != property+"-color" {
				continue
			}
			if c := regexp.MustCompile(`#[0-9a-fA-F]{6}\b`).FindString(val); c != "" {
				return c, true
			}
		}
	}
	return "", false
}

func ruleColour(t *testing.T, css, selector, property string) string {
	t.Helper()
	c, ok := cssColour(css, selector, property)
	if !ok {
		t.Fatalf("app.css has no %s colour for %s", property, selector)
	}
	return c
}

// contrast is the WCAG contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// luminance is the WCAG relative luminance of #rrggbb.
func luminance(hex string) float64 {
	lin := func(i int) float64 {
		v, _ := strconv.ParseUint(hex[i:i+2], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(1) + 0.7152*lin(3) + 0.0722*lin(5)
}
