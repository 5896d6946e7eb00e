package notify

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Zalo is the Zalo ZNS channel: a template message to the Zalo account of a
// phone number, by Zalo's documented API (POST {base}/message/template with
// the OA's access_token header; body {phone, template_id, template_data,
// tracking_id}; success is "error": 0). Only kinds with a configured
// template are sent this way.
type Zalo struct {
	base      string
	token     string
	templates map[string]string
	client    *http.Client
}

// ZaloOptions configure the Zalo ZNS channel.
type ZaloOptions struct {
	// BaseURL is Zalo's API (https://business.openapi.zalo.me).
	BaseURL     string
	AccessToken string
	// Templates maps a notification kind to its approved ZNS template id.
	Templates map[string]string
	// Timeout bounds one call (10 s).
	Timeout time.Duration
}

// NewZalo returns the Zalo ZNS channel.
func NewZalo(o ZaloOptions) *Zalo {
	if o.BaseURL == "" {
		o.BaseURL = "https://business.openapi.zalo.me"
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	return &Zalo{base: strings.TrimRight(o.BaseURL, "/"), token: o.AccessToken, templates: o.Templates, client: &http.Client{Timeout: o.Timeout}}
}

// Name is "zalo".
func (z *Zalo) Name() string { return "zalo" }

// Handles says whether kind has a template.
func (z *Zalo) Handles(kind string) bool { return z.templates[kind] != "" }

// Address is the phone in Zalo's 84… form.
func (z *Zalo) Address(_ context.Context, r Recipient) (string, error) {
	return phone84(r.Phone), nil
}

// phone84 writes a Vietnamese number as 84… (no plus, no leading zero), ""
// when it is not one.
func phone84(p string) string {
	p = strings.TrimPrefix(strings.TrimSpace(p), "+")
	switch {
	case strings.HasPrefix(p, "84") && len(p) >= 11:
		return p
	case strings.HasPrefix(p, "0") && len(p) >= 10:
		return "84" + p[1:]
	}
	return ""
}

// zaloPermanent are the ZNS error codes another try cannot fix: a phone
// that is not valid or has no Zalo account, a template or its data
// refused.
var zaloPermanent = []int{-108, -109, -112, -118, -131, -132, -139}

// Send sends m as its kind's template. template_data carries the words
// of the catalogue and the ids; the approved templates name these
// parameters (docs/api.md lists them). tracking_id is the message's id.
func (z *Zalo) Send(ctx context.Context, m Message) error {
	tpl := z.templates[m.Kind]
	if tpl == "" {
		return Permanent(fmt.Errorf("no ZNS template for %s", m.Kind))
	}
	data := map[string]string{"title": m.Title, "body": m.Body, "link": m.Link}
	for k, v := range dataStrings(m.Data) {
		data[k] = v
	}
	var ans struct {
		Error   int    `json:"error"`
		Message string `json:"message"`
	}
	err := postJSON(ctx, z.client, z.base+"/message/template", map[string]string{"access_token": z.token}, map[string]any{
		"phone": m.Address, "template_id": tpl, "template_data": data, "tracking_id": m.ID,
	}, &ans)
	if err != nil {
		return fmt.Errorf("zalo: %w", err)
	}
	if ans.Error != 0 {
		err := fmt.Errorf("zalo: error %d %s", ans.Error, ans.Message)
		if slices.Contains(zaloPermanent, ans.Error) {
			return Permanent(err)
		}
		return err
	}
	return nil
}
